/**
 * `npx tsx bench/profile.ts <case-id> <size> [top]`: runs one case once under `node --cpu-prof`
 * and prints the functions with the most self time and the most total time.
 *
 * The profile is kept in `node_modules/.cache/cdk8s-patterns/profiles/` (git-ignored) for Chrome
 * DevTools (Performance > Load profile).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { createRegistry } from './cases';
import { CpuProfile, summarizeProfile } from './lib/profile';
import { formatTable } from './lib/report';

const ROOT_DIR = path.resolve(__dirname, '..');

function main(argv: readonly string[]): void {
  const [caseId, rawSize, rawTop] = argv;
  if (!caseId || !/^[0-9]+$/.test(rawSize ?? '')) {
    throw new Error('usage: npx tsx bench/profile.ts <case-id> <size> [top]');
  }
  createRegistry().get(caseId);
  const top = Number(rawTop ?? 25);
  const dir = path.join(ROOT_DIR, 'node_modules', '.cache', 'cdk8s-patterns', 'profiles');
  fs.mkdirSync(dir, { recursive: true });
  const name = `${caseId}-${rawSize}.cpuprofile`;
  const child = spawnSync(process.execPath, [
    '--import', 'tsx', '--expose-gc', '--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-name', name,
    path.join(ROOT_DIR, 'bench', 'child.ts'), caseId, rawSize,
  ], { cwd: ROOT_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (child.status !== 0) {
    throw new Error(`case '${caseId}' failed under the profiler (exit code ${child.status})`);
  }
  const profile = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as CpuProfile;
  const functions = summarizeProfile(profile, ROOT_DIR);
  const row = (f: { name: string; selfMs: number; totalMs: number }): string[] =>
    [f.name, f.selfMs.toFixed(0), f.totalMs.toFixed(0)];
  process.stdout.write(`profile: ${path.relative(ROOT_DIR, path.join(dir, name))} (whole process: startup, warm-up and timed run)\n\n`);
  process.stdout.write(`by self time\n${formatTable(['function', 'self ms', 'total ms'], functions.slice(0, top).map(row))}\n\n`);
  // module loading (node internals, tsx, esbuild) and the entry frames say nothing about the case
  const byTotal = [...functions]
    .filter((f) => !/node:|native:|tsx\/|esbuild\/|bench\/child\.ts/.test(f.name))
    .sort((a, b) => b.totalMs - a.totalMs)
    .slice(0, top);
  process.stdout.write(`by total time (library and project code)\n${formatTable(['function', 'self ms', 'total ms'], byTotal.map(row))}\n`);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`bench profile: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
