/**
 * `cdk8s-patterns validate PATH... | -`: validates YAML manifests from files, folders or stdin.
 *
 * Exit codes: 0 clean, 1 findings at error level, 2 usage or input problems (2 wins over 1:
 * when some input could not be read, the check is incomplete).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command, CommanderError, Option } from 'commander';
import pc from 'picocolors';
import * as YAML from 'yaml';
import {
  parseExternalRef, parseLevel, parsePodSecurity, parseSeverityFlag, parseValidationConfig, ValidationConfig,
  ValidationConfigError, ValidationLevel, ValidationOptions,
} from '../../validation/config';
import { createValidator } from '../../validation/engine';
import { ActiveRule, ValidationPlan } from '../../validation/engine-plan';
import { readInputs } from '../../validation/engine-input';
import { builtinRules, ENGINE_RULE_LIST } from '../../validation/engine-rules';
import { exitCodeOf, ExitCode, formatReport, ReportFormat } from '../../validation/report';
import { addSchemaDir } from '../../validation/schema/registry';
import { Severity } from '../../validation/types';

/** The options of the validate command as commander parses them. */
export interface ValidateFlags {
  readonly level?: string;
  readonly format?: string;
  readonly output?: string;
  readonly pss?: string;
  readonly strict?: boolean;
  readonly severity?: readonly string[];
  readonly external?: readonly string[];
  readonly config?: string;
  readonly schemaDir?: string;
  readonly listRules?: boolean;
}

/** Where the command writes; injectable for tests. */
export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Standard input (for `-`). */
  readonly stdin: () => Promise<Buffer>;
  /** Whether stdout is a colour-capable terminal. */
  readonly color: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Registers `validate` on the program. */
export function register(program: Command): void {
  program
    .command('validate')
    .description('validate Kubernetes manifests (files, folders of *.yaml/*.yml/*.json, or - for stdin)')
    .argument('[paths...]', 'files, folders, or - for standard input')
    .addOption(new Option('--level <level>', 'how deep to validate').choices(Object.values(ValidationLevel)))
    .addOption(new Option('--format <format>', 'output format').choices(Object.values(ReportFormat)).default(ReportFormat.TEXT))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--pss <level>', 'Pod Security Standards profile').choices(['baseline', 'restricted']))
    .option('--strict', 'objects of unknown kinds are errors')
    .option('--severity <rule=level>', 'set a rule\'s severity (error|warning|info|off); repeatable', collect, [])
    .option('--external <Kind/ns/name>', 'declare an object that exists outside the input; repeatable', collect, [])
    .option('--config <file>', 'YAML/JSON config: level, podSecurity, strict, rules, external, schemaDir')
    .option('--schema-dir <dir>', 'extra JSON schemas for custom resources (kubeconform layout)')
    .option('--list-rules', 'list the rules and exit')
    .exitOverride((err: CommanderError) => {
      // help and version exit 0; every other commander error is a usage error (2)
      process.exit(err.exitCode === 0 ? 0 : ExitCode.USAGE);
    })
    .action(async (paths: string[], flags: ValidateFlags) => {
      process.exitCode = await runValidate(paths, flags, processIo());
    });
}

/** Runs the validate command; returns the exit code. */
export async function runValidate(paths: readonly string[], flags: ValidateFlags, io: CommandIo): Promise<ExitCode> {
  let options: ValidationOptions;
  try {
    options = resolveOptions(flags);
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
  let validator;
  try {
    validator = createValidator({ ...options, recordObjects: format === ReportFormat.JUNIT });
  } catch (e) {
    if (e instanceof ValidationConfigError) {
      io.stderr(`error: ${e.message}\n`);
      return ExitCode.USAGE;
    }
    throw e;
  }
  const input = await readInputs(paths, (batch) => validator.add(batch), io.stdin);
  const problems = input.problems;
  for (const notice of input.notices) io.stderr(`note: ${notice}\n`);
  const report = validator.finish();
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

/** Merges the config file and the flags (flags win) into engine options; registers schema folders. */
export function resolveOptions(flags: ValidateFlags): ValidationOptions {
  let config: ValidationConfig = {};
  if (flags.config !== undefined) {
    let text: string;
    try {
      text = fs.readFileSync(flags.config, 'utf-8');
    } catch (e) {
      throw new ValidationConfigError(`--config ${flags.config}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    let raw: unknown;
    try {
      raw = YAML.parse(text);
    } catch (e) {
      throw new ValidationConfigError(`${flags.config}: not valid YAML or JSON: ${(e as Error).message.split('\n')[0]}`);
    }
    config = parseValidationConfig(raw, flags.config);
    if (config.schemaDir !== undefined) addSchemaDirChecked(path.resolve(path.dirname(flags.config), config.schemaDir), flags.config);
  }
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
  };
}

function addSchemaDirChecked(dir: string, where: string): void {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new ValidationConfigError(`${where}: schema folder ${dir} does not exist`);
  }
  addSchemaDir(dir);
}

/** The rule list (`--list-rules`) as text or JSON. */
export function listRules(options: ValidationOptions, format: ReportFormat): string {
  const plan = new ValidationPlan(options);
  const active = new Map<string, ActiveRule>(plan.activeRules.map((r) => [r.id, r]));
  const rows = [...ENGINE_RULE_LIST, ...(options.ruleSet ?? builtinRules())].map((rule) => ({
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

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
