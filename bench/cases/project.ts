/**
 * Issue #14, the edit-synth loop: a user's one-WebApp project, timed as a whole process from
 * command start to the written `dist/`. Two ways to run it:
 *
 * - `project-one-webapp-node`: `node main.js`, where `main.js` builds the app and calls `synth(app)`
 *   (what `cdk8s synth` runs after compiling, without ts-node's type-check);
 * - `project-one-webapp-cli`: `cdk8s-patterns synth --app main.js`.
 *
 * Type-checking a TypeScript app is not included here: it depends on the user's tsconfig and the
 * compiler's cache, and `cdk8s-patterns synth` reports it separately (`--debug` prints its time).
 *
 * The project lives in `.bench/projects/one-webapp/` (git-ignored) so that `cdk8s` resolves from
 * this repository's `node_modules`; it loads the compiled library from `.bench/build`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { BenchCase, CaseGroup, CaseRunResult } from '../lib/bench-case';
import { CODE_ROOT, COMPILED, cliCommand } from '../lib/runtime';
import { runMeasured } from './validate-real-world';

/** The one-WebApp app module a user writes (the README's quick start, without databases). */
export function oneWebAppModule(libraryEntry: string): string {
  return `'use strict';
const { App, Chart } = require('cdk8s');
const { HealthCheck, Image, WebApp, synth } = require(${JSON.stringify(libraryEntry)});

const app = new App();
const chart = new Chart(app, 'shop');
new WebApp(chart, 'Web', {
  image: Image.of('ghcr.io/acme/shop:1.4.2'),
  ports: [{ name: 'http', number: 8080 }],
  health: HealthCheck.http('/healthz'),
  config: { LOG_LEVEL: 'info' },
  ingress: { hosts: ['shop.example.com'] },
});
synth(app);
`;
}

function projectDir(rootDir: string): string {
  const dir = path.join(rootDir, '.bench', 'projects', 'one-webapp');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'main.js'), oneWebAppModule(path.join(CODE_ROOT, 'src', 'index.js')));
  return dir;
}

function countObjects(dist: string): number {
  let count = 0;
  for (const f of fs.readdirSync(dist)) {
    if (f.endsWith('.yaml')) count += fs.readFileSync(path.join(dist, f), 'utf8').split(/^kind: /m).length - 1;
  }
  return count;
}

function projectCase(id: string, title: string, command: (rootDir: string, dir: string) => string[]): BenchCase {
  return {
    id,
    title,
    group: CaseGroup.PROJECT,
    unit: 'apps',
    unavailable: () => (COMPILED ? undefined : 'runs the compiled library only (npm run bench)'),
    sizes: () => [1],
    warmupSize: () => 1,
    prepare(_n, context) {
      projectDir(context.rootDir);
    },
    run(_n, context): CaseRunResult {
      const dir = projectDir(context.rootDir);
      const dist = path.join(dir, 'dist');
      fs.rmSync(dist, { recursive: true, force: true });
      const argv = command(context.rootDir, dir);
      const { maxRssKb } = runMeasured(['/usr/bin/env', '-C', dir, ...argv], [0]);
      return { externalMaxRssKb: maxRssKb, countObjects: () => countObjects(dist) };
    },
  };
}

/** `node main.js`. */
export const projectOneWebAppNode = projectCase(
  'project-one-webapp-node', 'one-WebApp project: node main.js (synth(app) validates and writes dist/)',
  () => [process.execPath, 'main.js'],
);

/** `cdk8s-patterns synth --app main.js`. */
export const projectOneWebAppCli = projectCase(
  'project-one-webapp-cli', 'one-WebApp project: cdk8s-patterns synth --app main.js',
  (rootDir) => [...cliCommand(rootDir), 'synth', '--app', 'main.js'],
);
