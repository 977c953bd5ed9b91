import { ApiObjectMetadataDefinition } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { checkAnnotations, checkLabels } from '../core/validators';
import { wholeSeconds } from '../pod/durations';
import { PodSpecExtras } from '../pod/pod-spec-extras';
import { CONFIG_HASH_ANNOTATION } from './config-hash';
import { AppLabels } from './labels';
import { WorkloadProps } from './workload-props';

/** What `applyPodSettings` renders into. */
export interface PodSettingsTarget {
  readonly scope: IConstruct;
  readonly extras: PodSpecExtras;
  readonly podMetadata: ApiObjectMetadataDefinition;
  readonly labels: AppLabels;
  /** The name of the container that gets the `preStop` hook, and its port names. */
  readonly container: { readonly name: string; readonly portNames: string[] };
}

/**
 * Termination grace period, preStop hook, pod annotations and extra pod labels of a workload.
 *
 * @internal
 */
export function applyPodSettings(target: PodSettingsTarget, props: WorkloadProps): void {
  const { scope, extras, podMetadata, labels } = target;
  if (props.terminationGracePeriod !== undefined) {
    extras.setTerminationGracePeriod(wholeSeconds(scope, 'terminationGracePeriod', props.terminationGracePeriod, 0));
  }
  if (props.preStop !== undefined) {
    const port = props.preStop._validate(scope, 'preStop', target.container.portNames);
    extras.setPreStop(target.container.name, props.preStop._toKube(port));
  }
  checkAnnotations(scope, 'podAnnotations', props.podAnnotations);
  for (const [key, value] of Object.entries(props.podAnnotations ?? {})) {
    if (key === CONFIG_HASH_ANNOTATION) {
      throw new ValidationError(scope, `'podAnnotations' key (${JSON.stringify(key)}) is set by the pattern: it rolls the pods when the config changes`);
    }
    podMetadata.addAnnotation(key, value);
  }
  checkLabels(scope, 'podLabels', props.podLabels);
  for (const [key, value] of Object.entries(props.podLabels ?? {})) {
    if (Object.hasOwn(labels.all, key) || Object.hasOwn(labels.selector, key)) {
      throw new ValidationError(scope, `'podLabels' key (${JSON.stringify(key)}) is set by the pattern (${JSON.stringify(labels.all[key] ?? labels.selector[key])}); `
        + 'pod labels cannot replace the recommended labels or the selector: use another key');
    }
    podMetadata.addLabel(key, value);
  }
}
