import { Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { ExternalObjectRef } from '../../validation/rule';
import { checkOptionNames, propNamesOf } from '../core/prop-names';

const REGISTRY_SYMBOL = Symbol.for('cdk8s-patterns.ExternalObjects');

/** One declaration, with the chart it was made in (undefined: at app level). */
interface Declaration {
  readonly chart?: Chart;
  readonly ref: ExternalObjectRef;
}

/** The declarations of one app, in the order they were made. */
class Registry {
  public readonly declarations: Declaration[] = [];
}

/** The keys of an external object declaration, for callers without TypeScript. */
const EXTERNAL_OBJECT_REF_NAMES = propNamesOf<ExternalObjectRef>('ExternalObjectRef', { kind: true, name: true, namespace: true, keys: true });

/**
 * The objects an app references but does not create: an existing Secret, a TLS Secret that
 * cert-manager issues, a Namespace the platform team owns.
 *
 * Constructs declare them when they take a reference (`SecretEnvValue.fromSecretName()` declares
 * its Secret and key), and apps declare the rest. The synth pipeline hands the declarations to the
 * validation engine, so cross-object checks report references that are neither created nor
 * declared, and never guess. Each declaration remembers its chart, so the validation config synth
 * writes next to an environment's manifests lists only what that environment's charts declared.
 *
 * ```ts
 * ExternalObjects.of(chart).declare({ kind: 'Namespace', name: 'shop' });
 * ```
 */
export class ExternalObjects {
  /** The declarations of the app that `scope` belongs to, declaring in the chart of `scope` (if any). */
  public static of(scope: IConstruct): ExternalObjects {
    const root = scope.node.root as Construct & { [REGISTRY_SYMBOL]?: Registry };
    let registry = root[REGISTRY_SYMBOL];
    if (!registry) {
      registry = new Registry();
      Object.defineProperty(root, REGISTRY_SYMBOL, { value: registry });
    }
    return new ExternalObjects(registry, chartOf(scope), scope);
  }

  private constructor(private readonly registry: Registry, private readonly chart: Chart | undefined, private readonly scope: IConstruct) {}

  /**
   * Declares an object that exists outside the app. Declaring the same object again merges the
   * known keys (a declaration without keys means "keys unknown", which wins).
   */
  public declare(ref: ExternalObjectRef): void {
    checkOptionNames(this.scope, 'ExternalObjects.declare', ref, EXTERNAL_OBJECT_REF_NAMES);
    this.registry.declarations.push({ chart: this.chart, ref: { ...ref, ...(ref.keys ? { keys: [...ref.keys] } : {}) } });
  }

  /** Every declared object of the app, merged and sorted by kind, namespace and name (a copy). */
  public get all(): ExternalObjectRef[] {
    return merged(this.registry.declarations);
  }

  /**
   * The objects declared in `charts` or at app level (outside any chart), merged and sorted like
   * {@link all}.
   */
  public declaredIn(charts: readonly Chart[]): ExternalObjectRef[] {
    return merged(this.registry.declarations.filter((d) => d.chart === undefined || charts.includes(d.chart)));
  }
}

/** The nearest chart enclosing `scope` (the scope itself when it is one), or undefined. */
function chartOf(scope: IConstruct): Chart | undefined {
  for (let s: IConstruct | undefined = scope; s !== undefined; s = s.node.scope) {
    if (Chart.isChart(s)) return s;
  }
  return undefined;
}

/** Declarations of the same object (kind, namespace or any, name) merged in declaration order, sorted by that id. */
function merged(declarations: readonly Declaration[]): ExternalObjectRef[] {
  const refs = new Map<string, ExternalObjectRef>();
  for (const { ref } of declarations) {
    const id = `${ref.kind}/${ref.namespace ?? '*'}/${ref.name}`;
    const known = refs.get(id);
    if (!known) {
      refs.set(id, { ...ref, ...(ref.keys ? { keys: [...ref.keys] } : {}) });
      continue;
    }
    const keys = known.keys && ref.keys ? [...new Set([...known.keys, ...ref.keys])] : undefined;
    refs.set(id, { kind: ref.kind, name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}), ...(keys ? { keys } : {}) });
  }
  return [...refs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, ref]) => ref);
}
