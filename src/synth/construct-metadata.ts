/**
 * The construct metadata file cdk8s writes for cdk8s-cli's validation plugins.
 */
import type { SynthFile, SynthResult } from './synthesize';

/** The file name cdk8s-cli reads at the root of the output folder (`findConstructMetadata`). */
export const CONSTRUCT_METADATA_FILE = 'construct-metadata.json';

/**
 * `construct-metadata.json` as cdk8s's `App.synth()` writes it when the app records construct
 * metadata (`CDK8S_RECORD_CONSTRUCT_METADATA=true`, which `cdk8s synth` sets when `validations:`
 * are configured): each object's name mapped to its construct path, so the validation plugins'
 * reports point at constructs. Same content and key order as cdk8s (objects in output order, a
 * later object with the same name wins).
 */
export function constructMetadataFile(result: Pick<SynthResult, 'objects'>): SynthFile {
  const resources: Record<string, { path: string }> = {};
  for (const { object, source } of result.objects) {
    const name = (object.metadata as { name?: unknown } | undefined)?.name;
    if (typeof name === 'string' && source.constructPath !== undefined) {
      resources[name] = { path: source.constructPath };
    }
  }
  return { name: CONSTRUCT_METADATA_FILE, content: JSON.stringify({ version: '1.0.0', resources }) };
}
