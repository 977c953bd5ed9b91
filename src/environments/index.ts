/**
 * Environments: the same app in dev, staging and prod (or one copy per team), each in its own
 * namespace and output folder with a `kustomization.yaml`.
 */
export * from './environment-output';
export * from './environment';
export * from './environments';
export * from './environment-context';
export * from './image-rewrite';
export * from './namespace-policy';
export { Override, ConstructClass, PropsOf } from './override';
