/**
 * What the delivery tooling (GitOps, diff, graph) needs to know about one synthesized environment.
 */
export interface EnvironmentOutput {
  /** The environment name (a DNS label), e.g. `prod`. */
  readonly name: string;
  /** The namespace every namespaced object of the environment lands in. */
  readonly namespace: string;
  /** The output folder relative to the output root (e.g. `prod`), holding a `kustomization.yaml`. */
  readonly folder: string;
}
