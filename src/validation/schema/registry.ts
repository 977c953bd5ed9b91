/**
 * Finds the validator for an apiVersion/kind: the precompiled Kubernetes 1.28 validators,
 * or schemas registered at run time (CRDs, e.g. `monitoring.coreos.com/v1` PodMonitor); the CRDs the library emits are known (see `crds/`).
 *
 * Built-in validators are ajv standalone code generated at build time, one module per kind plus
 * modules shared by several kinds (`generated/k8s-validators/`); a kind's modules are loaded the
 * first time an object of that kind is validated, and nothing is compiled at run time.
 * Registered schemas are compiled with ajv on first use and cached.
 */
import * as fs from 'fs';
import * as path from 'path';
import type Ajv from 'ajv';
import type { ErrorObject } from 'ajv';
import { K8S_MODEL } from './generated/k8s-model';
import { loadBuiltinValidator } from './generated/k8s-validators';
// C1 (known CRDs): the custom resources the library emits, resolved after user schemas.
import type { knownCrdSchema as KnownCrdSchema } from './crds';
import type { JsonSchema, standaloneSchema as StandaloneSchema } from './json-schema';

/** A compiled validator as ajv produces it. */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** A validator together with what is needed to word its errors. */
export interface SchemaEntry {
  readonly validate: CompiledValidator;
  /** The model definition at the root (built-in kinds), for Go struct names in messages. */
  readonly definition?: string;
}

const builtinKinds = new Map<string, { definition: string; exportName: string }>();
/** The apiVersions that serve each built-in kind name (looked up without building a key). */
const builtinVersionsByKind = new Map<string, Set<string>>();
for (const [apiVersion, kind, definition] of K8S_MODEL.kinds) {
  builtinKinds.set(`${apiVersion}|${kind}`, {
    definition,
    exportName: `${apiVersion}_${kind}`.replace(/[^A-Za-z0-9_]/g, '_'),
  });
  let versions = builtinVersionsByKind.get(kind);
  if (!versions) builtinVersionsByKind.set(kind, (versions = new Set()));
  versions.add(apiVersion);
}

const entries = new Map<string, SchemaEntry | null>();
const registered = new Map<string, JsonSchema>();
const schemaDirs: string[] = [];
const schemaCache = new Map<string, JsonSchema>();
let runtimeAjv: Ajv | undefined;
let generation = 0;

/** A counter that changes whenever registered schemas change (lets callers cache lookups). */
export function registryGeneration(): number {
  return generation;
}

function ajvForRegistered(): Ajv {
  // Loaded on first use: only custom-resource schemas need ajv at run time.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const AjvClass = (require('ajv') as { default: typeof Ajv }).default;
  runtimeAjv ??= new AjvClass({ allErrors: true, strict: false, validateFormats: false, validateSchema: false });
  return runtimeAjv;
}

/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * The strict JSON Schema of a custom resource the library emits; loaded on first use (only
 * {@link getSchemaFor} needs it, not validation: start-up of `validate`, issue #14).
 */
function knownCrdSchema(...args: Parameters<typeof KnownCrdSchema>): ReturnType<typeof KnownCrdSchema> {
  return (require('./crds') as typeof import('./crds')).knownCrdSchema(...args);
}

/** A self-contained JSON Schema from the model; loaded on first use like {@link knownCrdSchema}. */
function standaloneSchema(...args: Parameters<typeof StandaloneSchema>): ReturnType<typeof StandaloneSchema> {
  return (require('./json-schema') as typeof import('./json-schema')).standaloneSchema(...args);
}
/* eslint-enable @typescript-eslint/no-require-imports */

/** `true` when the pair is one of the built-in Kubernetes 1.28 kinds. */
export function isBuiltinKind(apiVersion: string, kind: string): boolean {
  return builtinVersionsByKind.get(kind)?.has(apiVersion) ?? false;
}

/**
 * `false` when the kind is named like a built-in kind but the apiVersion is not one that serves it:
 * a removed or unserved version (`extensions/v1beta1` Ingress), or a custom resource of another
 * group (Knative's `serving.knative.dev/v1` Service). The API server never runs the built-in
 * kind's validation on those, so neither do the rules written for that kind.
 */
export function kindRulesApply(apiVersion: string, kind: string): boolean {
  const versions = builtinVersionsByKind.get(kind);
  return versions === undefined || versions.has(apiVersion);
}

/**
 * The validator for an apiVersion/kind, or undefined when no schema is known.
 * Registered schemas win over built-in ones and over CRDs.
 */
export function findValidator(apiVersion: string, kind: string): SchemaEntry | undefined {
  const key = `${apiVersion}|${kind}`;
  const cached = entries.get(key);
  if (cached !== undefined) return cached ?? undefined;
  let entry: SchemaEntry | null = null;
  // Custom resources of known CRDs are not compiled here: the schema rules check them with the
  // structural-schema validator (src/validation/crd), which also knows CRDs from --crd and the input.
  const schema = registered.get(key) ?? findInSchemaDirs(apiVersion, kind);
  if (schema) {
    const copy = { ...schema };
    delete copy.$schema;
    entry = { validate: ajvForRegistered().compile(copy) as CompiledValidator };
  } else {
    const builtin = builtinKinds.get(key);
    const validate = builtin ? loadBuiltinValidator(builtin.exportName) : undefined;
    if (builtin && validate) entry = { validate, definition: builtin.definition };
  }
  entries.set(key, entry);
  return entry ?? undefined;
}

/**
 * The JSON Schema used for an apiVersion/kind: a registered one, one from a schema folder, the
 * strict schema of a custom resource the library emits (`./crds`, built on first use), or a
 * self-contained strict schema derived from the built-in model. Undefined when none is known.
 */
export function getSchemaFor(apiVersion: string, kind: string): JsonSchema | undefined {
  const key = `${apiVersion}|${kind}`;
  const own = registered.get(key) ?? findInSchemaDirs(apiVersion, kind) ?? knownCrdSchema(apiVersion, kind);
  if (own) return own;
  const builtin = builtinKinds.get(key);
  if (!builtin) return undefined;
  let schema = schemaCache.get(key);
  if (!schema) {
    schema = standaloneSchema(K8S_MODEL, builtin.definition);
    schemaCache.set(key, schema);
  }
  return schema;
}

/** Registers (or replaces) the schema of one apiVersion/kind at run time. */
export function registerSchema(apiVersion: string, kind: string, schema: JsonSchema): void {
  const key = `${apiVersion}|${kind}`;
  registered.set(key, schema);
  entries.delete(key);
  generation++;
}

/**
 * Adds a folder of standalone JSON schemas in kubeconform's layout (what `--schema-dir` reads):
 * `<kind>-<group>-<version>.json` or, for the core group, `<kind>-<version>.json`, kind in
 * lower case and group either in full with dots as dashes or as its first segment
 * (`servicemonitor-monitoring-v1.json`). Files are read and compiled only when an object of
 * that kind is validated. Throws when the folder does not exist.
 */
export function addSchemaDir(dir: string): void {
  if (!fs.statSync(dir).isDirectory()) {
    throw new Error(`schema dir "${dir}" is not a directory`);
  }
  schemaDirs.push(dir);
  entries.clear();
  generation++;
}

/** Forgets every registered schema and schema folder (tests). */
export function resetRegisteredSchemas(): void {
  registered.clear();
  schemaDirs.length = 0;
  entries.clear();
  generation++;
}

function findInSchemaDirs(apiVersion: string, kind: string): JsonSchema | undefined {
  if (schemaDirs.length === 0) return undefined;
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  const lower = kind.toLowerCase();
  const names = group
    ? [`${lower}-${group.replace(/\./g, '-')}-${version}.json`, `${lower}-${group.split('.')[0]}-${version}.json`]
    : [`${lower}-${version}.json`];
  for (const dir of schemaDirs) {
    for (const name of names) {
      const file = path.join(dir, name);
      if (fs.existsSync(file)) {
        const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as JsonSchema;
        registered.set(`${apiVersion}|${kind}`, schema);
        return schema;
      }
    }
  }
  return undefined;
}
