/**
 * The CustomResourceDefinitions a validation run knows: the CRDs kept in `crds/` (generated data,
 * see `scripts/gen-crd-schemas.ts`), the ones given with `--crd` / the `crds` option, and the ones
 * found in the input. Lookups go by apiVersion and kind, as the API server's discovery does.
 *
 * Schemas are loaded on first use: the catalog of the built-in CRDs holds names and versions only;
 * a CRD file's schema data is parsed the first time one of its kinds is validated.
 */
import { GENERATED_CRDS } from '../schema/crds/generated';
import { CompactCrdData, SchemaNode, unpack } from './compact';
import { CrdDefinition } from './manifest';

/** One served version of a custom resource kind. */
export interface CustomResourceType {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly scope: 'Namespaced' | 'Cluster';
  /** Where the CRD comes from: `crds/<file>` (built in), a `--crd` file, or `<file>:<line>` in the input. */
  readonly source: string;
  /** The version's `openAPIV3Schema` (loaded on first call, then the same object). */
  readonly schema: () => SchemaNode;
  /** Per-type cache for validators built from the schema (CEL programs). */
  readonly cache: Map<string, unknown>;
}

/** What a lookup finds. */
export type CustomResourceLookup =
  | { readonly status: 'served'; readonly type: CustomResourceType }
  /** The CRD is known but does not serve this version (the server answers `no matches for kind`). */
  | { readonly status: 'unserved'; readonly served: readonly string[] };

interface Entry {
  readonly group: string;
  readonly kind: string;
  readonly source: string;
  readonly versions: ReadonlyMap<string, { readonly served: boolean; readonly type: CustomResourceType }>;
}

function groupOf(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** A set of CRDs, optionally on top of another (the built-in ones). */
export class CrdCatalog {
  private readonly entries = new Map<string, Entry>();
  private readonly lookups = new Map<string, CustomResourceLookup | null>();

  constructor(private readonly parent?: CrdCatalog) {}

  /** The number of CRDs added to this catalog (not counting the parent's). */
  public get size(): number {
    return this.entries.size;
  }

  /** True when this catalog or its parent defines the group and kind. */
  public defines(group: string, kind: string): boolean {
    return this.entries.has(`${group}|${kind}`) || (this.parent?.defines(group, kind) ?? false);
  }

  /** Where the definition of a group and kind comes from, if any. */
  public sourceOf(group: string, kind: string): string | undefined {
    return this.entries.get(`${group}|${kind}`)?.source ?? this.parent?.sourceOf(group, kind);
  }

  /**
   * Adds a CRD. Returns false (and keeps the first) when this catalog already defines the group and
   * kind, or when its parent does, unless `overrideParent` is set (`--crd` files win over the
   * built-in CRDs).
   */
  public add(crd: CrdDefinition, source: string, schemaOf?: (version: string) => SchemaNode | undefined, overrideParent = false): boolean {
    if (this.entries.has(`${crd.group}|${crd.kind}`) || (!overrideParent && this.defines(crd.group, crd.kind))) return false;
    const versions = new Map<string, { served: boolean; type: CustomResourceType }>();
    for (const v of crd.versions) {
      const own = v.schema;
      let loaded: SchemaNode | undefined;
      const schema = (): SchemaNode => (loaded ??= own ?? schemaOf?.(v.name) ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true });
      versions.set(v.name, {
        served: v.served,
        type: { group: crd.group, version: v.name, kind: crd.kind, scope: crd.scope, source, schema, cache: new Map() },
      });
    }
    this.entries.set(`${crd.group}|${crd.kind}`, { group: crd.group, kind: crd.kind, source, versions });
    this.lookups.clear();
    return true;
  }

  /** The type of an apiVersion and kind whether or not the version is served (undefined when no CRD has it). */
  public versionType(apiVersion: string, kind: string): CustomResourceType | undefined {
    const { group, version } = groupOf(apiVersion);
    const entry = this.entries.get(`${group}|${kind}`);
    return entry ? entry.versions.get(version)?.type : this.parent?.versionType(apiVersion, kind);
  }

  /** The served type of an apiVersion and kind, `unserved` when the CRD lacks that version, else undefined. */
  public lookup(apiVersion: string, kind: string): CustomResourceLookup | undefined {
    const key = `${apiVersion}|${kind}`;
    const cached = this.lookups.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const { group, version } = groupOf(apiVersion);
    const entry = this.entries.get(`${group}|${kind}`);
    let found: CustomResourceLookup | undefined;
    if (entry) {
      const v = entry.versions.get(version);
      found = v?.served
        ? { status: 'served', type: v.type }
        : { status: 'unserved', served: [...entry.versions].filter(([, x]) => x.served).map(([name]) => name) };
    } else {
      found = this.parent?.lookup(apiVersion, kind);
    }
    this.lookups.set(key, found ?? null);
    return found;
  }
}

let known: CrdCatalog | undefined;

/** The catalog of the CRDs kept in `crds/` (built on first use; schemas load per file on demand). */
export function knownCrdCatalog(): CrdCatalog {
  if (known) return known;
  const catalog = new CrdCatalog();
  const files = new Map<string, { [key: string]: SchemaNode }>();
  for (const crd of GENERATED_CRDS) {
    const schemaOf = (version: string): SchemaNode | undefined => {
      let schemas = files.get(crd.source);
      if (!schemas) {
        schemas = unpack(JSON.parse(crd.load()) as CompactCrdData);
        files.set(crd.source, schemas);
      }
      return schemas[`${crd.kind}/${version}`];
    };
    catalog.add({ ...crd, versions: crd.versions.map((v) => ({ ...v })) }, crd.source, schemaOf);
  }
  known = catalog;
  return catalog;
}

const catalogs = new WeakMap<object, CrdCatalog>();

/** Binds a run's catalog to the rule context its rules receive. */
export function bindCrdCatalog(context: object, catalog: CrdCatalog): void {
  catalogs.set(context, catalog);
}

/** The catalog of the run a rule context belongs to (the built-in CRDs when none is bound). */
export function crdCatalogFor(context: object | undefined): CrdCatalog {
  return (context !== undefined && catalogs.get(context)) || knownCrdCatalog();
}
