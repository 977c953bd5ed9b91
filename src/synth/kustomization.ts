/**
 * The `kustomization.yaml` of an output folder.
 */
import { toYaml } from './yaml-emitter';

/** The file name kustomize looks for. */
export const KUSTOMIZATION_FILE = 'kustomization.yaml';

/**
 * A `kustomize.config.k8s.io/v1beta1` Kustomization that lists `resources` (file names relative to
 * its folder) in apply order and changes nothing else: `kubectl kustomize` reproduces the objects.
 */
export function kustomizationYaml(resources: readonly string[]): string {
  return toYaml({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [...resources],
  });
}
