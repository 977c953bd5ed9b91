/**
 * Finding the environments of a synth output folder and reading their objects.
 *
 * Layouts, as synth writes them: per environment (`dist/<environment>/` folders with the charts of
 * each environment and a `kustomization.yaml`), flat (every chart at the root of the output folder:
 * one environment, {@link ROOT_ENVIRONMENT}) or both (charts outside any environment are written to
 * the root, next to the environment folders: they are the {@link ROOT_ENVIRONMENT} environment).
 */
import * as fs from 'fs';
import * as path from 'path';
import { isValidationRecordName } from '../../validation/config';
import { readInputFile } from '../../validation/input-file';
import { decodeYaml, parseYaml } from '../../validation/parse';
import { KubeObject } from '../../validation/types';
import { cmp } from './model';
import { EnvironmentError, ROOT_ENVIRONMENT } from './values';

export { EnvironmentError, ROOT_ENVIRONMENT };

/** One environment of the output folder. */
export interface EnvironmentFolder {
  /** The environment name (the sub-folder name, or {@link ROOT_ENVIRONMENT}). */
  readonly name: string;
  /** The folder with its files. */
  readonly dir: string;
}

const KUSTOMIZATION = 'kustomization.yaml';
const MANIFEST = /\.(ya?ml|json)$/;

/**
 * Lists the environments of `dir`, sorted by name: every sub-folder with a `kustomization.yaml` or
 * manifest files (hidden folders aside), and {@link ROOT_ENVIRONMENT} for the manifest files at the
 * root of `dir` (also when there is nothing else).
 */
export function listEnvironments(dir: string): EnvironmentFolder[] {
  if (!fs.existsSync(dir)) {
    throw new EnvironmentError(`output folder ${dir} does not exist; run the synth first (npm run synth)`);
  }
  if (!fs.statSync(dir).isDirectory()) throw new EnvironmentError(`output folder ${dir} is not a folder; give the synth output folder with --dir`);
  const envs = fs.readdirSync(dir, { withFileTypes: true })
    .filter(e => e.isDirectory() && !e.name.startsWith('.') && isEnvironmentFolder(path.join(dir, e.name)))
    .map(e => ({ name: e.name, dir: path.join(dir, e.name) }));
  if (envs.length === 0) return [{ name: ROOT_ENVIRONMENT, dir }];
  if (folderManifests(dir).length > 0) {
    if (envs.some(e => e.name === ROOT_ENVIRONMENT)) {
      throw new EnvironmentError(`${dir} has chart files at its root and an environment folder named ${JSON.stringify(ROOT_ENVIRONMENT)}, `
        + `the name of the root's charts; rename the environment`);
    }
    envs.push({ name: ROOT_ENVIRONMENT, dir });
  }
  return envs.sort((a, b) => cmp(a.name, b.name));
}

/** Picks the environment called `name`; throws listing the known ones when there is none. */
export function selectEnvironment(envs: readonly EnvironmentFolder[], name: string): EnvironmentFolder {
  const env = envs.find(e => e.name === name);
  if (!env) {
    throw new EnvironmentError(`unknown environment ${JSON.stringify(name)}; known environments: ${envs.map(e => e.name).join(', ')}`);
  }
  return env;
}

/**
 * Reads the objects of an environment: the `resources` of its `kustomization.yaml` in order when
 * there is one, else every `*.yaml`, `*.yml` and `*.json` file in name order.
 */
export function readEnvironment(env: EnvironmentFolder): KubeObject[] {
  const files = manifestFiles(env.dir);
  const objects: KubeObject[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const read = readInputFile(file);
    if ('problem' in read) {
      problems.push(`${file}: ${read.problem}`);
      continue;
    }
    // Invalid UTF-8 is an input problem, as in `validate`.
    const decoded = decodeYaml(read.data, file);
    const result = decoded.problem ? { objects: [], problems: [decoded.problem] } : parseYaml(decoded.text, file);
    result.problems.forEach(p => problems.push(`${p.file}:${p.line}: ${p.message}`));
    result.objects.forEach(o => objects.push(o.object));
  }
  if (problems.length > 0) {
    throw new EnvironmentError(`environment ${JSON.stringify(env.name)} does not parse:\n${problems.map(p => `  - ${p}`).join('\n')}`);
  }
  return objects;
}

/**
 * The files to read: the `resources` of the folder's `kustomization.yaml` that name manifest files,
 * else every manifest file in the folder. A resource must be a file inside the folder (links
 * included): one outside it (`../../x.yaml`), a missing one or a folder is an error.
 */
function manifestFiles(dir: string): string[] {
  const kustomization = path.join(dir, KUSTOMIZATION);
  if (fs.existsSync(kustomization)) {
    const read = readInputFile(kustomization);
    if ('problem' in read) throw new EnvironmentError(`${kustomization}: ${read.problem}`);
    let parsed: unknown;
    try {
      // The yaml package loads only when a file is read, not with the library
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      parsed = (require('yaml') as typeof import('yaml')).parse(read.data.toString('utf8'));
    } catch (e) {
      throw new EnvironmentError(`${kustomization} does not parse: ${(e as Error).message.split('\n')[0]}`);
    }
    const resources = (parsed as { resources?: unknown } | null)?.resources;
    if (Array.isArray(resources)) {
      const names = resources.filter((r): r is string => typeof r === 'string' && MANIFEST.test(r));
      return names.map(r => resourceFile(dir, kustomization, r));
    }
  }
  return folderManifests(dir);
}

/** The path of a kustomization resource, after checking it is a file inside `dir`. */
function resourceFile(dir: string, kustomization: string, resource: string): string {
  const file = path.resolve(dir, resource);
  const inside = (root: string, p: string): boolean => {
    const rel = path.relative(root, p);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  };
  const outside = `${kustomization}: resource ${resource} is outside the environment folder ${dir}; graph reads only the files in it`;
  if (path.isAbsolute(resource) || !inside(path.resolve(dir), file)) throw new EnvironmentError(outside);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    const read = readInputFile(file);
    throw new EnvironmentError(`${kustomization}: resource ${resource}: ${'problem' in read ? read.problem : (e as Error).message}`);
  }
  if (!inside(fs.realpathSync(dir), fs.realpathSync(file))) throw new EnvironmentError(outside);
  if (stat.isDirectory()) throw new EnvironmentError(`${kustomization}: resource ${resource} is a folder; graph reads the files a kustomization lists, not other kustomizations`);
  return path.join(dir, resource);
}

/** The manifest files directly in `dir`, in name order (no kustomization file, no validation record). */
function folderManifests(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true })
    .filter(e => e.isFile() && MANIFEST.test(e.name) && e.name !== KUSTOMIZATION && !isValidationRecordName(e.name))
    .map(e => path.join(dir, e.name))
    .sort(cmp);
}

function isEnvironmentFolder(dir: string): boolean {
  return fs.existsSync(path.join(dir, KUSTOMIZATION)) || folderManifests(dir).length > 0;
}
