/**
 * cdk8s-patterns: typed, validated Kubernetes application patterns.
 */
export * from './constructs';
