/**
 * One finding per problem: policy rules that look at the same field (the Pod Security Standards
 * profile and the best-practice rules on privilege escalation, capabilities, non-root, host
 * namespaces, host ports, sysctls and host paths) report it once.
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
