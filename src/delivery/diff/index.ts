/**
 * `cdk8s-patterns diff` as a library: compare two sets of manifests object by object, with
 * risk flags for changes a cluster handles badly, and render the report as text, JSON or markdown.
 *
 * The functions load their modules on their first call (../lazy.ts): the package root re-exports
 * this barrel, and an app that only synthesizes never diffs.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import { lazyModule } from '../lazy';
import type * as DiffManifests from './diff-manifests';
import type * as Environments from './environments';
import type * as FieldDiff from './field-diff';
import type * as Format from './format';
import type * as FormatText from './format-text';
import type * as Identity from './identity';
import type * as Inputs from './inputs';

export { ChangeType, DiffFormat, DiffInputError, FieldOp, MAX_VALUE_LENGTH, NAMED_LISTS, REDACTED, RiskRule } from './values';
export type { DiffOptions, DiffReport, DiffSource, DiffSummary, ObjectDiff } from './diff-manifests';
export type { FieldChange, FieldDiffOptions } from './field-diff';
export type { IdentityOptions, ObjectId } from './identity';
export type { EnvironmentManifests } from './environments';
export type { ManifestFile, ManifestInput } from './inputs';
export type { RiskFlag } from './risk';
export type { TextFormatOptions } from './format-text';

const diffManifestsModule = lazyModule(() => require('./diff-manifests') as typeof DiffManifests);
const environmentsModule = lazyModule(() => require('./environments') as typeof Environments);
const fieldDiffModule = lazyModule(() => require('./field-diff') as typeof FieldDiff);
const formatModule = lazyModule(() => require('./format') as typeof Format);
const formatTextModule = lazyModule(() => require('./format-text') as typeof FormatText);
const identityModule = lazyModule(() => require('./identity') as typeof Identity);
const inputsModule = lazyModule(() => require('./inputs') as typeof Inputs);

/**
 * Compares two sets of manifests object by object.
 *
 * Objects are matched by folder scope, API group, kind, namespace (unless `ignoreNamespace`) and
 * name. With `ignoreNamespace`, each side's only Namespace object (an environment's namespace)
 * is matched with the other's whatever their names. Duplicate identities on one side keep their
 * first occurrence.
 *
 * @throws DiffInputError when a side is given as files and one of them does not parse
 */
export const diffManifests: typeof DiffManifests.diffManifests = diffManifestsModule.fn('diffManifests');
/** True when the report has any difference. */
export const hasChanges: typeof DiffManifests.hasChanges = diffManifestsModule.fn('hasChanges');
/** True when the report has at least one risky change. */
export const hasRisk: typeof DiffManifests.hasRisk = diffManifestsModule.fn('hasRisk');
/** The changed fields from `before` to `after`, in document order (the new document's key order first). */
export const diffFields: typeof FieldDiff.diffFields = fieldDiffModule.fn('diffFields');
/** Deep equality of JSON values, ignoring key order and treating `null` members as absent. */
export const deepEqual: typeof FieldDiff.deepEqual = fieldDiffModule.fn('deepEqual');
/**
 * How an identity is shown: `Deployment.apps prod/web`, `Namespace prod`, with the folder scope
 * appended as `[prod/]` when there is one.
 */
export const formatIdentity: typeof Identity.formatIdentity = identityModule.fn('formatIdentity');
/** Reads the identity of `object` found in `scope`. */
export const identityOf: typeof Identity.identityOf = identityModule.fn('identityOf');
/** The kind qualified with its group, kubectl style: `Deployment.apps`, `Service`. */
export const qualifiedKind: typeof Identity.qualifiedKind = identityModule.fn('qualifiedKind');
/**
 * Reads every manifest under `dir` (recursively; `*.yaml`, `*.yml`, `*.json`), named relative to
 * `dir`. Kustomize files (`kustomization.yaml`) and validation records are left out: they are not
 * Kubernetes objects. Links are followed; special files (FIFOs), dangling links, link loops and
 * files over the input size limit are problems, never opened.
 *
 * @throws DiffInputError when `dir` is not a readable folder, listing every file that cannot be read
 */
export const readManifestFolder: typeof Inputs.readManifestFolder = inputsModule.fn('readManifestFolder');
/**
 * Compares two environments: objects are matched by kind and rewritten name, namespaces ignored.
 * An environment's namespace is the name of the only Namespace object in its files.
 *
 * @throws DiffInputError when a file does not parse
 */
export const diffEnvironments: typeof Environments.diffEnvironments = environmentsModule.fn('diffEnvironments');
/**
 * The rewriter of one environment's strings (see the module documentation).
 *
 * @param environment the environment name (`dev`)
 * @param namespace the environment's namespace (`shop-dev`), when known
 */
export const environmentRewriter: typeof Environments.environmentRewriter = environmentsModule.fn('environmentRewriter');
/** Renders `report` in `format`. */
export const formatDiff: typeof Format.formatDiff = formatModule.fn('formatDiff');
/** The report as JSON: `{ version: 1, summary, objects }`. */
export const formatDiffJson: typeof Format.formatDiffJson = formatModule.fn('formatDiffJson');
/** The report as markdown for a pull request comment. */
export const formatDiffMarkdown: typeof Format.formatDiffMarkdown = formatModule.fn('formatDiffMarkdown');
/**
 * The report as text: one header line per object (`+` added, `-` removed, `~` changed,
 * `>` renamed), its fields and risk flags indented below, then the summary line.
 */
export const formatDiffText: typeof FormatText.formatDiffText = formatTextModule.fn('formatDiffText');
/** `N added, N removed, N changed (N risky)`, with `, N renamed` before the parenthesis when there are renames. */
export const summaryLine: typeof FormatText.summaryLine = formatTextModule.fn('summaryLine');
