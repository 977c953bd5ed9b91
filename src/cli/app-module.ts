/**
 * Finding and loading the user's app for `cdk8s-patterns synth` and `diff`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { App } from 'cdk8s';
import { SynthAppOptions, captureSynth } from '../synth/synth-app';
import { readInputFile } from '../validation/input-file';
import { TYPESCRIPT_EXTENSIONS, TypeScriptAppError, checkTypeScriptApp, withTypeScriptHook } from './typescript-app';

/** An app that cannot be found, type-checked or used; a usage error (exit code 2), nothing is written. */
export class AppModuleError extends Error {
  /**
   * @param message one line
   * @param details printed as they are before the message (the compiler's diagnostics)
   */
  constructor(message: string, public readonly details = '') {
    super(message);
    this.name = 'AppModuleError';
    Object.setPrototypeOf(this, AppModuleError.prototype);
  }
}

/** How an app module provides its app when it does not call `synth(app)`: an `App`, or a function that fills a new `App`. */
export type AppProvider = App | ((app: App) => App | void);

/** File extensions an app module can have. */
export const APP_MODULE_EXTENSIONS = [...TYPESCRIPT_EXTENSIONS, '.js', '.cjs', '.mjs'];

/** An app loaded from its module, with everything built, ready to synthesize. */
export interface LoadedApp {
  /** The app. */
  readonly app: App;
  /** The options the module gave `synth(app, options)` (empty for other ways of providing the app). */
  readonly options: SynthAppOptions;
  /** The module, relative to the working folder when it is inside it. */
  readonly module: string;
  /** How long type-checking took, in milliseconds (TypeScript modules). */
  readonly typeCheckMillis?: number;
}

/**
 * The app module to load when `--app` is not given, relative to `cwd`:
 * 1. the first word of the `app:` command in `cdk8s.yaml` that names an existing
 *    .ts/.tsx/.mts/.cts/.js/.cjs/.mjs file (`app: npx ts-node main.ts` gives `main.ts`);
 * 2. else `main.ts`, then `main.js`.
 *
 * @throws AppModuleError when there is none, saying to pass --app or set `app:` in cdk8s.yaml
 */
export function findAppModule(cwd: string = process.cwd()): string {
  const configFile = path.join(cwd, 'cdk8s.yaml');
  let reason: string;
  if (!fs.existsSync(configFile)) {
    reason = 'there is no cdk8s.yaml';
  } else {
    let command: unknown;
    try {
      const read = readInputFile(configFile);
      if ('problem' in read) throw new Error(read.problem);
      // the yaml package only when there is a cdk8s.yaml to read (start-up of `synth --app`)
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const YAML = require('yaml') as typeof import('yaml');
      command = (YAML.parse(read.data.toString('utf8')) as { app?: unknown } | null)?.app;
    } catch (e) {
      throw new AppModuleError(`cdk8s.yaml cannot be read: ${(e as Error).message.split('\n')[0]}`);
    }
    if (typeof command === 'string' && command.trim() !== '') {
      for (const word of command.trim().split(/\s+/)) {
        const candidate = word.replace(/^["']|["']$/g, '');
        if (APP_MODULE_EXTENSIONS.includes(path.extname(candidate)) && isFile(path.resolve(cwd, candidate))) {
          return candidate;
        }
      }
      reason = `the app: command in cdk8s.yaml (${command.trim()}) names no existing ${APP_MODULE_EXTENSIONS.join('/')} file`;
    } else {
      reason = 'cdk8s.yaml has no app: command';
    }
  }
  for (const name of ['main.ts', 'main.js']) {
    if (isFile(path.join(cwd, name))) return name;
  }
  throw new AppModuleError(
    `no app found in ${cwd}: ${reason}, and there is no main.ts or main.js. `
    + 'Pass --app <module>, or set app: in cdk8s.yaml to the command that runs your app (e.g. app: npx ts-node main.ts)',
  );
}

/**
 * Loads the app module (`modulePath` relative to `cwd`; without it, {@link findAppModule}) and
 * returns its app with every construct built.
 *
 * TypeScript modules are type-checked first (see {@link checkTypeScriptApp}) and compiled in memory;
 * `.mjs` modules (and `.js` ones in a `"type": "module"` package) are imported. The module provides
 * its app by calling `synth(app)` or `app.synth()` (both captured while it loads: nothing is
 * written), or by exporting an `App` or a function `(app: App) => void` that fills the app it is
 * given (it may return another `App`): `module.exports = ...`, the default export, the export named
 * `app`, or the only exported `App` or plain function.
 *
 * Errors thrown while the module runs (e.g. a construct's `ValidationError`) propagate as they are.
 *
 * @throws AppModuleError when the module does not exist, does not type-check or provides no app
 */
export async function loadApp(modulePath?: string, cwd: string = process.cwd()): Promise<LoadedApp> {
  const module = modulePath ?? findAppModule(cwd);
  const file = path.resolve(cwd, module);
  if (!isFile(file)) {
    throw new AppModuleError(`app module ${module} not found (resolved to ${file})`);
  }
  const display = displayPath(cwd, file);
  const extension = path.extname(file);
  let checked: ReturnType<typeof checkTypeScriptApp> | undefined;
  if (TYPESCRIPT_EXTENSIONS.includes(extension)) {
    try {
      checked = checkTypeScriptApp(file, { cwd, pretty: Boolean(process.stderr.isTTY) && !process.env.NO_COLOR });
    } catch (e) {
      if (e instanceof TypeScriptAppError) throw new AppModuleError(e.message, e.details);
      throw e;
    }
  }

  const AppClass = appClassFor(path.dirname(file));
  const captured: Array<{ app: App; options: SynthAppOptions }> = [];
  const capture = (app: App, options: SynthAppOptions): void => {
    if (!captured.some((c) => c.app === app)) captured.push({ app, options });
  };
  const restore = [captureSynth(capture), ...[...new Set([App, AppClass])].map((c) => interceptSynth(c, capture))];
  try {
    const build = async (): Promise<App> => {
      const exports = extension === '.mjs' ? await importModule(file) : await requireOrImport(file);
      if (captured.length > 1) {
        throw new AppModuleError(
          `app module ${display} synthesizes ${captured.length} apps (synth(app) or app.synth() was called for each); `
          + 'cdk8s-patterns synthesizes one app: give each its own module',
        );
      }
      if (captured.length === 1) return captured[0].app;
      const provider = pickProvider(exports, display);
      if (isApp(provider)) return provider;
      const app = new AppClass();
      const returned = provider(app);
      return isApp(returned) ? returned : captured.length === 1 ? captured[0].app : app;
    };
    const app = checked === undefined ? await build() : await withTypeScriptHook(checked, build);
    return {
      app,
      options: captured.find((c) => c.app === app)?.options ?? {},
      module: display,
      typeCheckMillis: checked?.checkMillis,
    };
  } finally {
    restore.reverse().forEach((r) => r());
  }
}

/** The `App` class of the cdk8s the app resolves (its own copy when it has one), else ours. */
function appClassFor(appDir: string): typeof App {
  try {
    const resolved = require.resolve('cdk8s', { paths: [appDir] });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const found = (require(resolved) as { App?: typeof App }).App;
    if (typeof found === 'function') return found;
  } catch {
    // the app does not resolve cdk8s itself (e.g. a lone .js file): ours
  }
  return App;
}

/** Makes `app.synth()` hand the app to `capture` instead of writing, until the returned function is called. */
function interceptSynth(appClass: typeof App, capture: (app: App, options: SynthAppOptions) => void): () => void {
  const prototype = appClass.prototype;
  const own = Object.prototype.hasOwnProperty.call(prototype, 'synth');
  const original = prototype.synth;
  prototype.synth = function (this: App): void {
    capture(this, {});
  };
  return () => {
    if (own) {
      prototype.synth = original;
    } else {
      delete (prototype as { synth?: unknown }).synth;
    }
  };
}

async function requireOrImport(file: string): Promise<unknown> {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(file);
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_REQUIRE_ESM') return importModule(file);
    throw e;
  }
}

/** A real `import()` (TypeScript's CommonJS output would turn `import()` into `require`). */
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const dynamicImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

async function importModule(file: string): Promise<unknown> {
  return dynamicImport(pathToFileURL(file).href);
}

function pickProvider(exports: unknown, display: string): AppProvider {
  if (isProvider(exports)) {
    return exports as AppProvider; // module.exports = app, or = (app) => ...
  }
  const named = typeof exports === 'object' && exports !== null ? exports as Record<string, unknown> : {};
  for (const name of ['default', 'app']) {
    if (isProvider(named[name])) return named[name] as AppProvider;
  }
  const candidates = Object.entries(named).filter(([, value]) => isProvider(value));
  if (candidates.length === 1) return candidates[0][1] as AppProvider;
  const found = candidates.length === 0 ? 'none' : candidates.map(([name]) => name).join(', ');
  throw new AppModuleError(
    `app module ${display} must call synth(app) or app.synth(), or export an App or a function (app: App) => void `
    + `as module.exports, the default export, 'app', or its only such export (found: ${found})`,
  );
}

function isProvider(value: unknown): boolean {
  return isApp(value) || (typeof value === 'function' && !/^class[\s{]/.test(Function.prototype.toString.call(value)));
}

function isApp(value: unknown): value is App {
  return value instanceof App
    || (typeof value === 'object' && value !== null && typeof (value as { synthYaml?: unknown }).synthYaml === 'function');
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function displayPath(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}
