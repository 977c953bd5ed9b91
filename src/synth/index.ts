/**
 * The synth pipeline: in-memory synthesis, fast deterministic YAML, validation hook, atomic
 * write and stale-output check.
 */
export { synthesizeApp, synthesizeChartObjects } from './synthesize';
export type { SynthOptions, SynthResult, SynthFile, SynthChart, SynthValidator, SynthValidationReport } from './synthesize';
export { SynthError } from './synth-error';
export { toYaml, toYamlDocuments } from './yaml-emitter';
export { writeOutputAtomically, checkOutputFolder, recoverOutputFolder, OutputFolderError, OutputWriteError } from './output';
export type { WriteOutputOptions } from './output';
export { findStaleFiles, isStale, formatStaleMessage } from './stale-check';
export type { StaleReport } from './stale-check';
export { runSynth, consoleReporter, reportFailure, ExitCode } from './run';
export type { RunSynthOptions, Reporter } from './run';
export { runSynthEntryPoint, ENTRY_POINT_USAGE } from './entry';
export type { SynthEntryPointOptions } from './entry';
export { synth } from './synth-app';
export type { SynthAppOptions } from './synth-app';
export { constructMetadataFile, CONSTRUCT_METADATA_FILE } from './construct-metadata';
export { environmentNames, markOutputFolder, outputFolderOf, layoutFileNames, withKustomizations } from './layout';
export type { OutputFolderSpec } from './layout';
export { kustomizationYaml, KUSTOMIZATION_FILE } from './kustomization';
export { validationConfigFiles, validationConfigYaml, VALIDATION_CONFIG_HEADER } from './validation-config';
export { GENERATED_CONFIG_FILE } from '../validation/config';
