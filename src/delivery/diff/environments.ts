/**
 * Comparing two environments of the same app (`dist/dev` with `dist/prod`).
 *
 * Environments put the same objects in different namespaces and, as cdk8s names objects after
 * their construct path, usually under different names too (`dev-podinfo-c81a3436` and
 * `prod-podinfo-c80e90a4`). To match them, each side's strings are rewritten to a common form:
 * the namespace becomes `{namespace}`, an `<env>-` name prefix becomes `{env}-`, the environment
 * name alone becomes `{env}`, and cdk8s's `-c8xxxxxx` name hashes are dropped. What still differs
 * is what the environments really configure differently (replicas, hosts, resources...).
 */
import { DiffOptions, DiffReport, diffManifests } from './diff-manifests';
import { ManifestFile, scopedObjects } from './inputs';

/** One environment's output. */
export interface EnvironmentManifests {
  /** The environment name, e.g. `prod`. */
  readonly name: string;
  /** Its manifest files (named relative to the environment folder). */
  readonly files: readonly ManifestFile[];
}

/** cdk8s's object name hash: `-c8` and six hex digits at the end of a name part. */
const NAME_HASH = /-c8[0-9a-f]{6}(?![0-9a-z])/g;

/**
 * The rewriter of one environment's strings (see the module documentation).
 *
 * @param environment the environment name (`dev`)
 * @param namespace the environment's namespace (`shop-dev`), when known
 */
export function environmentRewriter(environment: string, namespace?: string): (text: string) => string {
  const ns = namespace !== undefined && namespace !== '' ? new RegExp(`(?<![a-z0-9-])${escape(namespace)}(?![a-z0-9-])`, 'g') : undefined;
  const prefix = new RegExp(`(?<![a-z0-9])${escape(environment)}-`, 'g');
  return (text) => {
    if (text === environment) return '{env}';
    let out = ns !== undefined ? text.replace(ns, '{namespace}') : text;
    out = out.replace(prefix, '{env}-');
    return out.replace(NAME_HASH, '');
  };
}

/**
 * Compares two environments: objects are matched by kind and rewritten name, namespaces ignored.
 * An environment's namespace is the name of the only Namespace object in its files.
 *
 * @throws DiffInputError when a file does not parse
 */
export function diffEnvironments(before: EnvironmentManifests, after: EnvironmentManifests, options: DiffOptions = {}): DiffReport {
  return diffManifests(before.files, after.files, {
    ...options,
    ignoreNamespace: true,
    rewriteBefore: environmentRewriter(before.name, soleNamespace(before.files)),
    rewriteAfter: environmentRewriter(after.name, soleNamespace(after.files)),
  });
}

function soleNamespace(files: readonly ManifestFile[]): string | undefined {
  const names = scopedObjects(files)
    .filter((o) => o.object.kind === 'Namespace' && o.object.apiVersion === 'v1')
    .map((o) => (o.object.metadata as { name?: unknown } | undefined)?.name);
  return names.length === 1 && typeof names[0] === 'string' ? names[0] : undefined;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
