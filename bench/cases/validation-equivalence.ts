/**
 * Writes the findings of a validation run over the seeded bench objects as JSON, so that two
 * versions of the engine can be compared byte for byte (`cmp before.json after.json`).
 *
 * `npx tsx bench/cases/validation-equivalence.ts <objects> <out.json> [--seed=N] [--baseline]`
 * (default 30,000 objects, seed 42, restricted pod security; `--baseline` checks against the
 * baseline pod-security level instead).
 */
import * as fs from 'fs';
import { PodSecurityLevel, validate } from '../../src/validation';
import { sourcedValidationObjects, validationExternals } from '../fixtures/validation-objects';

/** Validates `count` seeded objects with all layers and returns the findings JSON text. */
export function findingsJson(count: number, seed: number, baseline: boolean): string {
  const report = validate(sourcedValidationObjects(count, seed), {
    external: validationExternals(),
    ...(baseline ? { podSecurity: PodSecurityLevel.BASELINE } : {}),
  });
  return JSON.stringify({ objects: report.objectCount, findings: report.findings }, null, 1);
}

function main(argv: readonly string[]): void {
  const positional = argv.filter((a) => !a.startsWith('--'));
  const count = Number(positional[0] ?? 30_000);
  const out = positional[1] ?? '/dev/stdout';
  const seedArg = argv.find((a) => a.startsWith('--seed='));
  const seed = seedArg === undefined ? 42 : Number(seedArg.slice('--seed='.length));
  fs.writeFileSync(out, findingsJson(count, seed, argv.includes('--baseline')));
}

if (require.main === module) main(process.argv.slice(2));
