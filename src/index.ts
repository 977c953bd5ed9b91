/**
 * cdk8s-patterns: typed, validated Kubernetes application patterns.
 */
export * from './constructs';
/** Environments: the same app in dev, staging and prod, written to dist/<env>/ with a kustomization.yaml. */
export * from './environments';
/** synth(app): synthesize, validate and write an app (the last line of main.ts); `cdk8s-patterns synth` captures it. */
export { synth, type SynthAppOptions } from './synth/synth-app';
/** Test helpers: synth charts to objects, find objects, YAML snapshots (does not import jest). */
export * as testing from './testing';
/** The validation engine: validate(), parseYaml(), reporters, rules, the synth hook. */
export * from './validation';
/** GitOps (Argo CD Applications and sync waves), the diff of two manifest sets, and the app graph. */
export * from './delivery/gitops';
export * from './delivery/diff';
export * from './delivery/graph';
