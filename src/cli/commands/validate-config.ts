/**
 * Config files of `cdk8s-patterns validate`: reading `--config`, and finding and merging the
 * validation config files synth writes next to the manifests (`GENERATED_CONFIG_FILE`), which
 * the command applies when it walks an output folder.
 */
import * as fs from 'fs';
import * as path from 'path';
import { GENERATED_CONFIG_FILE, parseValidationConfig, ValidationConfig, ValidationConfigError } from '../../validation/config';
import { Severity } from '../../validation/types';

/** A config file and what it says. */
export interface LoadedConfig {
  /** The file as found or given (relative paths stay relative), used in messages. */
  readonly file: string;
  readonly config: ValidationConfig;
}

/** The generated config files among the command's inputs, and the inputs left to read as manifests. */
export interface GeneratedConfigs {
  /**
   * Generated config files: found in the given folders (recursively, sorted like the manifests)
   * or named explicitly (e.g. by a shell glob `dist/prod/*.yaml`), in input order.
   */
  readonly files: readonly string[];
  /** The inputs without the explicitly named generated config files. */
  readonly inputs: readonly string[];
}

/**
 * Reads and checks a config file (YAML or JSON).
 *
 * @param where how to name the file when it cannot be read (`--config cfg.yaml`).
 * @throws ValidationConfigError `file: message` when it cannot be read, is not YAML or is not a valid config
 */
export function loadConfigFile(file: string, where: string = file): LoadedConfig {
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
 * Finds the generated config files among `inputs`: in folders (walked recursively like the
 * manifests) and named explicitly. `-` and paths that do not exist are left to the input reader.
 */
export function findGeneratedConfigs(inputs: readonly string[]): GeneratedConfigs {
  const files: string[] = [];
  const rest: string[] = [];
  for (const input of inputs) {
    let stat: fs.Stats | undefined;
    try {
      stat = input === '-' ? undefined : fs.statSync(input);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      files.push(...findInFolder(input));
      rest.push(input);
    } else if (stat?.isFile() && path.basename(input) === GENERATED_CONFIG_FILE) {
      files.push(input);
    } else {
      rest.push(input);
    }
  }
  return { files: [...new Set(files)], inputs: rest };
}

/**
 * Merges the generated config files of several folders (`validate dist/` over dev, staging and
 * prod): their external objects are all declared; `level`, `podSecurity`, `strict` and each rule
 * severity must agree, as the engine applies one setting to every input.
 *
 * @throws ValidationConfigError naming both files and the setting when two files disagree
 */
export function mergeGeneratedConfigs(loaded: readonly LoadedConfig[]): ValidationConfig {
  const settings = new Map<string, { value: unknown; file: string }>();
  const agree = (key: string, value: unknown, file: string): void => {
    const known = settings.get(key);
    if (known === undefined) {
      settings.set(key, { value, file });
    } else if (known.value !== value) {
      throw new ValidationConfigError(`${file}: ${key} is ${display(value)} but ${display(known.value)} in ${known.file}; `
        + 'validate the folders separately, or pass --config (or --no-auto-config with flags) to choose the settings');
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

/** Generated config files below `dir`, in the order the manifest walker reads files (sorted, depth first). */
function findInFolder(dir: string): string[] {
  const found: string[] = [];
  const visit = (folder: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      return; // reported by the input reader
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name === GENERATED_CONFIG_FILE) found.push(full);
    }
  };
  visit(dir);
  return found;
}

function display(value: unknown): string {
  return value === undefined ? 'the default' : JSON.stringify(value);
}
