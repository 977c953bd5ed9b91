/**
 * One finding per problem: policy rules that look at the same field (the Pod Security Standards
 * profile and the best-practice rules on privilege escalation, capabilities, non-root, host
 * namespaces, host ports, sysctls and host paths) report it once, and a missing required field
 * that both strict decoding (`schema/strict`) and an API validation rule (`api/*`) report is
 * reported once, by the API rule, as the API server does.
 */
import { Finding, Layer, Severity } from './types';

const RANK: Readonly<Record<string, number>> = {
  [Severity.ERROR]: 3,
  [Severity.WARNING]: 2,
  [Severity.INFO]: 1,
};

/**
 * Drops, among `findings[start..]` (the findings of one object), every policy finding on a field that
 * another policy finding already reports, on the same field or on one above or below it
 * (`volumes[0].hostPath` and `volumes[0].hostPath.path`). Of such a group the finding with the
 * strongest severity stays; on a tie the first one in rule order (`policy/pod-security` comes first).
 * Findings of other layers are never dropped. Compacts the array in place and allocates nothing.
 */
export function dropDuplicatePolicyFindings(findings: Finding[], start: number): void {
  let kept = start;
  for (let i = start; i < findings.length; i++) {
    const finding = findings[i];
    if (finding.layer === Layer.POLICY) {
      let same = -1;
      for (let j = start; j < kept; j++) {
        const other = findings[j];
        if (other.layer === Layer.POLICY && sameField(other.path, finding.path)) {
          same = j;
          break;
        }
      }
      if (same >= 0) {
        if (RANK[finding.severity] > RANK[findings[same].severity]) findings[same] = finding;
        continue;
      }
    }
    findings[kept++] = finding;
  }
  findings.length = kept;
}

/** The schema rule whose findings an API rule may repeat. */
export const STRICT_SCHEMA_RULE = 'schema/strict';

/**
 * Drops, among `findings[start..]` (the findings of one object), every `schema/strict` finding
 * that an API-layer finding of the same object repeats: same path and same message (both say
 * `spec.selector: Required value`). The API rule's finding stays (it is the one the API server
 * returns, with its own rule id to turn off or suppress); when that rule is off or suppressed its
 * finding is not among `findings` and the schema finding stays. Compacts the array in place.
 */
export function dropSchemaDuplicatesOfApiFindings(findings: Finding[], start: number): void {
  let hasApi = false;
  let hasStrict = false;
  for (let i = start; i < findings.length; i++) {
    if (findings[i].layer === Layer.API) hasApi = true;
    else if (findings[i].rule === STRICT_SCHEMA_RULE) hasStrict = true;
  }
  if (!hasApi || !hasStrict) return;
  let kept = start;
  for (let i = start; i < findings.length; i++) {
    const finding = findings[i];
    if (finding.rule === STRICT_SCHEMA_RULE && repeatsApiFinding(findings, start, finding)) continue;
    findings[kept++] = finding;
  }
  findings.length = kept;
}

function repeatsApiFinding(findings: readonly Finding[], start: number, finding: Finding): boolean {
  for (let j = start; j < findings.length; j++) {
    const other = findings[j];
    if (other.layer === Layer.API && other.path === finding.path && other.message === finding.message) return true;
  }
  return false;
}

/** Both per-object deduplications ({@link dropDuplicatePolicyFindings}, {@link dropSchemaDuplicatesOfApiFindings}). */
export function dropDuplicateObjectFindings(findings: Finding[], start: number): void {
  dropDuplicatePolicyFindings(findings, start);
  dropSchemaDuplicatesOfApiFindings(findings, start);
}

/** True when two field paths are equal or one lies below the other (`a.b` and `a.b.c` or `a.b[0]`). */
export function sameField(a: string, b: string): boolean {
  if (a.length === b.length) return a === b;
  return a.length < b.length ? isBelow(b, a) : isBelow(a, b);
}

/** True when `path` lies below `parent` (`parent.x` or `parent[0]`). */
function isBelow(path: string, parent: string): boolean {
  if (parent === '' || !path.startsWith(parent)) return false;
  const next = path.charCodeAt(parent.length);
  return next === 46 /* . */ || next === 91 /* [ */;
}

/**
 * The bundle rules whose findings share fields with the per-object policy rules:
 * `policy/pod-security` judges each pod by its Namespace's level, so it runs over the bundle, but
 * its findings are deduplicated with the per-object policy findings as if it ran with them.
 */
export const FIELD_SHARING_BUNDLE_RULES: ReadonlySet<string> = new Set(['policy/pod-security']);

/**
 * Drops duplicates between the findings of {@link FIELD_SHARING_BUNDLE_RULES} and the per-object
 * policy findings of the same object (same file, construct path and object identity) on the same
 * field: of such a group the strongest severity stays, the bundle rule's finding on a tie (it came
 * first in rule order when it ran per object). Findings on the whole object (empty path) and those
 * of other bundle rules are never dropped. Compacts the array in place; order is kept.
 *
 * @param isBundleRule tells the rule ids that run over the bundle (their findings are not per-object)
 */
export function dropDuplicatesOfBundlePolicyFindings(findings: Finding[], isBundleRule: (ruleId: string) => boolean): void {
  let sharing = false;
  for (let i = 0; i < findings.length && !sharing; i++) sharing = FIELD_SHARING_BUNDLE_RULES.has(findings[i].rule);
  if (!sharing) return;
  // Per-object policy findings (and the kept bundle findings) by object.
  const byObject = new Map<string, number[]>();
  const bundleFindings: number[] = [];
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    if (f.layer !== Layer.POLICY || f.path === '') continue;
    if (FIELD_SHARING_BUNDLE_RULES.has(f.rule)) bundleFindings.push(i);
    else if (!isBundleRule(f.rule)) groupOf(byObject, objectKey(f)).push(i);
  }
  const dropped = new Set<number>();
  for (const i of bundleFindings) {
    const finding = findings[i];
    const group = groupOf(byObject, objectKey(finding));
    const same = group.filter((j) => !dropped.has(j) && sameField(findings[j].path, finding.path));
    if (same.some((j) => RANK[findings[j].severity] > RANK[finding.severity])) {
      dropped.add(i);
      continue;
    }
    for (const j of same) dropped.add(j);
    group.push(i);
  }
  if (dropped.size === 0) return;
  let kept = 0;
  for (let i = 0; i < findings.length; i++) {
    if (!dropped.has(i)) findings[kept++] = findings[i];
  }
  findings.length = kept;
}

function objectKey(f: Finding): string {
  const o = f.object;
  return `${f.file ?? ''}\u0000${f.constructPath ?? ''}\u0000${o.apiVersion ?? ''}\u0000${o.kind ?? ''}\u0000${o.namespace ?? ''}\u0000${o.name ?? ''}`;
}

function groupOf(map: Map<string, number[]>, key: string): number[] {
  let group = map.get(key);
  if (group === undefined) {
    group = [];
    map.set(key, group);
  }
  return group;
}
