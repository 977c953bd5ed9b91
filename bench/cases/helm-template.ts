/**
 * `helm template` on bench/helm-chart, which renders the same objects as the cdk8s-plus-28 case.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { BenchCase, CaseGroup } from '../lib/bench-case';
import { HelmLocation, locateHelm } from '../lib/helm';

/** The chart, relative to the repository root. */
export const HELM_CHART_DIR = path.join('bench', 'helm-chart');

/** `/usr/bin/time` reports the peak memory of the helm process (GNU time, `%M` = KiB). */
const GNU_TIME = '/usr/bin/time';

let located: HelmLocation | undefined;
function helm(rootDir: string): HelmLocation {
  located = located ?? locateHelm(rootDir);
  return located;
}

/** `helm template` for N apps, written to a temp dir with `--output-dir`. */
export const helmTemplate: BenchCase = {
  id: 'helm-template',
  title: 'helm template (bench/helm-chart)',
  group: CaseGroup.SYNTH,
  unit: 'apps',
  unavailable(rootDir) {
    const where = helm(rootDir);
    return 'skipped' in where ? where.skipped : undefined;
  },
  run(n, context) {
    const where = helm(context.rootDir);
    if ('skipped' in where) {
      throw new Error(where.skipped);
    }
    const outDir = fs.mkdtempSync(path.join(context.workDir, 'helm-'));
    const args = ['template', 'bench', path.join(context.rootDir, HELM_CHART_DIR), '--set', `apps=${n}`, '--output-dir', outDir];
    const timed = fs.existsSync(GNU_TIME);
    const result = timed
      ? spawnSync(GNU_TIME, ['-f', 'maxrss=%M', where.binary, ...args], { encoding: 'utf8' })
      : spawnSync(where.binary, args, { encoding: 'utf8' });
    if (result.error || result.status !== 0) {
      throw new Error(`helm template failed: ${result.error?.message ?? result.stderr}`);
    }
    const rss = /maxrss=(\d+)/.exec(result.stderr);
    return {
      externalMaxRssKb: rss ? Number(rss[1]) : Number.NaN,
      countObjects: () => countYamlDocuments(outDir),
    };
  },
};

/** Counts the YAML documents with a `kind:` in all files under a folder. */
export function countYamlDocuments(dir: string): number {
  let count = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      const text = fs.readFileSync(path.join(entry.parentPath ?? entry.path, entry.name), 'utf8');
      count += text.split(/^---$/m).filter((doc) => /^kind:/m.test(doc)).length;
    }
  }
  return count;
}
