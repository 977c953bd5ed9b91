/**
 * `cdk8s-patterns validate PATH... | -`: validates YAML manifests from files, folders or stdin.
 *
 * Folders written by synth hold a validation record (`.cdk8s-patterns-validation`, YAML: the app's
 * external objects and validation settings); it is applied unless `--config` or `--no-auto-config`
 * is given, so validating `dist/` agrees with synth.
 *
 * Exit codes: 0 clean, 1 findings at error level, 2 usage or input problems (2 wins over 1:
 * when some input could not be read, the check is incomplete).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Command, CommanderError } from 'commander';
import pc from 'picocolors';
import {
  parseExternalRef, parseLevel, parsePodSecurity, parseSeverityFlag, ValidationConfig,
  ValidationConfigError, ValidationOptions,
} from '../../validation/config';
import { BundleMemoryLimitError, createValidator, ValidationReport, Validator } from '../../validation/engine';
import { ActiveRule, ValidationPlan } from '../../validation/engine-plan';
import { InputResult, MAX_INPUT_BYTES, readInputs } from '../../validation/engine-input';
import type { PartialReport } from '../../validation/parse/chunk-validate';
import { decodeYaml } from '../../validation/parse/decode';
import { readStreamLimited } from '../../validation/input-file';
import type { ParseStreamResult } from '../../validation/parse/stream';
import type { InputProblem } from '../../validation/report/format';
import { ENGINE_RULE_LIST } from '../../validation/engine-rules';
import { ruleCatalog } from '../../validation/rules/catalog';
import { exitCodeOf, ExitCode, ReportFormat, ReportOptions } from '../../validation/report/format';
import { addSchemaDir } from '../../validation/schema/registry';
import { Severity } from '../../validation/types';
import { findGeneratedConfigs, loadConfigFile, mergeGeneratedConfigs } from './validate-config';
import { parseWorkers, STREAM_MIN_BYTES } from '../../validation/parse/parse-workers';

export { parseWorkers, STREAM_MIN_BYTES } from '../../validation/parse/parse-workers';
import { collect, parseValidateArgs, VALIDATE_OPTIONS } from './validate-options';
import type { ValidateFlags } from './validate-options';

export { parseValidateArgs } from './validate-options';
export type { ValidateFlags } from './validate-options';


/** Where the command writes; injectable for tests. */
export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Standard input (for `-`). */
  readonly stdin: () => Promise<Buffer>;
  /** Whether stdout is a colour-capable terminal. */
  readonly color: boolean;
}


/** Registers `validate` on the program. */
export function register(program: Command): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Option } = require('commander') as typeof import('commander');
  const command = program
    .command('validate')
    .description('validate Kubernetes manifests (files, folders of *.yaml/*.yml/*.json, or - for stdin)')
    .argument('[paths...]', 'files, folders, or - for standard input');
  for (const spec of VALIDATE_OPTIONS) {
    const option = new Option(spec.flags, spec.description);
    if (spec.choices !== undefined) option.choices(spec.choices);
    if (spec.repeatable) option.default([]).argParser(collect);
    else if (spec.defaultValue !== undefined) option.default(spec.defaultValue);
    command.addOption(option);
  }
  command
    .exitOverride((err: CommanderError) => {
      // help and version exit 0; every other commander error is a usage error (2)
      process.exit(err.exitCode === 0 ? 0 : ExitCode.USAGE);
    })
    .action(async (paths: string[], flags: ValidateFlags) => {
      process.exitCode = await runValidate(paths, flags, processIo());
    });
}


/**
 * Runs `validate` as commander would, without loading it, when {@link parseValidateArgs} reads the
 * arguments after `validate`; the exit code is left in `process.exitCode`. Returns false (nothing
 * run) for the command lines that need commander.
 */
export async function runValidateArgs(args: readonly string[]): Promise<boolean> {
  const parsed = parseValidateArgs(args);
  if (parsed === undefined) return false;
  process.exitCode = await runValidate(parsed.paths, parsed.flags, processIo());
  return true;
}

/** Runs the validate command; returns the exit code. */
export async function runValidate(paths: readonly string[], flags: ValidateFlags, io: CommandIo): Promise<ExitCode> {
  const generated = findGeneratedConfigs(paths);
  const applyGenerated = flags.config === undefined && flags.autoConfig !== false;
  let options: ValidationOptions;
  try {
    options = resolveOptions(flags, applyGenerated ? generated.files : []);
  } catch (e) {
    if (e instanceof ValidationConfigError) {
      io.stderr(`error: ${e.message}\n`);
      return ExitCode.USAGE;
    }
    throw e;
  }
  const format = (flags.format ?? ReportFormat.TEXT) as ReportFormat;
  if (flags.listRules) {
    io.stdout(listRules(options, format));
    return ExitCode.OK;
  }
  if (paths.length === 0) {
    io.stderr('error: no input; give files, folders, or - for standard input (see validate --help)\n');
    return ExitCode.USAGE;
  }
  if (generated.files.length > 0) io.stderr(`note: ${generatedConfigNote(generated.files, flags)}\n`);
  const inputs = generated.inputs;
  if (inputs.length === 0) {
    const records = generated.files;
    io.stderr(`error: no manifests to validate: ${records.join(', ')} ${records.length === 1 ? 'is the validation record' : 'are the validation records'}`
      + ' synth writes; give the folder or the manifest files\n');
    return ExitCode.USAGE;
  }
  let run: ValidationRun;
  try {
    run = new ValidationRun({ ...options, recordObjects: format === ReportFormat.JUNIT }, inputs);
  } catch (e) {
    if (e instanceof ValidationConfigError) {
      io.stderr(`error: ${e.message}\n`);
      return ExitCode.USAGE;
    }
    throw e;
  }
  // Objects kept for the cross-object rules that would exhaust memory stop the run (exit 2)
  let input: InputResult;
  try {
    input = await run.read(inputs, io.stdin);
  } catch (e) {
    if (!(e instanceof BundleMemoryLimitError)) throw e;
    io.stderr(`error: ${e.message}\n`);
    return ExitCode.USAGE;
  }
  const problems = input.problems;
  for (const notice of input.notices) io.stderr(`note: ${notice}\n`);
  const report = run.finish();
  const toFile = flags.output !== undefined;
  const text = formatReport(report, format, { inputProblems: problems, color: !toFile && format === ReportFormat.TEXT && io.color });
  if (toFile) {
    try {
      fs.writeFileSync(flags.output!, text);
    } catch (e) {
      io.stderr(`error: cannot write --output ${flags.output}: ${(e as Error).message}\n`);
      return ExitCode.USAGE;
    }
    const { error, warning } = report.counts;
    io.stderr(`${error} error${error === 1 ? '' : 's'}, ${warning} warning${warning === 1 ? '' : 's'}`
      + `${problems.length > 0 ? `, ${problems.length} input problem${problems.length === 1 ? '' : 's'}` : ''}; report written to ${flags.output}\n`);
  } else {
    io.stdout(text);
  }
  return exitCodeOf(report, problems);
}

/* eslint-disable @typescript-eslint/no-require-imports */
/** The chunked parse of big files, loaded with the first big file (start-up of small runs, issue #14). */
function stream(): typeof import('../../validation/parse/stream') {
  return require('../../validation/parse/stream') as typeof import('../../validation/parse/stream');
}

/** Splitting a run between parse workers and this thread, loaded when a run is split. */
function chunkValidate(): typeof import('../../validation/parse/chunk-validate') {
  return require('../../validation/parse/chunk-validate') as typeof import('../../validation/parse/chunk-validate');
}

/**
 * The report in one format, loading only that reporter (start-up; `formatReport` of
 * `validation/report` loads all four).
 */
function formatReport(report: ValidationReport, format: ReportFormat, options: ReportOptions): string {
  switch (format) {
    case ReportFormat.TEXT: return (require('../../validation/report/text') as typeof import('../../validation/report/text')).formatText(report, options);
    case ReportFormat.JSON: return (require('../../validation/report/json') as typeof import('../../validation/report/json')).formatJson(report, options);
    case ReportFormat.SARIF: return (require('../../validation/report/sarif') as typeof import('../../validation/report/sarif')).formatSarif(report, options);
    case ReportFormat.JUNIT: return (require('../../validation/report/junit') as typeof import('../../validation/report/junit')).formatJunit(report, options);
  }
}
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * One validation run over the command's inputs.
 *
 * Big regular files (at least {@link STREAM_MIN_BYTES}) are parsed in chunks. With one parse
 * worker (two cores) the run is a pipeline: the worker parses, this thread validates each chunk as
 * it arrives (the engine's code then warms up in one thread only, and finding lines are placed
 * here while the worker parses ahead). With more workers the run is split: workers parse and run
 * the per-object rules, this thread runs the bundle rules once over every object and merges the
 * reports. Every mode gives the same findings as a single-thread run. Other inputs (folders, small
 * files, `-`, unreadable paths) go through {@link readInputs}.
 */
class ValidationRun {
  private readonly workers: number;
  /** One validator for everything: no worker, or one worker that only parses. */
  private readonly single?: Validator;
  /** Split mode: the bundle side, and the object side's reports in input order. */
  private readonly bundleSide?: Validator;
  private readonly partials: PartialReport[] = [];
  private readonly keepObjects: boolean;

  constructor(private readonly options: ValidationOptions, paths: readonly string[]) {
    const plan = new ValidationPlan(options); // throws ValidationConfigError on bad options
    // workers only parse big files: without one, the machine's load is not looked at
    this.workers = paths.some((p) => p !== '-' && bigFileSize(p) !== undefined) ? parseWorkers() : 0;
    this.keepObjects = plan.bundleRules.length > 0;
    if (this.workers > 1) {
      this.bundleSide = createValidator(chunkValidate().bundleSideOptions(options));
    } else {
      this.single = createValidator(options);
    }
  }

  /** Reads and validates the inputs in order. */
  public async read(paths: readonly string[], stdin: () => Promise<Buffer>): Promise<InputResult> {
    const problems: InputProblem[] = [];
    const notices: string[] = [];
    const files: string[] = [];
    let small: string[] = [];
    const flushSmall = async (): Promise<void> => {
      if (small.length === 0) return;
      const objectSide = this.single ?? createValidator(chunkValidate().objectSideOptions(this.options));
      const result = await readInputs(small, (batch) => {
        objectSide.add(batch);
        if (this.bundleSide !== undefined && this.keepObjects) this.bundleSide.add(batch);
      }, stdin);
      if (this.single === undefined) {
        const report = objectSide.finish();
        this.partials.push({ findings: report.findings, suppressed: report.suppressed, objectCount: report.objectCount, objects: report.objects });
      }
      problems.push(...result.problems);
      notices.push(...result.notices);
      files.push(...result.files);
      small = [];
    };
    for (const input of paths) {
      if (input === '-' || bigFileSize(input) === undefined) {
        small.push(input);
        continue;
      }
      await flushSmall();
      // A big file is read block by block, never whole, when it can be
      const streamed = await this.readBigStreaming(input);
      if (streamed !== undefined) {
        files.push(input);
        for (const p of streamed.problems) problems.push({ file: p.file, line: p.line, message: p.message });
        continue;
      }
      const data = readBigFile(input);
      if (data === undefined) {
        small.push(input);
        continue;
      }
      files.push(input);
      const decoded = decodeYaml(data, input);
      if (decoded.problem !== undefined) {
        problems.push(decoded.problem);
        continue;
      }
      const parsed = await this.readBig(decoded.text, input);
      for (const p of parsed.problems) problems.push({ file: p.file, line: p.line, message: p.message });
    }
    await flushSmall();
    return { problems, notices, files };
  }

  /** The report of the whole run. */
  public finish(): ValidationReport {
    if (this.single !== undefined) return this.single.finish();
    return chunkValidate().mergeReports(this.options, this.bundleSide!.finish(), this.partials);
  }

  /** {@link readBig} on the file read block by block; undefined when it must be read whole (see parseYamlFileStream). */
  private readBigStreaming(file: string): Promise<ParseStreamResult | undefined> {
    if (this.single !== undefined) {
      const validator = this.single;
      return stream().parseYamlFileStream(file, (batch) => validator.add(batch), { workers: this.workers, parseHere: false });
    }
    const { ruleSet: _ruleSet, ...options } = this.options;
    return stream().parseYamlFileStream(file, (batch, partial) => {
      if (partial !== undefined) this.partials.push(partial);
      if (batch.length > 0) this.bundleSide!.add(batch);
    }, { workers: this.workers, validation: { options, schemaDirs: [...schemaDirsUsed], returnObjects: this.keepObjects } });
  }

  private readBig(text: string, file: string): Promise<ParseStreamResult> {
    if (this.single !== undefined) {
      const validator = this.single;
      return stream().parseYamlStream(text, file, (batch) => validator.add(batch), { workers: this.workers, parseHere: false });
    }
    const { ruleSet: _ruleSet, ...options } = this.options;
    return stream().parseYamlStream(text, file, (batch, partial) => {
      if (partial !== undefined) this.partials.push(partial);
      if (batch.length > 0) this.bundleSide!.add(batch);
    }, { workers: this.workers, validation: { options, schemaDirs: [...schemaDirsUsed], returnObjects: this.keepObjects } });
  }
}

/** The size of a regular file of at least {@link STREAM_MIN_BYTES} (within the size limit), else undefined. */
function bigFileSize(file: string): number | undefined {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() && stat.size >= STREAM_MIN_BYTES && stat.size <= MAX_INPUT_BYTES ? stat.size : undefined;
  } catch {
    return undefined;
  }
}

/** The content of a readable regular file of at least {@link STREAM_MIN_BYTES} (within the size limit), else undefined. */
function readBigFile(file: string): Buffer | undefined {
  if (bigFileSize(file) === undefined) return undefined;
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined; // reported by readInputs with its usual wording
  }
}

/**
 * Merges the config file (`--config`, else the `generated` config files written by synth) and the
 * flags (flags win) into engine options; registers schema folders.
 *
 * @param generated generated config files to apply when `--config` is not given (see {@link findGeneratedConfigs})
 */
export function resolveOptions(flags: ValidateFlags, generated: readonly string[] = []): ValidationOptions {
  let config: ValidationConfig = {};
  const loaded = flags.config !== undefined ? [loadConfigFile(flags.config, `--config ${flags.config}`)] : generated.map((f) => loadConfigFile(f));
  for (const { file, config: c } of loaded) {
    if (c.schemaDir !== undefined) addSchemaDirChecked(path.resolve(path.dirname(file), c.schemaDir), file);
  }
  if (flags.config !== undefined) config = loaded[0].config;
  else if (loaded.length > 0) config = mergeGeneratedConfigs(loaded);
  if (flags.schemaDir !== undefined) addSchemaDirChecked(path.resolve(flags.schemaDir), '--schema-dir');
  const rules: Record<string, Severity> = { ...config.rules };
  for (const flag of flags.severity ?? []) {
    const [rule, severity] = parseSeverityFlag(flag);
    rules[rule] = severity;
  }
  return {
    level: flags.level !== undefined ? parseLevel(flags.level, '--level') : config.level,
    podSecurity: flags.pss !== undefined ? parsePodSecurity(flags.pss, '--pss') : config.podSecurity,
    strict: flags.strict ?? config.strict,
    rules,
    external: [...(config.external ?? []), ...(flags.external ?? []).map(parseExternalRef)],
    crds: [
      ...loaded.flatMap(({ file, config: c }) => (c.crds ?? []).map((p) => path.resolve(path.dirname(file), p))),
      ...(flags.crd ?? []),
    ],
  };
}

/** The note saying which generated config files were applied or ignored. */
function generatedConfigNote(files: readonly string[], flags: ValidateFlags): string {
  if (flags.config !== undefined) return `ignored the validation config written by synth (--config given): ${files.join(', ')}`;
  if (flags.autoConfig === false) return `ignored the validation config written by synth (--no-auto-config): ${files.join(', ')}`;
  return `applied the validation config written by synth: ${files.join(', ')} (--no-auto-config to ignore)`;
}

function addSchemaDirChecked(dir: string, where: string): void {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new ValidationConfigError(`${where}: schema folder ${dir} does not exist`);
  }
  addSchemaDir(dir);
  schemaDirsUsed.add(dir);
}

/** Schema folders registered by this process (parse workers register them too). */
const schemaDirsUsed = new Set<string>();

/** The rule list (`--list-rules`) as text or JSON. */
export function listRules(options: ValidationOptions, format: ReportFormat): string {
  const plan = new ValidationPlan(options);
  const active = new Map<string, ActiveRule>(plan.activeRules.map((r) => [r.id, r]));
  const rows = [...ENGINE_RULE_LIST, ...(options.ruleSet ?? ruleCatalog())].map((rule) => ({
    id: rule.id,
    layer: rule.layer,
    defaultSeverity: rule.defaultSeverity,
    severity: active.get(rule.id)?.severity ?? Severity.OFF,
    description: rule.description,
    example: rule.example,
  }));
  if (format !== ReportFormat.TEXT) return `${JSON.stringify(rows, undefined, 2)}\n`;
  const width = Math.max(...rows.map((r) => r.id.length));
  const lines = rows.map((r) => `${r.id.padEnd(width)}  ${r.layer.padEnd(6)}  ${r.severity.padEnd(7)}  ${r.description}`);
  return `${'rule'.padEnd(width)}  layer   ${'severity'.padEnd(7)} description\n${lines.join('\n')}\n`
    + `(severity "off": disabled, or its layer does not run at level ${plan.level})\n`;
}

function processIo(): CommandIo {
  return {
    stdout: (text) => { process.stdout.write(text); },
    stderr: (text) => { process.stderr.write(text); },
    stdin: readStdin,
    color: pc.isColorSupported && process.stdout.isTTY === true,
  };
}

/** Standard input, up to the input size limit (over it: an `InputTooLargeError`, reported as an input problem). */
function readStdin(): Promise<Buffer> {
  return readStreamLimited(process.stdin);
}
