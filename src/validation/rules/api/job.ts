/**
 * `api/job` and `api/cronjob`: batch/v1 rules (`ValidateJobSpec`, `ValidateCronJobSpec`), including the
 * Job-without-restartPolicy trap (defaulted to Always, then rejected) and robfig/cron schedule parsing.
 *
 * Source (1.28): kubernetes/kubernetes `pkg/apis/batch/validation/validation.go` (`ValidateJob`,
 * `validateJobSpec`, `ValidateCronJobCreate`, `validateCronJobSpec`, `validateTimeZone`, `validateScheduleFormat`)
 * through `pkg/registry/batch/job/strategy.go` and `pkg/registry/batch/cronjob/strategy.go` (the TZ prefix
 * warning), after batch/v1 `SetDefaults_Job` and `SetDefaults_CronJob` (`pkg/apis/batch/v1/defaults.go`).
 */
import { KubeObject, Layer, Severity, Violation } from '../../types';
import { ObjectRule } from '../../rule';
import {
  asObject,
  asStruct,
  invalid,
  isSet,
  JsonObject,
  notSupported,
  readNonNegativeInt32,
  readNonNegativeInt64,
  required,
} from '../common/field';
import { parseCronSchedule } from '../common/cron';
import { isKnownTimeZone } from '../common/time-zone';
import { selectorMatches, validateLabelSelector } from '../common/selector';
import { podSpecOf, templateLabelsOf } from './pod-spec';

const COMPLETION_MODES = ['NonIndexed', 'Indexed'];
const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'];
const MAX_PARALLELISM_FOR_INDEXED_JOB = 100000;

/** Checks a Job spec at `path` (a Job or a CronJob job template). */
function validateJobSpec(out: Violation[], spec: JsonObject, path: string): void {
  const parallelism = readNonNegativeInt32(out, spec.parallelism, `${path}.parallelism`);
  readNonNegativeInt32(out, spec.completions, `${path}.completions`);
  readNonNegativeInt64(out, spec.activeDeadlineSeconds, `${path}.activeDeadlineSeconds`);
  readNonNegativeInt32(out, spec.backoffLimit, `${path}.backoffLimit`);
  readNonNegativeInt32(out, spec.ttlSecondsAfterFinished, `${path}.ttlSecondsAfterFinished`);
  const mode = spec.completionMode;
  if (typeof mode === 'string') {
    if (!COMPLETION_MODES.includes(mode)) {
      out.push(notSupported(`${path}.completionMode`, mode, COMPLETION_MODES));
    }
    if (mode === 'Indexed') {
      if (!isSet(spec.completions)) {
        out.push(required(`${path}.completions`, 'when completion mode is Indexed'));
      }
      if (parallelism !== undefined && parallelism > MAX_PARALLELISM_FOR_INDEXED_JOB) {
        out.push(invalid(`${path}.parallelism`, parallelism, `must be less than or equal to ${MAX_PARALLELISM_FOR_INDEXED_JOB} when completion mode is Indexed`));
      }
    }
  }
  const restartPolicy = podSpecOf(spec.template).restartPolicy;
  const rpPath = `${path}.template.spec.restartPolicy`;
  if (restartPolicy === undefined || restartPolicy === null || restartPolicy === '' || restartPolicy === 'Always') {
    out.push(required(rpPath, 'valid values: "OnFailure", "Never"'));
  } else if (restartPolicy !== 'OnFailure' && restartPolicy !== 'Never') {
    out.push(notSupported(rpPath, restartPolicy, ['OnFailure', 'Never']));
  }
}

function checkJob(object: KubeObject): Violation[] {
  const out: Violation[] = [];
  // a missing or null spec decodes to the zero spec, which is still validated
  const spec = asStruct(object.spec);
  validateJobSpec(out, spec, 'spec');
  if (spec.manualSelector === true) {
    if (!isSet(spec.selector)) {
      out.push(required('spec.selector'));
    } else {
      validateLabelSelector(out, spec.selector, 'spec.selector');
      const labels = templateLabelsOf(spec.template);
      if (!selectorMatches(spec.selector, labels)) {
        out.push(invalid('spec.template.metadata.labels', labels ?? {}, '`selector` does not match template `labels`'));
      }
    }
  } else if (isSet(spec.selector)) {
    out.push(invalid('spec.selector', spec.selector, '`selector` not auto-generated'));
  }
  return out;
}

function validateTimeZone(out: Violation[], timeZone: unknown, path: string): void {
  if (typeof timeZone !== 'string') {
    return;
  }
  if (timeZone.length === 0) {
    out.push(invalid(path, timeZone, 'timeZone must be nil or non-empty string'));
  } else if (timeZone.toLowerCase() === 'local') {
    // strings.EqualFold(tz, "Local"), then time.LoadLocation, which knows "Local" only in that case
    out.push(invalid(path, timeZone, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
    if (timeZone !== 'Local') {
      out.push(invalid(path, timeZone, `unknown time zone ${timeZone}`));
    }
  } else if (!isKnownTimeZone(timeZone)) {
    out.push(invalid(path, timeZone, `unknown time zone ${timeZone}`));
  }
}

function checkCronJob(object: KubeObject): Violation[] {
  const out: Violation[] = [];
  // a missing or null spec decodes to the zero spec, which is still validated
  const spec = asStruct(object.spec);
  const schedule = typeof spec.schedule === 'string' ? spec.schedule : '';
  if (schedule.length === 0) {
    out.push(required('spec.schedule'));
  } else {
    const parsed = parseCronSchedule(schedule);
    if (parsed.error) {
      out.push(invalid('spec.schedule', schedule, parsed.error));
    }
    if (schedule.includes('TZ') && isSet(spec.timeZone)) {
      out.push(invalid('spec.schedule', schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
    }
  }
  readNonNegativeInt64(out, spec.startingDeadlineSeconds, 'spec.startingDeadlineSeconds');
  validateTimeZone(out, spec.timeZone, 'spec.timeZone');
  if (typeof spec.concurrencyPolicy === 'string' && spec.concurrencyPolicy !== '' && !CONCURRENCY_POLICIES.includes(spec.concurrencyPolicy)) {
    out.push(notSupported('spec.concurrencyPolicy', spec.concurrencyPolicy, CONCURRENCY_POLICIES));
  }
  readNonNegativeInt32(out, spec.successfulJobsHistoryLimit, 'spec.successfulJobsHistoryLimit');
  readNonNegativeInt32(out, spec.failedJobsHistoryLimit, 'spec.failedJobsHistoryLimit');
  const jobSpec = asObject(asObject(spec.jobTemplate)?.spec);
  if (jobSpec) {
    validateJobSpec(out, jobSpec, 'spec.jobTemplate.spec');
    if (isSet(jobSpec.selector)) {
      out.push(invalid('spec.jobTemplate.spec.selector', jobSpec.selector, '`selector` will be auto-generated'));
    }
    if (jobSpec.manualSelector === true) {
      out.push(notSupported('spec.jobTemplate.spec.manualSelector', true, ['nil', 'false']));
    }
  }
  return out;
}

function checkCronJobTzPrefix(object: KubeObject): Violation[] {
  const schedule = asObject(object.spec)?.schedule;
  if (typeof schedule === 'string' && (schedule.startsWith('TZ=') || schedule.startsWith('CRON_TZ='))) {
    return [invalid('spec.schedule', schedule, 'CRON_TZ or TZ used in schedule is not officially supported and is rejected from Kubernetes 1.29; use the timeZone field instead')];
  }
  return [];
}

/** `api/job`. */
export const JOB_RULE: ObjectRule = {
  id: 'api/job',
  layer: Layer.API,
  defaultSeverity: Severity.ERROR,
  scope: 'object',
  kinds: ['Job'],
  description:
    'Job spec: non-negative counters, completionMode (Indexed needs completions), template restartPolicy OnFailure or Never (omitting it defaults to Always and is rejected), selectors only with manualSelector and matching the template labels.',
  example: 'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
  check: checkJob,
};

/** `api/cronjob`. */
export const CRONJOB_RULE: ObjectRule = {
  id: 'api/cronjob',
  layer: Layer.API,
  defaultSeverity: Severity.ERROR,
  scope: 'object',
  kinds: ['CronJob'],
  description:
    'CronJob spec: schedule parsed like robfig/cron standard mode (5 fields, names, ranges, steps, descriptors, @every), timeZone a known IANA zone and not Local, concurrencyPolicy, non-negative limits, and the job template rules (restartPolicy, no selector).',
  example: 'spec.schedule: Invalid value: "0 0 * * * *": expected exactly 5 fields, found 6: [0 0 * * * *]',
  check: checkCronJob,
};

/** `api/cronjob-tz-prefix`: the 1.28 server only warns about TZ=/CRON_TZ= prefixes; 1.29 rejects them. */
export const CRONJOB_TZ_PREFIX_RULE: ObjectRule = {
  id: 'api/cronjob-tz-prefix',
  layer: Layer.API,
  defaultSeverity: Severity.WARNING,
  scope: 'object',
  kinds: ['CronJob'],
  description: 'A TZ= or CRON_TZ= prefix in the schedule: accepted with a warning by 1.28, rejected for new CronJobs from 1.29.',
  example: 'spec.schedule: Invalid value: "TZ=UTC 0 * * * *": CRON_TZ or TZ used in schedule is not officially supported and is rejected from Kubernetes 1.29; use the timeZone field instead',
  check: checkCronJobTzPrefix,
};
