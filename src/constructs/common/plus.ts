/**
 * The one module that imports cdk8s-plus-28.
 *
 * Every construct reaches cdk8s-plus (L2) and its generated k8s types (L1) through this
 * file, so moving to a newer cdk8s-plus line means changing the import below.
 *
 * Not exported from the package root, but the public declarations refer to `plus.Deployment`,
 * `plus.Container`, ... through it, so it stays in the published declarations: do not mark it
 * internal (stripInternal would drop the re-export and leave those types unresolved).
 */
export * as plus from 'cdk8s-plus-28';
export { k8s } from 'cdk8s-plus-28';
