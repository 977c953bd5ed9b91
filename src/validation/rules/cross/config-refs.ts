/**
 * ConfigMap and Secret references of pods (env keyRefs, envFrom, configMap/secret/projected volumes):
 * the object must exist and so must every key named, unless the reference is `optional: true`.
 */
import { BundleRule, BundleViolation, RuleContext } from '../../rule';
import { KubeObject, Layer, Severity } from '../../types';
import { asArray, asObject, asString, JsonObject } from '../common/field';
import { BundleAnalysis, BundleIndex, describeNamespace, findExternal, Workload } from './_support/bundle-index';
import { containersOf, volumesOf } from './_support/pod';

/** The kinds a pod can read configuration from. */
enum ConfigKind {
  CONFIG_MAP = 'ConfigMap',
  SECRET = 'Secret',
}

/** A reference to a ConfigMap or Secret (and maybe keys in it) made by a pod template. */
interface ConfigRef {
  readonly kind: ConfigKind;
  readonly name: string;
  /** Path of the field holding the name. */
  readonly namePath: string;
  readonly keys: readonly { readonly key: string; readonly path: string }[];
  readonly optional: boolean;
}

/** Every ConfigMap/Secret reference of a workload's pod template. */
function readReferences(workload: Workload): ConfigRef[] {
  const out: ConfigRef[] = [];
  const add = (kind: ConfigKind, source: JsonObject, path: string, nameField: string, keys: ConfigRef['keys']): void => {
    const name = asString(source[nameField]);
    if (name) {
      out.push({ kind, name, namePath: `${path}.${nameField}`, keys, optional: source.optional === true });
    }
  };
  for (const c of containersOf(workload.pod)) {
    asArray(c.container.env).forEach((item, i) => {
      const valueFrom = asObject(asObject(item)?.valueFrom);
      for (const [field, kind] of KEY_REF_FIELDS) {
        const ref = asObject(valueFrom?.[field]);
        if (ref) {
          const path = `${c.path}.env[${i}].valueFrom.${field}`;
          const key = asString(ref.key);
          add(kind, ref, path, 'name', key === undefined ? [] : [{ key, path: `${path}.key` }]);
        }
      }
    });
    asArray(c.container.envFrom).forEach((item, i) => {
      for (const [field, kind] of ENV_FROM_FIELDS) {
        const ref = asObject(asObject(item)?.[field]);
        if (ref) {
          add(kind, ref, `${c.path}.envFrom[${i}].${field}`, 'name', []);
        }
      }
    });
  }
  for (const v of volumesOf(workload.pod)) {
    const configMap = asObject(v.volume.configMap);
    if (configMap) {
      add(ConfigKind.CONFIG_MAP, configMap, `${v.path}.configMap`, 'name', itemKeys(configMap, `${v.path}.configMap`));
    }
    const secret = asObject(v.volume.secret);
    if (secret) {
      add(ConfigKind.SECRET, secret, `${v.path}.secret`, 'secretName', itemKeys(secret, `${v.path}.secret`));
    }
    asArray(asObject(v.volume.projected)?.sources).forEach((item, s) => {
      for (const [field, kind] of PROJECTED_FIELDS) {
        const source = asObject(asObject(item)?.[field]);
        if (source) {
          const path = `${v.path}.projected.sources[${s}].${field}`;
          add(kind, source, path, 'name', itemKeys(source, path));
        }
      }
    });
  }
  return out;
}

const KEY_REF_FIELDS: readonly [string, ConfigKind][] = [
  ['configMapKeyRef', ConfigKind.CONFIG_MAP],
  ['secretKeyRef', ConfigKind.SECRET],
];
const ENV_FROM_FIELDS: readonly [string, ConfigKind][] = [
  ['configMapRef', ConfigKind.CONFIG_MAP],
  ['secretRef', ConfigKind.SECRET],
];
const PROJECTED_FIELDS: readonly [string, ConfigKind][] = [
  ['configMap', ConfigKind.CONFIG_MAP],
  ['secret', ConfigKind.SECRET],
];

function itemKeys(source: JsonObject, path: string): ConfigRef['keys'] {
  return asArray(source.items).flatMap((item, i) => {
    const key = asString(asObject(item)?.key);
    return key === undefined ? [] : [{ key, path: `${path}.items[${i}].key` }];
  });
}

/** The keys a ConfigMap or Secret holds. */
function keysOf(object: KubeObject): ReadonlySet<string> {
  const fields = object.kind === ConfigKind.SECRET ? SECRET_FIELDS : CONFIG_MAP_FIELDS;
  const found = new Set<string>();
  for (const field of fields) {
    const data = asObject(object[field]);
    for (const key in data) {
      found.add(key);
    }
  }
  return found;
}

const SECRET_FIELDS = ['data', 'stringData'];
const CONFIG_MAP_FIELDS = ['data', 'binaryData'];

/** The keys of the Secret an ExternalSecret (`data[].secretKey`) or SealedSecret (`encryptedData`) produces; undefined when unknown. */
function producedSecretKeys(object: KubeObject): Set<string> | undefined {
  const spec = asObject(object.spec) ?? {};
  if (object.kind === 'SealedSecret') {
    return new Set(Object.keys(asObject(spec.encryptedData) ?? {}));
  }
  if (spec.dataFrom !== undefined || asObject(spec.target)?.template !== undefined) {
    return undefined;
  }
  return new Set(asArray(spec.data).flatMap((item) => asString(asObject(item)?.secretKey) ?? []));
}

/** The outcome of resolving one reference. */
interface Resolution {
  /** False when the object is neither in the bundle nor declared external. */
  readonly found: boolean;
  /** The known keys; undefined when unknown (external object without keys). */
  readonly keys?: ReadonlySet<string>;
}

/** Resolves one reference; `keysByObject` caches the keys of bundle objects across references. */
function resolve(
  index: BundleIndex,
  context: RuleContext,
  workload: Workload,
  ref: ConfigRef,
  keysByObject: Map<KubeObject, ReadonlySet<string>>,
): Resolution {
  const inBundle = index.find(ref.kind, workload.ns, ref.name);
  if (inBundle) {
    let keys = keysByObject.get(inBundle.object);
    if (keys === undefined) {
      keys = keysOf(inBundle.object);
      keysByObject.set(inBundle.object, keys);
    }
    return { found: true, keys };
  }
  // A Secret produced in the cluster by an ExternalSecret or SealedSecret of the same name.
  const producer = ref.kind === ConfigKind.SECRET
    ? index.find('ExternalSecret', workload.ns, ref.name) ?? index.find('SealedSecret', workload.ns, ref.name)
    : undefined;
  if (producer) {
    return { found: true, keys: producedSecretKeys(producer.object) };
  }
  const external = findExternal(context, ref.kind, workload.ns, ref.name);
  if (external) {
    return { found: true, keys: external.keys ? new Set(external.keys) : undefined };
  }
  return { found: false };
}

/** The findings of `cross/config-ref` and `cross/config-key`, in workload and reference order. */
interface ConfigProblems {
  readonly notFound: readonly BundleViolation[];
  readonly missingKeys: readonly BundleViolation[];
}

/**
 * Every non-optional reference of every workload, resolved once per bundle; only the problems of
 * both rules are kept (issue #14: not every reference with its resolution, which `finish()` would
 * hold until the report). Keyed by the context too, because resolution reads its declared external
 * objects.
 */
function configProblems(objects: readonly KubeObject[], context: RuleContext): ConfigProblems {
  const index = BundleIndex.of(objects);
  const cached = index.analysis(CONFIG_PROBLEMS);
  let problems = cached.get(context);
  if (problems === undefined) {
    const notFound: BundleViolation[] = [];
    const missingKeys: BundleViolation[] = [];
    const keysByObject = new Map<KubeObject, ReadonlySet<string>>();
    for (const workload of index.workloads) {
      for (const ref of readReferences(workload)) {
        if (ref.optional) {
          continue;
        }
        const resolution = resolve(index, context, workload, ref, keysByObject);
        if (!resolution.found) {
          notFound.push({
            index: workload.index,
            path: ref.namePath,
            message: `Not found: ${JSON.stringify(ref.name)}: no ${ref.kind} ${JSON.stringify(ref.name)} in ${describeNamespace(workload)}; add it, declare it as an external object or set optional: true`,
          });
          continue;
        }
        const keys = resolution.keys;
        if (!keys) {
          continue;
        }
        for (const k of ref.keys) {
          if (!keys.has(k.key)) {
            missingKeys.push({
              index: workload.index,
              path: k.path,
              message: `Not found: ${JSON.stringify(k.key)}: ${ref.kind} ${JSON.stringify(ref.name)} has no key ${JSON.stringify(k.key)}`,
            });
          }
        }
      }
    }
    problems = { notFound, missingKeys };
    cached.set(context, problems);
  }
  return problems;
}

const CONFIG_PROBLEMS: BundleAnalysis<Map<RuleContext, ConfigProblems>> = {
  name: 'missing ConfigMaps and Secrets and missing keys of the pods\' references, per rule context',
  compute: () => new Map(),
};

/** `cross/config-ref`: referenced ConfigMaps and Secrets exist. */
export const configRefRule: BundleRule = {
  id: 'cross/config-ref',
  layer: Layer.CROSS,
  defaultSeverity: Severity.ERROR,
  scope: 'bundle',
  description:
    'ConfigMaps and Secrets referenced by env, envFrom and volumes exist in the bundle or are declared external, unless optional.',
  example:
    'spec.template.spec.containers[0].envFrom[0].secretRef.name: Not found: "db": no Secret "db" in the default namespace; add it, declare it as an external object or set optional: true',
  check(objects, context) {
    return [...configProblems(objects, context).notFound];
  },
};

/** `cross/config-key`: keys named by keyRefs and volume items exist in the referenced object. */
export const configKeyRule: BundleRule = {
  id: 'cross/config-key',
  layer: Layer.CROSS,
  defaultSeverity: Severity.ERROR,
  scope: 'bundle',
  description:
    'Keys named by configMapKeyRef, secretKeyRef and configMap/secret volume items exist in the referenced object, unless optional.',
  example:
    'spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.key: Not found: "password": Secret "db" has no key "password"',
  check(objects, context) {
    return [...configProblems(objects, context).missingKeys];
  },
};
