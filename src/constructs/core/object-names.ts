/**
 * The names cdk8s generates for API objects and the DNS labels of construct paths, computed the
 * same way as cdk8s (`Names.toDnsLabel`, `Chart.generateObjectName`) but cheaper.
 *
 * cdk8s names every API object without `metadata.name` from its construct path plus a hash of the
 * path (the construct's `node.addr`, a SHA-1): per object, a `createHash` with one `update` per
 * path component, then a chain of array copies to shorten the name. That was about a fifth of the
 * time spent building WebApps (issue #14). Here the path's hash input is kept per scope, hashed in
 * one call, and the common case of the shortening (a name within 63 characters) is one pass.
 *
 * The result is the same string cdk8s computes, or `undefined` when cdk8s must compute it itself:
 * the chart overrides `generateObjectName` or disables name hashes, `CDK8S_LEGACY_HASH` is set, or
 * the installed `constructs`/`cdk8s` hash paths differently from what this module expects (checked
 * once against `Names.toDnsLabel` on a few paths).
 *
 * @internal
 */
import * as crypto from 'crypto';
import { ApiObjectMetadata, Chart, Names } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';

/** cdk8s's limits (`names.ts`): name length and the length of the hash suffix. */
const MAX_LEN = 63;
const HASH_LEN = 8;
/** `constructs` leaves path components with this id out of the address. */
const HIDDEN_ID = 'Default';
/** `Names.toDnsLabel`: a single path component that is already a DNS label is used as is. */
const VALIDATE = /^[0-9a-z-]+$/;
/** A component that `normalizeToDnsName` leaves unchanged (already lower case, only allowed characters). */
const NORMALIZED = /^[0-9a-z\-_.]*$/;
/** `constructs`' id sanitizer: the path and address separators become `--`. */
const SEPARATORS = /[/\n]/g;

/** One-shot hashing where node has it (20.12+), else a `Hash` object: the same digest. */
const sha1Hex: (text: string) => string = typeof (crypto as { hash?: unknown }).hash === 'function'
  ? (text) => (crypto as unknown as { hash: (algorithm: string, data: string, encoding: string) => string }).hash('sha1', text, 'hex')
  : (text) => crypto.createHash('sha1').update(text).digest('hex');

/** Per scope: the hash input of its address (`id\n` of every non-hidden scope from the root). */
const ADDRESS_INPUTS = new WeakMap<IConstruct, string>();

/** Whether this module computes what cdk8s computes (checked on first use). */
let agreesWithCdk8s: boolean | undefined;

/**
 * `Names.toDnsLabel(construct)` (default options: 63 characters, hash included).
 */
export function dnsLabel(construct: IConstruct): string {
  if (!fastPathAvailable()) {
    return Names.toDnsLabel(construct as Construct);
  }
  return dnsLabelOf(construct.node.path, addressInput(construct), MAX_LEN);
}

/**
 * The name `Chart.of(scope).generateObjectName()` gives an API object (not a CronJob) created at
 * `<scope>/<id>` (or `<scope>/<id>/<resourceId>` for the `Resource` of a cdk8s-plus construct), or
 * `undefined` when cdk8s must compute it (see the module comment).
 */
export function generatedObjectName(scope: IConstruct, id: string, resourceId?: string): string | undefined {
  const chart = chartOf(scope);
  if (chart === undefined || !usesDefaultNames(chart) || !fastPathAvailable()) {
    return undefined;
  }
  const child = id.replace(SEPARATORS, '--');
  let path = scope.node.path ? `${scope.node.path}/${child}` : child;
  let input = addressInput(scope) + (child === HIDDEN_ID ? '' : `${child}\n`);
  if (resourceId !== undefined) {
    path += `/${resourceId}`;
    input += resourceId === HIDDEN_ID ? '' : `${resourceId}\n`;
  }
  return dnsLabelOf(path, input, MAX_LEN);
}

/**
 * `metadata` with the name cdk8s would generate for the object at `<scope>/<id>[/<resourceId>]`
 * when it has none (the same object otherwise), so cdk8s does not compute it again.
 */
export function withGeneratedName(metadata: ApiObjectMetadata, scope: IConstruct, id: string, resourceId?: string): ApiObjectMetadata {
  if (metadata.name !== undefined) {
    return metadata;
  }
  const name = generatedObjectName(scope, id, resourceId);
  return name === undefined ? metadata : { ...metadata, name };
}

/** The nearest chart at or above `scope`, or undefined (cdk8s then reports the missing chart itself). */
function chartOf(scope: IConstruct): Chart | undefined {
  for (let c: IConstruct | undefined = scope; c !== undefined; c = c.node.scope) {
    if (Chart.isChart(c)) {
      return c;
    }
  }
  return undefined;
}

/** The chart names objects with cdk8s's own `generateObjectName`, hashes included. */
function usesDefaultNames(chart: Chart): boolean {
  return chart.generateObjectName === Chart.prototype.generateObjectName
    && (chart as unknown as { readonly _disableResourceNameHashes?: unknown })._disableResourceNameHashes === false;
}

function fastPathAvailable(): boolean {
  if (process.env.CDK8S_LEGACY_HASH) {
    return false;
  }
  agreesWithCdk8s ??= selfCheck();
  return agreesWithCdk8s;
}

/** The hash input of `construct`'s address, remembered per construct. */
function addressInput(construct: IConstruct): string {
  let input = ADDRESS_INPUTS.get(construct);
  if (input === undefined) {
    const scope = construct.node.scope;
    const id = construct.node.id;
    input = (scope === undefined ? '' : addressInput(scope)) + (id === HIDDEN_ID ? '' : `${id}\n`);
    ADDRESS_INPUTS.set(construct, input);
  }
  return input;
}

/**
 * `Names.toDnsLabel()` of a construct at `path` whose address hashes `addressText`, with the hash
 * and the default `-` delimiter.
 */
function dnsLabelOf(path: string, addressText: string, maxLen: number): string {
  const components = path.split('/');
  if (components.length === 1 && VALIDATE.test(components[0]) && components[0].length <= maxLen) {
    return components[0];
  }
  for (let i = 0; i < components.length; i++) {
    const c = components[i];
    components[i] = c.length <= maxLen && NORMALIZED.test(c) ? c : normalizeToDnsName(c, maxLen);
  }
  components.push(`c8${sha1Hex(addressText)}`.substring(0, HASH_LEN));
  return toHumanForm(components, maxLen);
}

/** cdk8s's `normalizeToDnsName`. */
function normalizeToDnsName(c: string, maxLen: number): string {
  return c.toLocaleLowerCase().replace(/[^0-9a-zA-Z-_.]/g, '').substr(0, maxLen);
}

/**
 * cdk8s's `toHumanForm(components, '-', maxLen)`: the components from the last one, consecutive
 * duplicates dropped, cut at `maxLen` characters, then split at `-` without empty words and
 * without the words `resource` and `default`. One pass when nothing is cut; cdk8s's own chain of
 * operations otherwise.
 */
function toHumanForm(components: string[], maxLen: number): string {
  // components never contain '/' (normalized) so joining and splitting at '/' is the identity
  let length = -1;
  for (let i = components.length - 1; i >= 0; i--) {
    if (i === components.length - 1 || components[i] !== components[i + 1]) {
      length += components[i].length + 1;
    }
  }
  if (length > maxLen) {
    return literalHumanForm(components, maxLen);
  }
  let result = '';
  for (let i = 0; i < components.length; i++) {
    if (i < components.length - 1 && components[i] === components[i + 1]) {
      continue; // the copy kept is the later one, which reads the same
    }
    const component = components[i];
    if (component === '') {
      continue;
    }
    for (const word of component.split('-')) {
      if (word !== '' && !isDefaultChild(word)) {
        result = result === '' ? word : `${result}-${word}`;
      }
    }
  }
  return result;
}

function isDefaultChild(word: string): boolean {
  const lower = word.toLowerCase();
  return lower === 'resource' || lower === 'default';
}

/** cdk8s's `toHumanForm` as written (used when the name is cut). */
function literalHumanForm(components: string[], maxLen: number): string {
  return [...components].reverse()
    .filter((value, index, all) => value !== all[index - 1])
    .join('/')
    .slice(0, maxLen)
    .split('/')
    .reverse()
    .filter(x => x)
    .join('-')
    .split('-')
    .filter(x => x)
    .filter(x => !isDefaultChild(x))
    .join('-');
}

/**
 * Compares this module with `Names.toDnsLabel` on a few paths (hidden ids, cut names, duplicates,
 * characters that normalization removes): false when the installed cdk8s or constructs compute
 * names differently, and cdk8s then always computes them.
 */
function selfCheck(): boolean {
  try {
    const root = new Construct(undefined as unknown as Construct, '');
    const paths = [
      ['chart', 'App', 'Resource', 'Resource'],
      ['My_Chart', 'Default', 'web-App', 'Service'],
      ['a'.repeat(40), 'b'.repeat(30), 'Config'],
      ['x', 'x', 'x-y', 'Default', 'resource'],
      ['ünï', '--', 'Default'],
      ['single'],
    ];
    for (const ids of paths) {
      let scope: Construct = root;
      for (const id of ids) {
        scope = new Construct(scope, id);
      }
      const expected = Names.toDnsLabel(scope);
      const parent = scope.node.scope!;
      const computed = dnsLabelOf(scope.node.path, addressInput(parent) + (scope.node.id === HIDDEN_ID ? '' : `${scope.node.id}\n`), MAX_LEN);
      if (computed !== expected || dnsLabelOf(scope.node.path, addressInput(scope), MAX_LEN) !== expected) {
        return false;
      }
    }
    return true;
  } catch {
    return false;
  }
}
