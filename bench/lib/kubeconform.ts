/**
 * kubeconform side by side (issue #14): finds a kubeconform binary the user built (never vendored
 * into this project) and writes the Kubernetes 1.28 strict standalone JSON schemas it needs into a
 * temporary folder, generated from `../shared/k8s/v1.28.0/_definitions.json`.
 *
 * How to get a binary, offline: kubeconform v0.6.3's source tree ships its dependencies in
 * `vendor/`; `go build -mod=vendor -ldflags "-X main.version=v0.6.3" -o /tmp/kubeconform ./cmd/kubeconform` with
 * Debian's Go (`apt-get install golang-go`; the tree comes from `git archive v0.6.3` of
 * github.com/yannh/kubeconform, into /tmp), then
 * `KUBECONFORM=/tmp/kubeconform npm run bench` (or `npm run bench -- --kubeconform /tmp/kubeconform`).
 *
 * The schemas follow what kubeconform's `-strict` schema location holds (the
 * `v1.28.0-standalone-strict/<kind>-<group>-<version>.json` layout of the kubernetes-json-schema
 * repository): each kind's definition with every `$ref` inlined, `additionalProperties: false` on
 * every object that lists its properties, int-or-string and quantities as `oneOf`. Recursive
 * definitions (JSONSchemaProps inside a CRD) stay as `$ref`s into the file's own `definitions`.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The environment variable naming the kubeconform binary (the `--kubeconform` flag sets it). */
export const KUBECONFORM_VARIABLE = 'KUBECONFORM';

/** The Kubernetes version the schemas are for. */
export const KUBECONFORM_K8S_VERSION = '1.28.0';

/** The swagger definitions, relative to the repository root. */
export const DEFINITIONS_FILE = path.join('..', 'shared', 'k8s', 'v1.28.0', '_definitions.json');

/** The folder the generated schemas go to (outside the project). */
export const SCHEMA_ROOT = path.join(os.tmpdir(), 'cdk8s-patterns-bench', 'kubeconform-schemas');

/** Where kubeconform was found, or why its cases are skipped. */
export type KubeconformLocation = { readonly binary: string; readonly version: string } | { readonly skipped: string };

/**
 * The binary named by `$KUBECONFORM`, checked by running `-v`.
 *
 * Never throws: no variable, a missing file or a binary that does not run yields `{ skipped }`.
 */
export function locateKubeconform(env: NodeJS.ProcessEnv = process.env): KubeconformLocation {
  const binary = env[KUBECONFORM_VARIABLE];
  if (binary === undefined || binary === '') {
    return { skipped: `no kubeconform binary given (set ${KUBECONFORM_VARIABLE}=<path> or pass --kubeconform <path>; see bench/lib/kubeconform.ts to build v0.6.3 offline)` };
  }
  if (!fs.existsSync(binary)) {
    return { skipped: `${KUBECONFORM_VARIABLE}=${binary}: no such file` };
  }
  const run = spawnSync(binary, ['-v'], { encoding: 'utf8' });
  if (run.error || run.status !== 0) {
    return { skipped: `${binary} -v failed: ${run.error?.message ?? run.stderr.trim()}` };
  }
  return { binary, version: run.stdout.trim() };
}

type Schema = { [key: string]: unknown };

/**
 * Writes the strict standalone schemas for every kind in the definitions into
 * `<root>/v1.28.0-standalone-strict/` (once; later calls reuse them).
 *
 * @returns the folder to pass as `-schema-location <folder>` ... or a reason they cannot be made
 */
export function ensureKubeconformSchemas(rootDir: string, root: string = SCHEMA_ROOT): { readonly location: string } | { readonly skipped: string } {
  const definitionsFile = path.resolve(rootDir, DEFINITIONS_FILE);
  const dir = path.join(root, `v${KUBECONFORM_K8S_VERSION}-standalone-strict`);
  const done = path.join(dir, '.complete');
  if (fs.existsSync(done)) {
    return { location: root };
  }
  if (!fs.existsSync(definitionsFile)) {
    return { skipped: `the 1.28 definitions are not at ${definitionsFile} (../shared is absent)` };
  }
  const definitions = (JSON.parse(fs.readFileSync(definitionsFile, 'utf8')) as { definitions: Record<string, Schema> }).definitions;
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, definition] of Object.entries(definitions)) {
    const gvks = definition['x-kubernetes-group-version-kind'] as { group: string; kind: string; version: string }[] | undefined;
    if (!gvks) continue;
    const schema = standaloneStrict(name, definitions);
    for (const { group, kind, version } of gvks) {
      const file = `${kind.toLowerCase()}${group === '' ? '' : `-${group.split('.')[0].toLowerCase()}`}-${version.toLowerCase()}.json`;
      // kubeconform asks for one file per kind; the first definition of a kind wins (as upstream)
      const target = path.join(dir, file);
      if (!fs.existsSync(target)) fs.writeFileSync(target, JSON.stringify(schema));
    }
  }
  fs.writeFileSync(done, '');
  return { location: root };
}

/** The `-schema-location` template for a folder made by {@link ensureKubeconformSchemas}. */
export function schemaLocationTemplate(root: string): string {
  return `${root}/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json`;
}

/** One definition with its `$ref`s inlined and the strict rules applied. */
export function standaloneStrict(name: string, definitions: Record<string, Schema>): Schema {
  const recursive = new Set<string>();
  const inline = (node: unknown, stack: readonly string[]): unknown => {
    if (Array.isArray(node)) return node.map((n) => inline(n, stack));
    if (node === null || typeof node !== 'object') return node;
    const obj = node as Schema;
    const ref = obj.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/definitions/')) {
      const target = ref.slice('#/definitions/'.length);
      if (stack.includes(target)) {
        recursive.add(target);
        return { $ref: ref };
      }
      return inline(definitions[target], [...stack, target]);
    }
    const out: Schema = {};
    for (const [k, v] of Object.entries(obj)) {
      if (k === 'properties' && v !== null && typeof v === 'object') {
        // a map of property names to schemas: the map itself is not a schema
        const props: Schema = {};
        for (const [name, s] of Object.entries(v as Schema)) props[name] = inline(s, stack);
        out[k] = props;
      } else {
        out[k] = inline(v, stack);
      }
    }
    if (out.properties !== undefined && out.additionalProperties === undefined) out.additionalProperties = false;
    return out;
  };
  const root = inline(definitions[name], [name]) as Schema;
  root.$schema = 'http://json-schema.org/schema#';
  if (recursive.size > 0) {
    const local: Record<string, unknown> = {};
    // the recursive definitions themselves, with only their own recursion left as refs
    for (const target of recursive) local[target] = inline(definitions[target], [target]);
    root.definitions = local;
  }
  return root;
}

/** The kubeconform command line for one file, as the issue measured it (`-strict`, 1.28). */
export function kubeconformArgs(schemaRoot: string, file: string): string[] {
  return [
    '-strict', '-summary', '-output', 'json',
    '-kubernetes-version', KUBECONFORM_K8S_VERSION,
    '-schema-location', schemaLocationTemplate(schemaRoot),
    // custom resources have no schema in the 1.28 set; cdk8s-patterns reports them as unknown kinds too
    '-ignore-missing-schemas',
    file,
  ];
}
