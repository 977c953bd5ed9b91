/**
 * `cdk8s-patterns diff` as a library: compare two sets of manifests object by object, with
 * risk flags for changes a cluster handles badly, and render the report as text, JSON or markdown.
 */
export { diffManifests, hasChanges, hasRisk, ChangeType, REDACTED } from './diff-manifests';
export type { DiffOptions, DiffReport, DiffSource, DiffSummary, ObjectDiff } from './diff-manifests';
export { diffFields, deepEqual, FieldOp, NAMED_LISTS } from './field-diff';
export type { FieldChange, FieldDiffOptions } from './field-diff';
export { formatIdentity, identityOf, qualifiedKind } from './identity';
export type { IdentityOptions, ObjectId } from './identity';
export { DiffInputError, readManifestFolder } from './inputs';
export { diffEnvironments, environmentRewriter } from './environments';
export type { EnvironmentManifests } from './environments';
export type { ManifestFile, ManifestInput } from './inputs';
export { RiskRule } from './risk';
export type { RiskFlag } from './risk';
export { DiffFormat, formatDiff, formatDiffJson, formatDiffMarkdown } from './format';
export { formatDiffText, summaryLine, MAX_VALUE_LENGTH } from './format-text';
export type { TextFormatOptions } from './format-text';
