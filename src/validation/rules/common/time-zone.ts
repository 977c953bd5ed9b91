/**
 * IANA time zone names as Go's `time.LoadLocation` (and so a 1.28 CronJob `timeZone`) accepts them.
 *
 * Source (1.28): Go `time.LoadLocation` as kubernetes/kubernetes
 * `pkg/apis/batch/validation/validation.go` `validateTimeZone` calls it (tzdata embedded in the API server).
 */

const VALID_PART_RE = /^[A-Za-z.\-_0-9+]{1,14}$/;
const CANONICAL: ReadonlySet<string> = new Set(Intl.supportedValuesOf('timeZone'));
const CANONICAL_LOWER: ReadonlyMap<string, string> = new Map([...CANONICAL].map((z) => [z.toLowerCase(), z]));
/** Zones Go ships that ICU lists only as aliases. */
const EXTRA: ReadonlySet<string> = new Set(['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT', 'UCT', 'Etc/UCT', 'Zulu', 'Etc/Zulu', 'Universal', 'Etc/Universal', 'Greenwich', 'Etc/Greenwich']);
const CACHE = new Map<string, boolean>();

function icuKnows(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * True when `name` is a time zone of the IANA database (canonical names and their links such as
 * `US/Eastern`, plus `UTC`). `Local`, offsets like `+01:00` and wrongly cased names are not.
 */
export function isKnownTimeZone(name: string): boolean {
  const cached = CACHE.get(name);
  if (cached !== undefined) {
    return cached;
  }
  let known: boolean;
  if (name.length === 0 || name.split('/').some((p) => p === '.' || p === '..' || p.startsWith('-') || !VALID_PART_RE.test(p))) {
    known = false;
  } else if (CANONICAL.has(name) || EXTRA.has(name)) {
    known = true;
  } else if (CANONICAL_LOWER.has(name.toLowerCase()) || name.toLowerCase() === 'local') {
    // A canonical zone with different case: Go's file lookup is case-sensitive.
    known = false;
  } else {
    known = /^[A-Za-z]/.test(name) && icuKnows(name);
  }
  CACHE.set(name, known);
  return known;
}
