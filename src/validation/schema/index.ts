/**
 * The schema layer: strict Kubernetes 1.28 schema (L1 decode, L2 shape) derived from the
 * cdk8s-plus-28 jsii assembly, with run-time registration of extra (CRD) schemas.
 */
export { SCHEMA_RULES, SchemaRuleOptions, createSchemaRules, schemaViolations } from './rules';
export { getSchemaFor, registerSchema, addSchemaDir, resetRegisteredSchemas, isBuiltinKind } from './registry';
export { findRemovedApi, noMatchesMessage, RemovedApi } from './removed-apis';
export { SchemaViolations, base64ErrorOffset } from './messages';
export { JsonSchema } from './json-schema';
export { K8sModel, ModelDefinition, ModelKind, QUANTITY_PATTERN, QUANTITY_MESSAGE } from './model';
export { K8S_MODEL } from './generated/k8s-model';
