/**
 * cdk8s-patterns: typed, validated Kubernetes application patterns.
 */
export * from './constructs';
/** Test helpers: synth charts to objects, find objects, YAML snapshots (does not import jest). */
export * as testing from './testing';
/** The validation engine: validate(), parseYaml(), reporters, rules, the synth hook. */
export * from './validation';
