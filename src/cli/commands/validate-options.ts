/**
 * The options of `validate`: one table that builds the commander command ({@link VALIDATE_OPTIONS})
 * and a parse of the common command lines that runs without loading commander ({@link parseValidateArgs}).
 */
import { GENERATED_CONFIG_FILE, ValidationLevel } from '../../validation/config';
import { ReportFormat } from '../../validation/report/format';

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
  /**
   * Apply the validation config files synth writes next to the manifests (`--no-auto-config`
   * sets it to false); ignored when `config` is given.
   * @default true
   */
  readonly autoConfig?: boolean;
  readonly schemaDir?: string;
  /** CRD files or folders (`--crd`, repeatable). */
  readonly crd?: readonly string[];
  readonly listRules?: boolean;
}

export const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** One option of the command, in commander's syntax; see {@link VALIDATE_OPTIONS}. */
export interface OptionSpec {
  /** Commander flags: `--name`, `--name <value>`, `-x, --name <value>` or `--no-name`. */
  readonly flags: string;
  readonly description: string;
  readonly choices?: readonly string[];
  readonly defaultValue?: string;
  /** The option may be repeated; its values are collected into a list (default: empty). */
  readonly repeatable?: boolean;
}

/**
 * The options of `validate`, in help order. Commander is built from this table ({@link register}),
 * and so is the parse that runs the common command lines without loading commander
 * ({@link parseValidateArgs}).
 */
export const VALIDATE_OPTIONS: readonly OptionSpec[] = [
  { flags: '--level <level>', description: 'how deep to validate', choices: Object.values(ValidationLevel) },
  { flags: '--format <format>', description: 'output format', choices: Object.values(ReportFormat), defaultValue: ReportFormat.TEXT },
  { flags: '-o, --output <file>', description: 'write the report to a file instead of stdout' },
  { flags: '--pss <level>', description: 'Pod Security Standards profile', choices: ['baseline', 'restricted'] },
  { flags: '--strict', description: 'objects of unknown kinds are errors' },
  { flags: '--severity <rule=level>', description: 'set a rule\'s severity (error|warning|info|off); repeatable', repeatable: true },
  { flags: '--external <Kind/ns/name>', description: 'declare an object that exists outside the input; repeatable', repeatable: true },
  { flags: '--config <file>', description: 'YAML/JSON config: level, podSecurity, strict, rules, external, schemaDir, crds' },
  { flags: '--no-auto-config', description: `do not apply the ${GENERATED_CONFIG_FILE} records synth writes next to the manifests` },
  { flags: '--schema-dir <dir>', description: 'extra JSON schemas for custom resources (kubeconform layout)' },
  { flags: '--crd <file|dir>', description: 'CustomResourceDefinition file or folder: validate its custom resources against it; repeatable', repeatable: true },
  { flags: '--list-rules', description: 'list the rules and exit' },
];

/** An option of {@link VALIDATE_OPTIONS} as {@link parseValidateArgs} reads it. */
interface ParsedSpec {
  readonly spec: OptionSpec;
  /** The key in the flags object (commander's camel-cased long name, without `no-`). */
  readonly key: string;
  readonly takesValue: boolean;
  readonly negated: boolean;
}

let parsedSpecs: ReadonlyMap<string, ParsedSpec> | undefined;

/** The options by each of their flags (`-o`, `--output`). */
function specsByFlag(): ReadonlyMap<string, ParsedSpec> {
  if (parsedSpecs !== undefined) return parsedSpecs;
  const byFlag = new Map<string, ParsedSpec>();
  for (const spec of VALIDATE_OPTIONS) {
    const match = /^(?:(-[A-Za-z]), )?--([a-z][a-z-]*)(?: <[^>]+>)?$/.exec(spec.flags);
    if (match === null) throw new Error(`validate option ${JSON.stringify(spec.flags)}: unsupported flags syntax`);
    const negated = match[2].startsWith('no-');
    const name = negated ? match[2].slice(3) : match[2];
    const parsed = { spec, key: name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()), takesValue: spec.flags.endsWith('>'), negated };
    byFlag.set(`--${match[2]}`, parsed);
    if (match[1] !== undefined) byFlag.set(match[1], parsed);
  }
  parsedSpecs = byFlag;
  return byFlag;
}

/**
 * The paths and flags commander would hand the action for the arguments after `validate`, for the
 * command lines that need nothing else from it: paths (`-` for stdin) and known options given as
 * separate words (`--level api`, `-o file`), each value option once, values among the choices.
 * Undefined for anything else (help, `--`, `--name=value`, an unknown or repeated option, a missing
 * or rejected value), which commander then parses and reports (issue #14: commander costs about 10 ms
 * of start-up).
 */
export function parseValidateArgs(args: readonly string[]): { paths: string[]; flags: ValidateFlags } | undefined {
  const specs = specsByFlag();
  const flags: Record<string, unknown> = {};
  for (const { spec, key, negated } of specs.values()) {
    if (spec.repeatable) flags[key] = [];
    else if (spec.defaultValue !== undefined) flags[key] = spec.defaultValue;
    else if (negated) flags[key] = true;
  }
  const paths: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-' || !arg.startsWith('-')) {
      paths.push(arg);
      continue;
    }
    const parsed = specs.get(arg);
    if (parsed === undefined) return undefined;
    const { spec, key, takesValue, negated } = parsed;
    if (!spec.repeatable && seen.has(key)) return undefined;
    seen.add(key);
    if (!takesValue) {
      flags[key] = !negated;
      continue;
    }
    const value = args[++i];
    if (value === undefined || value.startsWith('-') || (spec.choices !== undefined && !spec.choices.includes(value))) return undefined;
    flags[key] = spec.repeatable ? [...(flags[key] as string[]), value] : value;
  }
  return { paths, flags: flags as ValidateFlags };
}
