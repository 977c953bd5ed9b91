/**
 * Object identity across the bundle: the same object defined twice, and names that are legal on the
 * object but too long for the names and labels its controller derives from them.
 */
import { BundleRule, BundleViolation } from '../../rule';
import { Layer, Severity } from '../../types';
import { asObject } from '../common/field';
import { BundleIndex, IndexedObject } from './_support/bundle-index';
import { isClusterScoped } from './_support/scope';

/** `cross/duplicate-object`: the same group/kind/namespace/name twice. */
export const duplicateObjectRule: BundleRule = {
  id: 'cross/duplicate-object',
  layer: Layer.CROSS,
  defaultSeverity: Severity.ERROR,
  scope: 'bundle',
  description: 'No two objects of the bundle share API group, kind, namespace and name (the later one would overwrite the earlier).',
  example: 'metadata.name: Duplicate value: "web": apps/Deployment "web" in the default namespace is already defined earlier in the bundle',
  check(objects) {
    const index = BundleIndex.of(objects);
    // Namespaced objects: the index holds the first object of each kind/namespace/name, so only a
    // collision with it needs a closer look (its API group). Cluster-scoped kinds ignore the
    // namespace as written and use a key string (they are few).
    const groupsByFirst = new Map<IndexedObject, Set<string>>();
    const clusterKeys = new Set<string>();
    const out: BundleViolation[] = [];
    for (const entry of index.entries) {
      if (!entry.kind || !entry.name) {
        continue;
      }
      const clusterScoped = isClusterScoped(index, entry.kind);
      if (clusterScoped ? firstOfClusterKey(clusterKeys, entry) : firstOfGroup(index, groupsByFirst, entry)) {
        continue;
      }
      const type = entry.group ? `${entry.group}/${entry.kind}` : entry.kind;
      const where = clusterScoped ? '' : entry.ns === '' ? ' in the default namespace' : ` in namespace ${JSON.stringify(entry.ns)}`;
      out.push({
        index: entry.index,
        path: 'metadata.name',
        message: `Duplicate value: ${JSON.stringify(entry.name)}: ${type} ${JSON.stringify(entry.name)}${where} is already defined earlier in the bundle`,
      });
    }
    return out;
  },
};

/** True when no earlier cluster-scoped object has the entry's group, kind and name (and records it). */
function firstOfClusterKey(seen: Set<string>, entry: IndexedObject): boolean {
  const key = `${entry.group}|${entry.kind}|${entry.name}`;
  if (seen.has(key)) {
    return false;
  }
  seen.add(key);
  return true;
}

/**
 * True when no earlier namespaced object has the entry's group, kind, namespace key and name (and
 * records it). Objects sharing kind, namespace key and name all share the index's first one.
 */
function firstOfGroup(index: BundleIndex, groupsByFirst: Map<IndexedObject, Set<string>>, entry: IndexedObject): boolean {
  if (!index.repeatsKey(entry)) {
    return true;
  }
  const first = index.find(entry.kind, entry.ns, entry.name);
  if (first === undefined) {
    return true;
  }
  let groups = groupsByFirst.get(first);
  if (groups === undefined) {
    groups = new Set([first.group]);
    groupsByFirst.set(first, groups);
  }
  if (groups.has(entry.group)) {
    return false;
  }
  groups.add(entry.group);
  return true;
}

/** The longest Kubernetes label value and DNS label (pod hostnames). */
const LABEL_MAX = 63;
/** The longest DNS subdomain (object names). */
const SUBDOMAIN_MAX = 253;
/** `-` plus the longest hash a controller appends (a uint32 in the safe alphabet: 10 characters). */
const HASH_SUFFIX = 11;
/** `-` plus the scheduled time in minutes that a CronJob appends to its Job names. */
const CRONJOB_SUFFIX = 11;

/** The limit a controller-derived name puts on an object's name, with the reason. */
function derivedLimit(entry: IndexedObject): { max: number; reason: string } | undefined {
  const spec = asObject(entry.object.spec) ?? {};
  switch (entry.kind) {
    case 'StatefulSet':
      return {
        max: LABEL_MAX - HASH_SUFFIX,
        reason: `the controller-revision-hash label of its pods (the name plus a hash of up to ${HASH_SUFFIX} characters) must fit in ${LABEL_MAX}`,
      };
    case 'Deployment':
      return {
        max: SUBDOMAIN_MAX - HASH_SUFFIX,
        reason: `its ReplicaSet names (the name plus a pod-template-hash of up to ${HASH_SUFFIX} characters) must fit in ${SUBDOMAIN_MAX}`,
      };
    case 'Job':
      return indexedLimit(spec, 0) ?? {
        max: LABEL_MAX,
        reason: `the job-name label of its pods carries the name and must fit in ${LABEL_MAX}`,
      };
    case 'CronJob':
      return indexedLimit(asObject(asObject(spec.jobTemplate)?.spec) ?? {}, CRONJOB_SUFFIX);
    default:
      return undefined;
  }
}

/** For Indexed Jobs: `<job name>-<index>` is the pod hostname and must be a DNS label. */
function indexedLimit(jobSpec: Readonly<Record<string, unknown>>, prefix: number): { max: number; reason: string } | undefined {
  if (jobSpec.completionMode !== 'Indexed' || typeof jobSpec.completions !== 'number' || jobSpec.completions < 1) {
    return undefined;
  }
  const digits = String(jobSpec.completions - 1).length;
  const jobName = prefix > 0 ? `the CronJob name plus an ${prefix}-character schedule suffix` : 'the name';
  return {
    max: LABEL_MAX - prefix - 1 - digits,
    reason: `the hostname of its last indexed pod (${jobName}, "-" and index ${jobSpec.completions - 1}) must fit in ${LABEL_MAX}`,
  };
}

/** `cross/derived-name-length`: names too long for the names and labels their controller derives. */
export const derivedNameLengthRule: BundleRule = {
  id: 'cross/derived-name-length',
  layer: Layer.CROSS,
  defaultSeverity: Severity.ERROR,
  scope: 'bundle',
  description:
    'Workload names leave room for what their controller derives: StatefulSet <= 52, Deployment <= 242, Job <= 63, Indexed Job and CronJob pod hostnames <= 63.',
  example:
    'metadata.name: Too long: must be no more than 52 characters, because the controller-revision-hash label of its pods (the name plus a hash of up to 11 characters) must fit in 63',
  check(objects) {
    const out: BundleViolation[] = [];
    for (const entry of BundleIndex.of(objects).entries) {
      const limit = derivedLimit(entry);
      if (limit && entry.name.length > limit.max) {
        out.push({
          index: entry.index,
          path: 'metadata.name',
          message: `Too long: must be no more than ${limit.max} characters, because ${limit.reason}`,
        });
      }
    }
    return out;
  },
};
