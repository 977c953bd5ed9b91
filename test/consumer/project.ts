/**
 * A user's project made like `cdk8s init typescript-app`, with cdk8s-patterns installed from the
 * tarball `npm pack` makes: the harness of test/consumer/*.test.ts.
 *
 *     import { consumerProject } from './project';
 *     const project = consumerProject();          // packs and installs once per test file
 *     project.run('npx', ['cdk8s', 'synth']);      // throws with the output when it fails
 *     project.run('npx', ['jest'], { allowFailure: true }).status
 *     await project.runAsync(project.bin('tsc'), ['--noEmit', '-p', '.'])   // side by side with others
 *
 * Preparing takes most of a minute (pack with prepack's fresh build, npm install from the local
 * cache); add tests to consumer.test.ts so they share one project. Tests that change the project
 * (write files, synth into dist/) should write their own file names or restore what they changed.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CONSUMER_SOURCES } from './sources';

/** This repository. */
export const REPO_ROOT = path.resolve(__dirname, '../..');
/** The cdk8s-cli template the project is made from. */
export const TEMPLATE_DIR = path.join(REPO_ROOT, 'node_modules/cdk8s-cli/templates/typescript-app');

/** The tsconfig variants next to the template's tsconfig.json: moduleResolution node16 and bundler. */
export const TSCONFIG_VARIANTS: Readonly<Record<string, Record<string, string>>> = {
  'tsconfig.node16.json': { module: 'node16', moduleResolution: 'node16' },
  'tsconfig.bundler.json': { module: 'preserve', moduleResolution: 'bundler' },
};

/** The result of a command run in the project. */
export interface RunResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of `ConsumerProject.run`. */
export interface RunOptions {
  /** Extra environment variables. */
  readonly env?: Record<string, string>;
  /** Return a failed result instead of throwing. @default false */
  readonly allowFailure?: boolean;
  /** Timeout in milliseconds. @default 120000 */
  readonly timeout?: number;
}

/** The prepared project. */
export interface ConsumerProject {
  /** The project folder (package.json, tsconfig.json, jest.config.js, cdk8s.yaml, the sources, node_modules). */
  readonly dir: string;
  /** The packed cdk8s-patterns tarball installed in it. */
  readonly tarball: string;
  /** Runs a command in the project folder; throws with its output when it fails, unless `allowFailure`. */
  run(command: string, args: readonly string[], options?: RunOptions): RunResult;
  /** `run` without blocking, so independent commands (e.g. the tsc variants) run side by side. */
  runAsync(command: string, args: readonly string[], options?: RunOptions): Promise<RunResult>;
  /** The path of a binary the project installed (`node_modules/.bin/<name>`), to skip npx's start-up. */
  bin(name: string): string;
  /** Seconds spent packing and installing. */
  readonly preparedInSeconds: number;
}

/** The environment of the commands: no update notices, audits or funding messages. */
function commandEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    NO_COLOR: '1',
    ...extra,
  };
}

/** Runs `command` in `cwd`; throws with the output on failure unless `allowFailure`. */
export function runIn(cwd: string, command: string, args: readonly string[], options: RunOptions = {}): RunResult {
  const result = spawnSync(command, args, {
    cwd, env: commandEnv(options.env), encoding: 'utf8', timeout: options.timeout ?? 120_000, maxBuffer: 64 * 1024 * 1024,
  });
  const run = { status: result.status ?? 1, stdout: result.stdout ?? '', stderr: result.stderr ?? `${result.error ?? ''}` };
  if (run.status !== 0 && !options.allowFailure) {
    throw new Error(`\`${command} ${args.join(' ')}\` failed in ${cwd} (exit ${run.status}):\n${run.stdout}${run.stderr}`);
  }
  return run;
}

/** `runIn` without blocking. */
export function runInAsync(cwd: string, command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: commandEnv(options.env), timeout: options.timeout ?? 120_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', code => {
      const run = { status: code ?? 1, stdout, stderr };
      if (run.status !== 0 && !options.allowFailure) {
        reject(new Error(`\`${command} ${args.join(' ')}\` failed in ${cwd} (exit ${run.status}):\n${stdout}${stderr}`));
      } else {
        resolve(run);
      }
    });
  });
}

/** The version of a package installed in this repository (so the project's install hits the npm cache). */
function installedVersion(name: string): string {
  return (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Packs the library with `npm pack` (its prepack removes lib/ and builds) into `destination` and
 * returns the tarball's path. The sources are staged in a temporary folder so the shared lib/ of
 * this work tree is neither removed nor rebuilt.
 */
export function packLibrary(destination: string): string {
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-patterns-stage-'));
  try {
    for (const file of ['package.json', 'README.md', 'LICENSE', 'tsconfig.json', 'tsconfig.build.json']) {
      fs.copyFileSync(path.join(REPO_ROOT, file), path.join(stage, file));
    }
    for (const dir of ['src', 'imports']) {
      // sources only: no build output left in the work tree (imports/*.js, *.d.ts)
      fs.cpSync(path.join(REPO_ROOT, dir), path.join(stage, dir), { recursive: true, filter: source => !/\.(js|d\.ts|js\.map)$/.test(source) });
    }
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(stage, 'node_modules'), 'dir');
    fs.mkdirSync(destination, { recursive: true });
    runIn(stage, 'npm', ['pack', '--pack-destination', destination], { timeout: 300_000 });
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
  const tarballs = fs.readdirSync(destination).filter(f => /^cdk8s-patterns-.*\.tgz$/.test(f));
  if (tarballs.length !== 1) throw new Error(`expected one cdk8s-patterns tarball in ${destination}, found: ${tarballs.join(', ') || 'none'}`);
  return path.join(destination, tarballs[0]);
}

/**
 * Makes the project in `dir` (an empty folder) like `cdk8s init typescript-app` and installs it:
 * the template's tsconfig.json and jest.config.js unchanged, its cdk8s.yaml, the template's
 * devDependencies, cdk8s, cdk8s-plus-28 and constructs at the versions this repository uses, the
 * `tarball`, the consumer sources (sources.ts) and the tsconfig variants.
 */
export function createConsumerProject(dir: string, tarball: string): void {
  for (const file of ['tsconfig.json', 'jest.config.js']) {
    fs.copyFileSync(path.join(TEMPLATE_DIR, file), path.join(dir, file));
  }
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'language: typescript\napp: npx ts-node main.ts\noutput: dist\n');
  const pinned = (names: string[]): Record<string, string> => Object.fromEntries(names.map(n => [n, installedVersion(n)]));
  const pkg = {
    name: 'my-app',
    version: '1.0.0',
    private: true,
    main: 'main.js',
    types: 'main.ts',
    license: 'Apache-2.0',
    scripts: { synth: 'cdk8s synth', compile: 'tsc --build', test: 'jest' },
    dependencies: { ...pinned(['cdk8s', 'cdk8s-plus-28', 'constructs']), 'cdk8s-patterns': `file:${tarball}` },
    devDependencies: pinned(['cdk8s-cli', '@types/node', '@types/jest', 'jest', 'ts-jest', 'typescript', 'ts-node']),
  };
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  for (const [file, options] of Object.entries(TSCONFIG_VARIANTS)) {
    fs.writeFileSync(path.join(dir, file), `${JSON.stringify({ extends: './tsconfig.json', compilerOptions: options }, null, 2)}\n`);
  }
  for (const [file, text] of Object.entries(CONSUMER_SOURCES)) {
    fs.writeFileSync(path.join(dir, file), text);
  }
  runIn(dir, 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], { timeout: 300_000 });
}

let prepared: ConsumerProject | undefined;

/** The prepared project: packed, created and installed on the first call (per test file), then reused. */
export function consumerProject(): ConsumerProject {
  if (prepared) return prepared;
  const started = Date.now();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-patterns-consumer-'));
  const dir = path.join(root, 'my-app');
  let tarball: string;
  try {
    tarball = packLibrary(path.join(root, 'pack'));
    fs.mkdirSync(dir);
    createConsumerProject(dir, tarball);
  } catch (e) {
    fs.rmSync(root, { recursive: true, force: true });
    throw e;
  }
  prepared = {
    dir,
    tarball,
    run: (command, args, options) => runIn(dir, command, args, options),
    runAsync: (command, args, options) => runInAsync(dir, command, args, options),
    bin: name => path.join(dir, 'node_modules', '.bin', name),
    preparedInSeconds: (Date.now() - started) / 1000,
  };
  return prepared;
}

/** Removes the prepared project's temporary folder (call in afterAll). */
export function removeConsumerProject(): void {
  if (!prepared) return;
  fs.rmSync(path.dirname(prepared.dir), { recursive: true, force: true });
  prepared = undefined;
}
