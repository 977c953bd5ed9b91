/**
 * Reading validation config files: a `--config` file, and the validation records synth writes next
 * to the manifests (`GENERATED_CONFIG_FILE`), which `cdk8s-patterns validate` and the cdk8s-cli
 * plugin apply so that checking the written files agrees with synth.
 */
import * as fs from 'fs';
import * as path from 'path';
import { GENERATED_CONFIG_FILE, LEGACY_GENERATED_CONFIG_FILE, parseValidationConfig, ValidationConfig, ValidationConfigError } from './config';
import { MAX_INPUT_BYTES, specialKind, tooLargeMessage } from './input-file';
import { Severity } from './types';

/** A config file and what it says. */
export interface LoadedConfig {
  /** The file as found or given (relative paths stay relative), used in messages. */
  readonly file: string;
  readonly config: ValidationConfig;
}

/**
 * Reads and checks a config file (YAML or JSON).
 *
 * @param where how to name the file when it cannot be read (`--config cfg.yaml`).
 * @throws ValidationConfigError `file: message` when it cannot be read, is not YAML or is not a valid config
 */
export function loadConfigFile(file: string, where: string = file): LoadedConfig {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(file);
  } catch {
    stat = undefined; // reported by readFileSync below, with its code
  }
  if (stat !== undefined && !stat.isDirectory() && !stat.isFile()) {
    throw new ValidationConfigError(`${where}: cannot read the file (${specialKind(stat)}, not a regular file)`);
  }
  if (stat !== undefined && stat.size > MAX_INPUT_BYTES) throw new ValidationConfigError(`${where}: ${tooLargeMessage(stat.size)}`);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf-8');
  } catch (e) {
    throw new ValidationConfigError(`${where}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let raw: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    raw = (require('yaml') as typeof import('yaml')).parse(text);
  } catch (e) {
    throw new ValidationConfigError(`${file}: not valid YAML or JSON: ${(e as Error).message.split('\n')[0]}`);
  }
  return { file, config: parseValidationConfig(raw, file) };
}

/**
 * The validation records directly in `dir` (not below it): `.cdk8s-patterns-validation`, and the
 * former `validation.cdk8s-patterns.yaml` of folders written by an older version.
 */
export function recordsInFolder(dir: string): string[] {
  const found: string[] = [];
  for (const name of [GENERATED_CONFIG_FILE, LEGACY_GENERATED_CONFIG_FILE]) {
    const file = path.join(dir, name);
    try {
      if (fs.statSync(file).isFile()) found.push(file);
    } catch {
      // no record under this name
    }
  }
  return found;
}

/**
 * Merges the records of several folders (`validate dist/` over dev, staging and prod): their
 * external objects are all declared; `level`, `podSecurity`, `strict` and each rule severity must
 * agree, as the engine applies one setting to every input.
 *
 * @param fix what the message says to do when two files disagree.
 * @throws ValidationConfigError naming both files and the setting when two files disagree
 */
export function mergeGeneratedConfigs(loaded: readonly LoadedConfig[], fix = DEFAULT_MERGE_FIX): ValidationConfig {
  const settings = new Map<string, { value: unknown; file: string }>();
  const agree = (key: string, value: unknown, file: string): void => {
    const known = settings.get(key);
    if (known === undefined) {
      settings.set(key, { value, file });
    } else if (known.value !== value) {
      throw new ValidationConfigError(`${file}: ${key} is ${display(value)} but ${display(known.value)} in ${known.file}; ${fix}`);
    }
  };
  const ruleIds = [...new Set(loaded.flatMap((l) => Object.keys(l.config.rules ?? {})))];
  const rules: Record<string, Severity> = {};
  for (const { file, config } of loaded) {
    agree('level', config.level, file);
    agree('podSecurity', config.podSecurity, file);
    agree('strict', config.strict, file);
    for (const rule of ruleIds) {
      agree(`rules.${rule}`, config.rules?.[rule], file);
      if (config.rules?.[rule] !== undefined) rules[rule] = config.rules[rule];
    }
  }
  const first = loaded[0]?.config ?? {};
  return {
    ...(first.level === undefined ? {} : { level: first.level }),
    ...(first.podSecurity === undefined ? {} : { podSecurity: first.podSecurity }),
    ...(first.strict === undefined ? {} : { strict: first.strict }),
    ...(Object.keys(rules).length === 0 ? {} : { rules }),
    external: loaded.flatMap((l) => l.config.external ?? []),
  };
}

const DEFAULT_MERGE_FIX = 'validate the folders separately, or pass --config (or --no-auto-config with flags) to choose the settings';

function display(value: unknown): string {
  return value === undefined ? 'the default' : JSON.stringify(value);
}
