/**
 * Reading manifests from outside the app: YAML/JSON with kubectl's YAML 1.1 semantics and
 * lazily computed source positions.
 */
export { parseYaml, ParseProblem, ParseResult } from './parse-yaml';
export { decodeYaml, DecodedYaml } from './decode';
export { MAX_DEPTH } from './fast-yaml-support';
export { parseYamlFiles, ParseFilesOptions, ParseFilesResult } from './files';
export { resolvePlain } from './scalars';
export { parseYamlStream, ParseStreamOptions, ParseStreamResult, BatchHandler } from './stream';
