/**
 * Where the benchmark runs from: the compiled build (`npm run bench` compiles the sources and the
 * bench into `.bench/build` first, so the figures are those of the JavaScript users run) or the
 * TypeScript sources through tsx (`npm run bench:tsx`, handy while editing a case).
 */
import * as path from 'path';

/** True when this module runs compiled (from `.bench/build`). */
export const COMPILED = __filename.endsWith('.js');

/** The root of the compiled tree (`.bench/build`), or of the sources. */
export const CODE_ROOT = path.resolve(__dirname, '..', '..');

/** The repository root: `node_modules`, `bench/helm-chart` and the default work folders live there. */
export const ROOT_DIR = COMPILED ? path.resolve(CODE_ROOT, '..', '..') : CODE_ROOT;

/** Node arguments that run the bench child process for a case. */
export function childArgs(): string[] {
  return COMPILED
    ? ['--expose-gc', path.join(CODE_ROOT, 'bench', 'child.js')]
    : ['--import', 'tsx', '--expose-gc', path.join(CODE_ROOT, 'bench', 'child.ts')];
}

/** The command that runs the `cdk8s-patterns` CLI, as an argument vector. */
export function cliCommand(rootDir: string): string[] {
  return COMPILED
    ? [process.execPath, path.join(CODE_ROOT, 'src', 'cli', 'main.js')]
    : [path.join(rootDir, 'node_modules', '.bin', 'tsx'), path.join(rootDir, 'src', 'cli', 'main.ts')];
}
