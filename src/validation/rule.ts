/**
 * The contract every validation rule implements.
 *
 * Rules are plain functions over plain JSON objects, unit-tested on their own. The engine
 * (`engine.ts`) runs them, applies severities and suppressions, and attaches object identity
 * and source positions to what they return.
 */
import { KubeObject, Layer, Severity, Violation } from './types';

/** Pod Security Standards profile enforced by the policy layer. */
export enum PodSecurityLevel {
  BASELINE = 'baseline',
  RESTRICTED = 'restricted',
}

/**
 * An object that lives outside the app (created by another team, an operator, the cluster),
 * declared so that cross-object checks do not report references to it as dangling.
 */
export interface ExternalObjectRef {
  /** Kind, e.g. `Secret`, `Service`, `Namespace`, `ConfigMap`. */
  readonly kind: string;
  readonly name: string;
  /** Namespace; leave out to match the name in every namespace. */
  readonly namespace?: string;
  /** Keys known to exist (Secrets, ConfigMaps); leave out when unknown (no key checks). */
  readonly keys?: readonly string[];
}

/** What rules may read besides the objects. */
export interface RuleContext {
  readonly podSecurity: PodSecurityLevel;
  /** Objects that live outside the app. */
  readonly external: readonly ExternalObjectRef[];
}

/** What every rule declares about itself (listed in the README and `validate --list-rules`). */
export interface RuleMeta {
  /** `<layer>/<name>`; `<name>` is unique across layers (it is used in suppression annotations). */
  readonly id: string;
  readonly layer: Layer;
  readonly defaultSeverity: Severity;
  /** One sentence: what the rule checks. */
  readonly description: string;
  /** An example message the rule produces (for the README). */
  readonly example: string;
}

/** A rule that looks at one object at a time (schema, API semantics, most policy checks). */
export interface ObjectRule extends RuleMeta {
  readonly scope: 'object';
  /** Kinds the rule applies to; leave out to apply to every kind. */
  readonly kinds?: readonly string[];
  check(object: KubeObject, context: RuleContext): Violation[];
}

/** A violation found across objects: `index` points at the object it is reported on. */
export interface BundleViolation extends Violation {
  readonly index: number;
}

/** A rule that looks at the whole set of objects (cross-object checks). */
export interface BundleRule extends RuleMeta {
  readonly scope: 'bundle';
  check(objects: readonly KubeObject[], context: RuleContext): BundleViolation[];
}

/** Any rule. */
export type Rule = ObjectRule | BundleRule;
