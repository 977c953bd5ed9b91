/**
 * The validation module's public API: the engine, its options, reporters, the rule list,
 * integrations (synth hook, jest matcher in `./jest`, cdk8s plugin in `./cdk8s-plugin`) and types.
 *
 * @example
 * import { validate, formatText, ValidationLevel } from 'cdk8s-patterns';
 * const report = validate(chart, { level: ValidationLevel.CROSS });
 * process.stdout.write(formatText(report));
 */
export * from './types';
export * from './rule';
export {
  ValidationLevel, BundleScope, ValidationConfigError, parseSeverity, parseLevel, parsePodSecurity,
  parseSeverityFlag, parseExternalRef, parseValidationConfig,
} from './config';
export type { ValidationOptions, ValidationConfig } from './config';
export { validate, createValidator, objectRef, compareFindings } from './engine';
export type { ValidationReport, Validator, SuppressedFinding, CheckedObject, SeverityCounts } from './engine';
export type { ActiveRule } from './engine-plan';
export { builtinRules, ENGINE_RULES, ENGINE_RULE_LIST, SUPPRESSION_PREFIX, ruleName } from './engine-rules';
export { synthValidator, synthMessage, sourcedObjectsOf } from './engine-hooks';
export type { ValidationTarget } from './engine-hooks';
export { ValidationTargetError } from './engine-target';
export * from './report';
export { Cdk8sPatternsValidation } from './cdk8s-plugin';
export type { PluginContext, PluginViolation } from './cdk8s-plugin';
// from their modules, not the `./parse` barrel: it loads the streaming parser (stream, chunks,
// worker hand-off), which `synth(app)` and the constructs never use
export { parseYaml } from './parse/parse-yaml';
export type { ParseProblem, ParseResult } from './parse/parse-yaml';
export { parseYamlFiles } from './parse/files';
export type { ParseFilesOptions, ParseFilesResult } from './parse/files';
export { parseManifestText, readInputs, MAX_INPUT_BYTES, MANIFEST_EXTENSIONS } from './engine-input';
export type { InputResult, ParsedManifest } from './engine-input';
export { registerSchema, addSchemaDir } from './schema';
