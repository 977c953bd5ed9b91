/**
 * Generates the strict Kubernetes 1.28 schema from the cdk8s-plus-28 jsii assembly.
 *
 * Every generated type `cdk8s-plus-28.k8s.*` carries `docs.custom.schema`, the name of the
 * OpenAPI definition it was generated from (`io.k8s.api.apps.v1.Deployment`), and each of its
 * properties names `Definition#jsonField`. Property types give references, lists, maps and
 * primitives; the `IntOrString` and `Quantity` classes mark int-or-string and quantity fields.
 * apiVersion and kind of every servable kind come from the static `GVK` of the `Kube*` classes.
 *
 * The assembly types every number as `number`, so the Go integer width comes from the
 * tables below (facts from the Kubernetes `types.go` files; `test/validation/schema/official.test.ts`
 * checks them against the official definitions).
 *
 * Writes `src/validation/schema/generated/k8s-model.ts` (the model) and the ajv standalone
 * validators, split so that validating one kind loads only that kind's code (issue #14, start-up):
 * `src/validation/schema/generated/k8s-validators/<apiVersion>_<kind>.ts` holds what only that kind
 * uses, `k8s-validators/shared-<n>.ts` what several kinds use (one module per set of kinds that use
 * it, so nothing is duplicated and a kind loads no code it does not run), and
 * `src/validation/schema/generated/k8s-validators.ts` maps each kind to its module (static
 * `require`s, loaded on first use by `src/validation/schema/registry.ts`).
 *
 * Also writes `src/synth/generated/l1-converters.ts` (see `scripts/gen-synth-converters.ts`).
 *
 * Usage: `npx tsx scripts/gen-k8s-schema.ts` (`--check` exits 1 when the files are stale).
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import * as ts from 'typescript';
import { k8s } from '../src/constructs/core/plus';
import { DEFINITIONS_ID, definitionsDocument } from '../src/validation/schema/json-schema';
import { K8sModel, ModelKind } from '../src/validation/schema/model';
import { CONVERTERS_FILE, generate as generateConverters } from './gen-synth-converters';

/** Fields whose Go type is int64 (everything else numeric is int32 unless listed as double). */
const INT64_FIELDS = new Set([
  'io.k8s.api.apps.v1.ControllerRevision#revision',
  'io.k8s.api.authentication.v1.TokenRequestSpec#expirationSeconds',
  'io.k8s.api.batch.v1.CronJobSpec#startingDeadlineSeconds',
  'io.k8s.api.batch.v1.JobSpec#activeDeadlineSeconds',
  'io.k8s.api.core.v1.ContainerImage#sizeBytes',
  'io.k8s.api.core.v1.PodSecurityContext#fsGroup',
  'io.k8s.api.core.v1.PodSecurityContext#runAsGroup',
  'io.k8s.api.core.v1.PodSecurityContext#runAsUser',
  'io.k8s.api.core.v1.PodSecurityContext#supplementalGroups',
  'io.k8s.api.core.v1.PodSpec#activeDeadlineSeconds',
  'io.k8s.api.core.v1.PodSpec#terminationGracePeriodSeconds',
  'io.k8s.api.core.v1.Probe#terminationGracePeriodSeconds',
  'io.k8s.api.core.v1.SecurityContext#runAsGroup',
  'io.k8s.api.core.v1.SecurityContext#runAsUser',
  'io.k8s.api.core.v1.ServiceAccountTokenProjection#expirationSeconds',
  'io.k8s.api.core.v1.Toleration#tolerationSeconds',
  'io.k8s.api.storage.v1.TokenRequest#expirationSeconds',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps#maxItems',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps#maxLength',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps#maxProperties',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps#minItems',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps#minLength',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps#minProperties',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Condition#observedGeneration',
  'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions#gracePeriodSeconds',
  'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta#remainingItemCount',
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta#deletionGracePeriodSeconds',
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta#generation',
]);

/** Fields whose Go type is float64. */
const DOUBLE_FIELDS = new Set([
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps#maximum',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps#minimum',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps#multipleOf',
]);

/** Fields whose Go type is `[]byte` (base64 in JSON), alone or as map values. */
const BYTE_FIELDS = new Set([
  'io.k8s.api.admissionregistration.v1.WebhookClientConfig#caBundle',
  'io.k8s.api.certificates.v1.CertificateSigningRequestSpec#request',
  'io.k8s.api.core.v1.ConfigMap#binaryData',
  'io.k8s.api.core.v1.Secret#data',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.WebhookClientConfig#caBundle',
  'io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.APIServiceSpec#caBundle',
]);

/**
 * Fields the OpenAPI definitions list as required that a Kubernetes 1.28 API server does not
 * require. The server does not check built-in kinds against the OpenAPI schema: it decodes, applies
 * the version's defaults (`pkg/apis/<group>/<version>/defaults.go`) and runs the Go validation of
 * the kind's registry strategy (`pkg/apis/<group>/validation/validation.go`), which owns what is
 * required. Every other `required` entry is one the Go validation rejects too (as
 * `<path>: Required value` or a more specific message at the same path), so the strict schema keeps it.
 */
export const SERVER_OPTIONAL_FIELDS: ReadonlySet<string> = new Set([
  // ValidateNetworkPolicySpec: a missing podSelector is the empty selector (all pods of the namespace)
  'io.k8s.api.networking.v1.NetworkPolicySpec#podSelector',
  // ValidateStatefulSetSpec (1.28) does not look at serviceName
  'io.k8s.api.apps.v1.StatefulSetSpec#serviceName',
  // validatePodFailurePolicy: rules, onPodConditions may be empty; batch/v1 SetDefaults_Job sets a
  // missing onPodConditions[].status to True
  'io.k8s.api.batch.v1.PodFailurePolicy#rules',
  'io.k8s.api.batch.v1.PodFailurePolicyRule#onPodConditions',
  'io.k8s.api.batch.v1.PodFailurePolicyOnPodConditionsPattern#status',
  // ValidateLimitRange loops over spec.limits; none is fine
  'io.k8s.api.core.v1.LimitRangeSpec#limits',
  // storage ValidateCSIDriver: a missing spec is the zero spec, then defaulted (storage/v1 defaults.go)
  'io.k8s.api.storage.v1.CSIDriver#spec',
  // validateHTTPHeader checks header names only
  'io.k8s.api.core.v1.HTTPHeader#value',
  // validateSysctls checks names only
  'io.k8s.api.core.v1.Sysctl#value',
  // validateISCSIVolumeSource: lun 0 is valid (0..255)
  'io.k8s.api.core.v1.ISCSIVolumeSource#lun',
  'io.k8s.api.core.v1.ISCSIPersistentVolumeSource#lun',
  // ValidatePreferredSchedulingTerms: an empty preference term is valid
  'io.k8s.api.core.v1.PreferredSchedulingTerm#preference',
  // discovery ValidateEndpointSlice: no endpoints is fine
  'io.k8s.api.discovery.v1.EndpointSlice#endpoints',
  // apps ValidateControllerRevision: revision 0 is non-negative
  'io.k8s.api.apps.v1.ControllerRevision#revision',
  // storage ValidateCSINode: drivers may be empty
  'io.k8s.api.storage.v1.CSINodeSpec#drivers',
  // rbac/v1 SetDefaults_RoleBinding and SetDefaults_ClusterRoleBinding (pkg/apis/rbac/v1/defaults.go)
  // set a missing roleRef.apiGroup to rbac.authorization.k8s.io before validation
  'io.k8s.api.rbac.v1.RoleRef#apiGroup',
  // scheduling ValidatePriorityClass: a missing value is priority 0, which is valid
  'io.k8s.api.scheduling.v1.PriorityClass#value',
  // storage validateTokenRequests: an empty audience is the API server's own audience
  'io.k8s.api.storage.v1.TokenRequest#audience',
]);

/**
 * Top-level fields the assembly leaves out: apiVersion and kind (set by `ApiObject`) and, on the
 * kinds that have one, status.
 */
const TOP_LEVEL_FIELDS = { apiVersion: 'string', kind: 'string' };

/**
 * The kinds whose Go type has a `status` (the official 1.28 definitions; the assembly drops every
 * status type). The server decodes it (it must be a JSON object) and the registry strategy's
 * PrepareForCreate then resets it, so its content is not checked (`{}any`). On every other kind a
 * top-level `status` is an unknown field.
 */
const KINDS_WITH_STATUS = new Set([
  'io.k8s.api.admissionregistration.v1alpha1.ValidatingAdmissionPolicy',
  'io.k8s.api.admissionregistration.v1beta1.ValidatingAdmissionPolicy',
  'io.k8s.api.apiserverinternal.v1alpha1.StorageVersion',
  'io.k8s.api.apps.v1.DaemonSet',
  'io.k8s.api.apps.v1.Deployment',
  'io.k8s.api.apps.v1.ReplicaSet',
  'io.k8s.api.apps.v1.StatefulSet',
  'io.k8s.api.authentication.v1.SelfSubjectReview',
  'io.k8s.api.authentication.v1.TokenRequest',
  'io.k8s.api.authentication.v1.TokenReview',
  'io.k8s.api.authentication.v1alpha1.SelfSubjectReview',
  'io.k8s.api.authentication.v1beta1.SelfSubjectReview',
  'io.k8s.api.authorization.v1.LocalSubjectAccessReview',
  'io.k8s.api.authorization.v1.SelfSubjectAccessReview',
  'io.k8s.api.authorization.v1.SelfSubjectRulesReview',
  'io.k8s.api.authorization.v1.SubjectAccessReview',
  'io.k8s.api.autoscaling.v1.HorizontalPodAutoscaler',
  'io.k8s.api.autoscaling.v1.Scale',
  'io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler',
  'io.k8s.api.batch.v1.CronJob',
  'io.k8s.api.batch.v1.Job',
  'io.k8s.api.certificates.v1.CertificateSigningRequest',
  'io.k8s.api.core.v1.Namespace',
  'io.k8s.api.core.v1.Node',
  'io.k8s.api.core.v1.PersistentVolume',
  'io.k8s.api.core.v1.PersistentVolumeClaim',
  'io.k8s.api.core.v1.Pod',
  'io.k8s.api.core.v1.ReplicationController',
  'io.k8s.api.core.v1.ResourceQuota',
  'io.k8s.api.core.v1.Service',
  'io.k8s.api.flowcontrol.v1beta2.FlowSchema',
  'io.k8s.api.flowcontrol.v1beta2.PriorityLevelConfiguration',
  'io.k8s.api.flowcontrol.v1beta3.FlowSchema',
  'io.k8s.api.flowcontrol.v1beta3.PriorityLevelConfiguration',
  'io.k8s.api.networking.v1.Ingress',
  'io.k8s.api.policy.v1.PodDisruptionBudget',
  'io.k8s.api.resource.v1alpha2.PodSchedulingContext',
  'io.k8s.api.resource.v1alpha2.ResourceClaim',
  'io.k8s.api.storage.v1.VolumeAttachment',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition',
  'io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.APIService',
]);

const PREFIX = 'cdk8s-plus-28.k8s.';

interface JsiiTypeRef {
  readonly fqn?: string;
  readonly primitive?: string;
  readonly collection?: { readonly kind: 'array' | 'map'; readonly elementtype: JsiiTypeRef };
  readonly union?: unknown;
}

interface JsiiProperty {
  readonly name: string;
  readonly optional?: boolean;
  readonly static?: boolean;
  readonly type: JsiiTypeRef;
  readonly docs?: { readonly custom?: { readonly schema?: string } };
}

interface JsiiType {
  readonly fqn: string;
  readonly name: string;
  readonly kind: 'class' | 'interface' | 'enum';
  readonly properties?: readonly JsiiProperty[];
  readonly docs?: { readonly custom?: { readonly schema?: string } };
}

interface Assembly {
  readonly version: string;
  readonly types: { readonly [fqn: string]: JsiiType };
}

/** The paths of the generated files. */
export const GENERATED_DIR = path.resolve(__dirname, '../src/validation/schema/generated');
export const MODEL_FILE = path.join(GENERATED_DIR, 'k8s-model.ts');
export const VALIDATORS_FILE = path.join(GENERATED_DIR, 'k8s-validators.ts');
/** The folder of the per-kind and shared validator modules. */
export const VALIDATORS_DIR = path.join(GENERATED_DIR, 'k8s-validators');

/** Reads the jsii assembly of the installed cdk8s-plus-28. */
export function readAssembly(): Assembly {
  const dir = path.dirname(require.resolve('cdk8s-plus-28/package.json'));
  return JSON.parse(fs.readFileSync(path.join(dir, '.jsii'), 'utf8')) as Assembly;
}

/** Derives the compact model from the assembly. */
export function deriveModel(assembly: Assembly): K8sModel {
  const types = assembly.types;
  const schemaOf = (fqn: string): string => {
    const name = types[fqn]?.docs?.custom?.schema;
    if (!name) throw new Error(`type ${fqn} has no docs.custom.schema`);
    return name;
  };
  const typeOf = (ref: JsiiTypeRef, field: string): string => {
    if (ref.collection) {
      const inner = typeOf(ref.collection.elementtype, field);
      return (ref.collection.kind === 'array' ? '[]' : '{}') + inner;
    }
    if (ref.primitive) {
      switch (ref.primitive) {
        case 'string':
          return BYTE_FIELDS.has(field) ? 'byte' : 'string';
        case 'boolean':
          return 'boolean';
        case 'number':
          return INT64_FIELDS.has(field) ? 'int64' : DOUBLE_FIELDS.has(field) ? 'double' : 'int32';
        case 'date':
          return 'date';
        case 'any':
        case 'json':
          return 'any';
        default:
          throw new Error(`unsupported primitive ${ref.primitive} at ${field}`);
      }
    }
    if (ref.fqn === `${PREFIX}IntOrString`) return 'int-or-string';
    if (ref.fqn === `${PREFIX}Quantity`) return 'quantity';
    if (ref.fqn && types[ref.fqn]?.kind === 'enum') return 'string';
    if (ref.fqn) return '#' + schemaOf(ref.fqn);
    throw new Error(`unsupported type ${JSON.stringify(ref)} at ${field}`);
  };

  const definitions: { [name: string]: { properties: { [f: string]: string }; required: string[] } } = {};
  const topLevel = new Set<string>();
  for (const type of Object.values(types)) {
    if (!type.fqn.startsWith(PREFIX) || type.kind !== 'interface') continue;
    const name = schemaOf(type.fqn);
    const properties: { [f: string]: string } = {};
    const required: string[] = [];
    const isProps = /^Kube.*Props$/.test(type.name);
    if (isProps) topLevel.add(name);
    for (const prop of type.properties ?? []) {
      const ref = prop.docs?.custom?.schema ?? `${name}#${prop.name}`;
      const field = ref.slice(ref.indexOf('#') + 1);
      properties[field] = typeOf(prop.type, `${name}#${field}`);
      if (!prop.optional && !SERVER_OPTIONAL_FIELDS.has(`${name}#${field}`)) required.push(field);
    }
    if (definitions[name]) throw new Error(`definition ${name} derived twice`);
    definitions[name] = { properties, required: required.sort() };
  }
  for (const name of topLevel) {
    const properties = definitions[name].properties;
    for (const [field, type] of Object.entries(TOP_LEVEL_FIELDS)) properties[field] ??= type;
    if (KINDS_WITH_STATUS.has(name)) properties.status ??= '{}any';
    // meta/v1 Status (an API response, not a stored kind) has a string status
    if (name === 'io.k8s.apimachinery.pkg.apis.meta.v1.Status') properties.status ??= 'string';
  }

  const kinds: ModelKind[] = [];
  const classes = k8s as unknown as { [name: string]: { GVK?: { apiVersion: string; kind: string } } };
  for (const type of Object.values(types)) {
    if (!type.fqn.startsWith(PREFIX) || type.kind !== 'class' || !type.name.startsWith('Kube')) continue;
    const gvk = classes[type.name]?.GVK;
    if (!gvk) throw new Error(`class ${type.name} has no static GVK`);
    kinds.push([gvk.apiVersion, gvk.kind, schemaOf(type.fqn)]);
  }
  kinds.sort((a, b) => (a[0] + '/' + a[1]).localeCompare(b[0] + '/' + b[1]));

  const sorted: { [name: string]: { properties: { [f: string]: string }; required: string[] } } = {};
  for (const name of Object.keys(definitions).sort()) {
    const props = definitions[name].properties;
    const ordered: { [f: string]: string } = {};
    for (const field of Object.keys(props).sort()) ordered[field] = props[field];
    sorted[name] = { properties: ordered, required: definitions[name].required };
  }
  return { kubernetesVersion: '1.28.0', source: `cdk8s-plus-28@${assembly.version}`, kinds, definitions: sorted };
}

/** The validator export name of a kind: `apps_v1_Deployment`. */
export function exportName(apiVersion: string, kind: string): string {
  return `${apiVersion}_${kind}`.replace(/[^A-Za-z0-9_]/g, '_');
}

const HEADER =
  '// Generated by scripts/gen-k8s-schema.ts from the cdk8s-plus-28 jsii assembly. Do not edit.\n' +
  '// Regenerate with `npx tsx scripts/gen-k8s-schema.ts`.\n';

/** Renders the generated files: the model, the validator index and the validator modules. */
export function generate(): { model: string; validators: string; validatorModules: Map<string, string> } {
  const model = deriveModel(readAssembly());
  const modelSource =
    HEADER +
    "import type { K8sModel } from '../model';\n\n" +
    '/** The Kubernetes 1.28 API model derived from cdk8s-plus-28. */\n' +
    `export const K8S_MODEL: K8sModel = JSON.parse(${JSON.stringify(JSON.stringify(model))});\n`;

  const ajv = new Ajv({
    code: { source: true, esm: true, optimize: true },
    allErrors: true,
    inlineRefs: false,
    allowUnionTypes: true,
    messages: false,
    strict: true,
  });
  ajv.addSchema(definitionsDocument(model));
  const exports: { [name: string]: string } = {};
  for (const [apiVersion, kind, definition] of model.kinds) {
    exports[exportName(apiVersion, kind)] = `${DEFINITIONS_ID}#/definitions/${definition}`;
  }
  // One standalone program for every kind (so shared definitions compile to one function each),
  // then cut into modules by which kinds use each of its declarations.
  const { index, modules } = splitStandalone(standaloneCode(ajv, exports));
  return { model: modelSource, validators: index, validatorModules: modules };
}

/** A top-level declaration of the standalone program: `const schemaN`, `const funcN` or `function validateN`. */
interface Declaration {
  readonly name: string;
  readonly text: string;
  /** Top-level names it refers to. */
  readonly uses: readonly string[];
  /** Export names of the kinds whose validator runs it. */
  readonly kinds: Set<string>;
  module?: string;
}

/**
 * Splits ajv's standalone program (`export const <kind> = validateN;` plus the `const` and
 * `function` declarations they reach) into modules. Each declaration goes to the module of the set
 * of kinds that reach it: a kind's own module when only that kind does, else a shared module.
 * A declaration only refers to declarations that every kind reaching it reaches too, so modules
 * import only from modules of wider sets and never from each other in a cycle.
 */
export function splitStandalone(code: string): { index: string; modules: Map<string, string> } {
  const source = ts.createSourceFile('standalone.js', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const declarations = new Map<string, Declaration>();
  const roots = new Map<string, string>(); // kind export name -> validate function
  const pending: Array<{ name: string; node: ts.Node; text: string }> = [];
  for (const statement of source.statements) {
    if (ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression)) continue; // "use strict"
    if (ts.isFunctionDeclaration(statement) && statement.name) {
      pending.push({ name: statement.name.text, node: statement, text: statement.getText(source) });
      continue;
    }
    if (ts.isVariableStatement(statement) && statement.declarationList.declarations.length === 1) {
      const decl = statement.declarationList.declarations[0];
      if (ts.isIdentifier(decl.name) && decl.initializer) {
        const exported = statement.modifiers?.some(m => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
        if (exported) {
          if (!ts.isIdentifier(decl.initializer)) throw new Error(`unexpected export ${statement.getText(source).slice(0, 80)}`);
          roots.set(decl.name.text, decl.initializer.text);
        } else {
          pending.push({ name: decl.name.text, node: statement, text: statement.getText(source) });
        }
        continue;
      }
    }
    throw new Error(`unexpected statement in the standalone code: ${statement.getText(source).slice(0, 80)}`);
  }
  const topLevel = new Set(pending.map(p => p.name));
  for (const { name, node, text } of pending) {
    const uses = new Set<string>();
    const visit = (n: ts.Node): void => {
      if (ts.isIdentifier(n) && n.text !== name && topLevel.has(n.text)) uses.add(n.text);
      ts.forEachChild(n, visit);
    };
    ts.forEachChild(node, visit);
    if (declarations.has(name)) throw new Error(`${name} declared twice`);
    declarations.set(name, { name, text, uses: [...uses], kinds: new Set() });
  }
  for (const [kind, root] of roots) {
    const stack = [root];
    while (stack.length > 0) {
      const d = declarations.get(stack.pop()!);
      if (!d) throw new Error(`kind ${kind} reaches an undeclared name`);
      if (d.kinds.has(kind)) continue;
      d.kinds.add(kind);
      stack.push(...d.uses);
    }
  }
  // Module names: a kind's own module, or shared-<n> numbered in order of first declaration.
  const sharedBySet = new Map<string, string>();
  const members = new Map<string, Declaration[]>();
  for (const d of declarations.values()) {
    if (d.kinds.size === 0) continue; // reached by no kind: left out
    const set = [...d.kinds].sort().join(' ');
    let module = d.kinds.size === 1 ? set : sharedBySet.get(set);
    if (!module) sharedBySet.set(set, (module = `shared-${String(sharedBySet.size + 1).padStart(3, '0')}`));
    d.module = module;
    if (!members.has(module)) members.set(module, []);
    members.get(module)!.push(d);
  }
  for (const kind of roots.keys()) if (!members.has(kind)) members.set(kind, []);

  const importedFrom = new Map<string, Set<string>>(); // names other modules import
  for (const d of declarations.values()) {
    for (const u of d.uses) {
      const used = declarations.get(u)!;
      if (used.module !== d.module) {
        if (!importedFrom.has(used.module!)) importedFrom.set(used.module!, new Set());
        importedFrom.get(used.module!)!.add(u);
      }
    }
  }
  for (const [kind, root] of roots) {
    const d = declarations.get(root)!;
    if (d.module !== kind) {
      if (!importedFrom.has(d.module!)) importedFrom.set(d.module!, new Set());
      importedFrom.get(d.module!)!.add(root);
    }
  }

  const modules = new Map<string, string>();
  for (const [module, decls] of members) {
    const imports = new Map<string, Set<string>>();
    const need = (name: string): void => {
      const from = declarations.get(name)!.module!;
      if (from === module) return;
      if (!imports.has(from)) imports.set(from, new Set());
      imports.get(from)!.add(name);
    };
    for (const d of decls) d.uses.forEach(need);
    const root = roots.get(module);
    if (root) need(root);
    const exported = importedFrom.get(module) ?? new Set<string>();
    const lines = [HEADER.trimEnd(), '// @ts-nocheck', '/* eslint-disable */', '"use strict";'];
    for (const from of [...imports.keys()].sort()) {
      lines.push(`import { ${[...imports.get(from)!].sort(byNumber).join(', ')} } from './${from}';`);
    }
    for (const d of decls) {
      // shared consts are typed `any` so that the declaration files do not spell out every schema
      const text = exported.has(d.name) && d.text.startsWith('const ') ? d.text.replace(`const ${d.name} =`, `const ${d.name}: any =`) : d.text;
      lines.push(text);
    }
    if (exported.size > 0) lines.push(`export { ${[...exported].sort(byNumber).join(', ')} };`);
    if (root) lines.push(`export const validate = ${root};`);
    modules.set(`${module}.ts`, lines.join('\n') + '\n');
  }

  const kinds = [...roots.keys()].sort();
  const index =
    HEADER +
    '/* eslint-disable @typescript-eslint/no-require-imports */\n' +
    "import type { CompiledValidator } from '../registry';\n\n" +
    '/**\n' +
    ' * The compiled validator of one built-in kind (by export name, `apps_v1_Deployment`), loaded from\n' +
    " * its own module on first use: validating one kind loads that kind's code and nothing else.\n" +
    ' */\n' +
    'export function loadBuiltinValidator(name: string): CompiledValidator | undefined {\n' +
    '  switch (name) {\n' +
    kinds.map(k => `    case '${k}': return (require('./k8s-validators/${k}') as { validate: CompiledValidator }).validate;\n`).join('') +
    '    default: return undefined;\n' +
    '  }\n' +
    '}\n';
  return { index, modules };
}

/** Orders names by their prefix, then by their number (`validate9` before `validate10`). */
function byNumber(a: string, b: string): number {
  const na = Number(/\d+$/.exec(a)?.[0] ?? 0);
  const nb = Number(/\d+$/.exec(b)?.[0] ?? 0);
  return a.replace(/\d+$/, '').localeCompare(b.replace(/\d+$/, '')) || na - nb;
}

if (require.main === module) {
  const { model, validators, validatorModules } = generate();
  const check = process.argv.includes('--check');
  let stale = false;
  const expected: Array<readonly [string, string]> = [
    [MODEL_FILE, model],
    [VALIDATORS_FILE, validators],
    ...[...validatorModules].map(([name, text]) => [path.join(VALIDATORS_DIR, name), text] as const),
    // the synth converter table comes from the same assembly, so it is regenerated and checked here too
    [CONVERTERS_FILE, generateConverters()],
  ];
  for (const [file, text] of expected) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (current === text) continue;
    stale = true;
    if (!check) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
    console.log(`${check ? 'stale' : 'wrote'} ${path.relative(process.cwd(), file)} (${text.length} bytes)`);
  }
  // modules of kinds or shared sets that no longer exist
  for (const name of fs.existsSync(VALIDATORS_DIR) ? fs.readdirSync(VALIDATORS_DIR) : []) {
    if (validatorModules.has(name)) continue;
    stale = true;
    if (!check) fs.rmSync(path.join(VALIDATORS_DIR, name));
    console.log(`${check ? 'stale (not generated)' : 'removed'} ${path.relative(process.cwd(), path.join(VALIDATORS_DIR, name))}`);
  }
  if (check && stale) process.exit(1);
}
