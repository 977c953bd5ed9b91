/**
 * Config files of `cdk8s-patterns validate`: reading `--config`, and finding the validation records
 * synth writes next to the manifests (`GENERATED_CONFIG_FILE`, `.cdk8s-patterns-validation`),
 * which the command applies when it walks an output folder.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isValidationRecordName } from '../../validation/config';

export { loadConfigFile, mergeGeneratedConfigs } from '../../validation/config-files';
export type { LoadedConfig } from '../../validation/config-files';

/** The generated config files among the command's inputs, and the inputs left to read as manifests. */
export interface GeneratedConfigs {
  /**
   * Generated config files: found in the given folders (recursively, sorted like the manifests)
   * or named explicitly, in input order.
   */
  readonly files: readonly string[];
  /** The inputs without the explicitly named generated config files. */
  readonly inputs: readonly string[];
}

/**
 * Finds the validation records among `inputs`: in folders (walked recursively like the manifests)
 * and named explicitly. Records written by an older version (`validation.cdk8s-patterns.yaml`)
 * count too. `-` and paths that do not exist are left to the input reader.
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
    } else if (stat?.isFile() && isValidationRecordName(path.basename(input))) {
      files.push(input);
    } else {
      rest.push(input);
    }
  }
  return { files: [...new Set(files)], inputs: rest };
}

/** Validation records below `dir`, in the order the manifest walker reads files (sorted, depth first). */
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
      else if (entry.isFile() && isValidationRecordName(entry.name)) found.push(full);
    }
  };
  visit(dir);
  return found;
}
