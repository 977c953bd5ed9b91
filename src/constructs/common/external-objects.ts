import { Construct, IConstruct } from 'constructs';
import { ExternalObjectRef } from '../../validation/rule';

const REGISTRY_SYMBOL = Symbol.for('cdk8s-patterns.ExternalObjects');

/**
 * The objects an app references but does not create: an existing Secret, a TLS Secret that
 * cert-manager issues, a Namespace the platform team owns.
 *
 * Constructs declare them when they take a reference (`SecretEnvValue.fromSecretName()` declares
 * its Secret and key), and apps declare the rest. The synth pipeline hands the declarations to the
 * validation engine, so cross-object checks report references that are neither created nor
 * declared, and never guess.
 *
 * ```ts
 * ExternalObjects.of(chart).declare({ kind: 'Namespace', name: 'shop' });
 * ```
 */
export class ExternalObjects {
  /** The registry of the app that `scope` belongs to. */
  public static of(scope: IConstruct): ExternalObjects {
    const root = scope.node.root as Construct & { [REGISTRY_SYMBOL]?: ExternalObjects };
    let registry = root[REGISTRY_SYMBOL];
    if (!registry) {
      registry = new ExternalObjects();
      Object.defineProperty(root, REGISTRY_SYMBOL, { value: registry });
    }
    return registry;
  }

  private readonly _refs = new Map<string, ExternalObjectRef>();

  private constructor() {
  }

  /**
   * Declares an object that exists outside the app. Declaring the same object again merges the
   * known keys (a declaration without keys means "keys unknown", which wins).
   */
  public declare(ref: ExternalObjectRef): void {
    const id = `${ref.kind}/${ref.namespace ?? '*'}/${ref.name}`;
    const known = this._refs.get(id);
    if (!known) {
      this._refs.set(id, { ...ref, ...(ref.keys ? { keys: [...ref.keys] } : {}) });
      return;
    }
    const keys = known.keys && ref.keys ? [...new Set([...known.keys, ...ref.keys])] : undefined;
    this._refs.set(id, { kind: ref.kind, name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}), ...(keys ? { keys } : {}) });
  }

  /** Every declared object, sorted by kind, namespace and name (a copy). */
  public get all(): ExternalObjectRef[] {
    return [...this._refs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, ref]) => ref);
  }
}
