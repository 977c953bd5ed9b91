/**
 * Measurements of the validation engine in-process: per layer, all layers, per rule, plain ajv on the
 * same compiled schemas, and heap growth of a streaming run.
 *
 * Every measurement validates freshly generated objects, because the rules cache derived data per
 * object (pod templates, container lists, ConfigMap keys): a second run over the same objects would
 * be cheaper than a real one.
 */
import { performance } from 'perf_hooks';
import * as v8 from 'v8';
import * as vm from 'vm';
import { BundleScope, builtinRules, createValidator, Rule, validate, ValidationOptions } from '../../src/validation';
import { findValidator } from '../../src/validation/schema/registry';
import { KubeObject, Layer, SourcedObject } from '../../src/validation/types';
import { appObjects, generateValidationObjects, SeededRandom, sourcedValidationObjects, validationExternals } from '../fixtures/validation-objects';

/** One timed measurement. */
export interface ValidationTiming {
  /** What ran (`layer schema`, `all layers`, a rule id, `plain ajv`). */
  readonly label: string;
  readonly objects: number;
  /** Wall-clock seconds. */
  readonly seconds: number;
  /** CPU seconds of the process (user + system, all threads) during the run; steadier than wall time on a loaded machine. */
  readonly cpuSeconds: number;
  readonly findings: number;
}

/** Objects per CPU second of a timing. */
export function rateOf(timing: ValidationTiming): number {
  return timing.objects / timing.cpuSeconds;
}

/** Starts a wall-clock and CPU timer; the returned function gives both in seconds. */
export function startTimer(): () => { seconds: number; cpuSeconds: number } {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { seconds: (performance.now() - wall) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
  };
}

/** Runs `validate()` with options over fresh objects and times it. */
export function timeValidate(label: string, count: number, options: ValidationOptions): ValidationTiming {
  const objects = sourcedValidationObjects(count);
  options = { external: validationExternals(), ...options };
  collectGarbage();
  const stop = startTimer();
  const report = validate(objects, options);
  return { label, objects: report.objectCount, ...stop(), findings: report.findings.length };
}

/** The built-in rules of one layer. */
export function rulesOfLayer(layer: Layer): readonly Rule[] {
  return builtinRules().filter((rule) => rule.layer === layer);
}

/** The run with the least CPU time of `repeat` runs (the least disturbed by other load). */
export function bestOf(repeat: number, run: () => ValidationTiming): ValidationTiming {
  let best = run();
  for (let i = 1; i < repeat; i++) {
    const next = run();
    if (next.cpuSeconds < best.cpuSeconds) best = next;
  }
  return best;
}

/** Times each layer alone, then all layers together (best of `repeat` runs each). */
export function timeLayers(count: number, repeat = 1): ValidationTiming[] {
  const out: ValidationTiming[] = [];
  for (const layer of [Layer.SCHEMA, Layer.API, Layer.CROSS, Layer.POLICY]) {
    out.push(bestOf(repeat, () => timeValidate(`layer ${layer}`, count, { ruleSet: rulesOfLayer(layer) })));
  }
  out.push(bestOf(repeat, () => timeValidate('all layers', count, {})));
  return out;
}

/** Times every built-in rule alone (plus engine overhead with no rule), slowest first. */
export function timeRules(count: number): ValidationTiming[] {
  const out: ValidationTiming[] = [timeValidate('(engine, no rules)', count, { ruleSet: [] })];
  for (const rule of builtinRules()) out.push(timeValidate(rule.id, count, { ruleSet: [rule] }));
  return out.sort((a, b) => b.seconds - a.seconds);
}

/** Times the precompiled schema validators alone, called directly (the floor of the schema layer). */
export function timePlainAjv(count: number): ValidationTiming {
  const objects = generateValidationObjects(count);
  const validators = objects.map((o) => findValidator(o.apiVersion as string, o.kind as string)?.validate);
  collectGarbage();
  let invalid = 0;
  const stop = startTimer();
  for (let i = 0; i < objects.length; i++) {
    const check = validators[i];
    if (check !== undefined && !check(objects[i])) invalid++;
  }
  return { label: 'plain ajv (precompiled validators)', objects: objects.length, ...stop(), findings: invalid };
}

/** Heap figures of a streaming run. */
export interface StreamMemory {
  readonly objects: number;
  /** Heap used after GC once 10% of the stream was validated, MiB. */
  readonly heapAtTenthMiB: number;
  /** Heap used after GC at the end of the stream (before `finish()`), MiB. */
  readonly heapAtEndMiB: number;
  readonly findings: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
}

/**
 * Streams `count` objects app by app through `createValidator({ bundleScope: BATCH })` (all layers,
 * each app its own bundle) without keeping them, and samples the heap: it should stay flat except
 * for the findings.
 */
export function measureStream(count: number): StreamMemory {
  // The namespaces are declared once at the start of a full stream; with one bundle per app they are external.
  const validator = createValidator({ bundleScope: BundleScope.BATCH, external: validationExternals(true) });
  let objects = 0;
  let heapAtTenth = 0;
  let app = 0;
  const rng = new SeededRandom(7);
  collectGarbage();
  const stop = startTimer();
  while (objects < count) {
    const batch: SourcedObject[] = appObjects(app++, rng).map((object: KubeObject) => ({ object, source: { constructPath: 'stream' } }));
    validator.add(batch);
    objects += batch.length;
    if (heapAtTenth === 0 && objects >= count / 10) {
      collectGarbage();
      heapAtTenth = process.memoryUsage().heapUsed;
    }
  }
  collectGarbage();
  const heapAtEnd = process.memoryUsage().heapUsed;
  const report = validator.finish();
  return {
    objects,
    heapAtTenthMiB: heapAtTenth / 1048576,
    heapAtEndMiB: heapAtEnd / 1048576,
    findings: report.findings.length,
    ...stop(),
  };
}

let gcFunction: (() => void) | undefined;

/** Runs a full GC (enabling `gc()` at run time when node was started without `--expose-gc`). */
export function collectGarbage(): void {
  if (gcFunction === undefined) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) {
      gcFunction = exposed;
    } else {
      v8.setFlagsFromString('--expose-gc');
      gcFunction = vm.runInNewContext('gc') as () => void;
    }
  }
  gcFunction();
}
