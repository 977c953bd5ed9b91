/**
 * The values of the diff API that are not functions: its enums, constants and error class. They
 * are small and load with the package; the diff code itself loads on the first call of a diff
 * function (see ../lazy.ts and ./index.ts). The modules that define the behaviour re-export them.
 */

/** What happened to an object. */
export enum ChangeType {
  /** Only in the new manifests. */
  ADDED = 'added',
  /** Only in the old manifests. */
  REMOVED = 'removed',
  /** In both, with different content. */
  CHANGED = 'changed',
  /** Removed under one name and added under another (delete and re-create). */
  RENAMED = 'renamed',
}

/** Shown instead of the values of Secret data and of annotations that embed objects. */
export const REDACTED = '(redacted)';

/** What happened to a field. */
export enum FieldOp {
  /** The field is new. */
  ADDED = 'added',
  /** The field is gone. */
  REMOVED = 'removed',
  /** The field has another value. */
  CHANGED = 'changed',
}

/**
 * List fields whose items are matched by `name` (`metadata.name` for volume claim templates)
 * when every item on both sides has a distinct one.
 */
export const NAMED_LISTS: ReadonlySet<string> = new Set([
  'containers', 'initContainers', 'ephemeralContainers', 'ports', 'env', 'volumes', 'volumeMounts',
  'volumeDevices', 'imagePullSecrets', 'volumeClaimTemplates', 'hostAliases',
]);

/** The kinds of risk a change can carry. */
export enum RiskRule {
  /** `spec.selector` of a workload changed: immutable, apply fails. */
  IMMUTABLE_SELECTOR = 'immutable-selector',
  /** Another field the API server does not let an update change. */
  IMMUTABLE_FIELD = 'immutable-field',
  /** A PersistentVolumeClaim asks for less storage than before: forbidden. */
  STORAGE_SHRINK = 'storage-shrink',
  /** The content of an `immutable: true` ConfigMap or Secret changed. */
  IMMUTABLE_CONTENT = 'immutable-content',
  /** A Service changed its type: addresses and node ports are re-allocated. */
  SERVICE_TYPE = 'service-type',
  /** Data goes away with the change (a claim, a claim template, a namespace, a CRD). */
  DATA_LOSS = 'data-loss',
  /** An object is deleted and another one of the same kind created in its place. */
  RENAME = 'rename',
}

/** Output format of a diff report. */
export enum DiffFormat {
  /** Human-readable text, coloured on a terminal. */
  TEXT = 'text',
  /** The full report as JSON (`version: 1`), values not cut. */
  JSON = 'json',
  /** Markdown for a pull request comment: summary, risky changes, a `diff` block per object. */
  MARKDOWN = 'markdown',
}

/** Values longer than this are cut with `…`. */
export const MAX_VALUE_LENGTH = 60;

/**
 * Input that cannot be diffed: a folder that does not exist, a file that does not parse.
 * `problems` are `file:line: message` lines.
 */
export class DiffInputError extends Error {
  /** Every problem, one line each. */
  public readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(problems.length === 1 ? problems[0] : `${problems.length} input problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'DiffInputError';
    this.problems = problems;
    Object.setPrototypeOf(this, DiffInputError.prototype);
  }
}
