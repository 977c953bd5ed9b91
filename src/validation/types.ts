/**
 * Shared types of the validation engine: the objects it reads and the findings it reports.
 */

/** A Kubernetes object as plain JSON (what `chart.toJson()` or a YAML document yields). */
export interface KubeObject {
  readonly apiVersion?: unknown;
  readonly kind?: unknown;
  readonly metadata?: unknown;
  readonly [key: string]: unknown;
}

/** How bad a finding is. `off` disables a rule. */
export enum Severity {
  ERROR = 'error',
  WARNING = 'warning',
  INFO = 'info',
  OFF = 'off',
}

/**
 * The layer of a rule.
 *
 * - `schema`: L1 decode and L2 strict schema (what the API server rejects with 400).
 * - `api`: L3 semantic rules (what the API server rejects with 422).
 * - `cross`: L4 checks across objects (runtime breakage no single object shows).
 * - `policy`: L5 security and best-practice policy.
 */
export enum Layer {
  SCHEMA = 'schema',
  API = 'api',
  CROSS = 'cross',
  POLICY = 'policy',
}

/** Where an object came from: a construct in a synthesized app, or a file position in YAML. */
export interface ObjectSource {
  /** The construct path of the object (synthesized objects). */
  readonly constructPath?: string;
  /** The file the object was read from (YAML input); `-` for standard input. */
  readonly file?: string;
  /** The 1-based line of the document start (YAML input). */
  readonly line?: number;
  /**
   * Finds the 1-based line of a field path inside the document (YAML input).
   * Returns the document line when the path cannot be located.
   */
  readonly lineOf?: (fieldPath: string) => number | undefined;
}

/** An object together with its source, the unit the validation engine works on. */
export interface SourcedObject {
  readonly object: KubeObject;
  readonly source: ObjectSource;
}

/** The identity of the object a finding is about. */
export interface ObjectRef {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
}

/**
 * A problem found by a rule, before the engine attaches the object and the source.
 *
 * `path` uses the API server's syntax: dots, `[i]` for list indexes and `[key]` for map keys,
 * e.g. `spec.template.spec.containers[0].ports[1].name`.
 * `message` is in the API server's style, starting with the error type:
 * `Invalid value: "HTTP_PORT": must be no more than 15 characters`, `Required value`,
 * `Unsupported value: "Foo": supported values: "A", "B"`, `Duplicate value: "x"`, `Forbidden: ...`,
 * `Not found: "x"`, `Too long: must have at most 262144 bytes`.
 */
export interface Violation {
  readonly path: string;
  readonly message: string;
}

/** A finding as the engine reports it. */
export interface Finding {
  /** The rule id, e.g. `api/container-port-name` or `policy/latest-tag`. */
  readonly rule: string;
  readonly layer: Layer;
  readonly severity: Severity;
  readonly object: ObjectRef;
  /** The field path (API server syntax); empty for the whole object. */
  readonly path: string;
  /** The message in the API server's style (see {@link Violation}). */
  readonly message: string;
  /** The construct path of a synthesized object. */
  readonly constructPath?: string;
  /** `file` of a YAML input. */
  readonly file?: string;
  /** 1-based line in `file`. */
  readonly line?: number;
}
