/**
 * Loading the app module given to `cdk8s-patterns synth --app <module>`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';

/** A module that cannot be used as an app module; a usage error (exit code 2). */
export class AppModuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AppModuleError';
    Object.setPrototypeOf(this, AppModuleError.prototype);
  }
}

/** How an app module provides its app: an `App` instance, or a function that fills a new `App`. */
export type AppProvider = App | ((app: App) => App | void);

/**
 * Loads `modulePath` (relative to `cwd`) and returns a function that builds the app.
 *
 * The module exports an `App`, or a function `(app: App) => void` that adds charts to the app it
 * is given (it may return another `App` to use instead): the default export, else the export
 * named `app`, else the only exported `App` or plain (non-class) function. TypeScript modules
 * are loaded through tsx when no TypeScript loader is registered.
 *
 * @throws AppModuleError when the file does not exist or exports nothing usable
 */
export function loadAppModule(modulePath: string, cwd: string = process.cwd()): (outdir: string) => App {
  const file = path.resolve(cwd, modulePath);
  if (!fs.existsSync(file)) {
    throw new AppModuleError(`app module ${modulePath} not found (resolved to ${file})`);
  }
  if (/\.[cm]?tsx?$/.test(file)) {
    registerTypeScript();
  }
  // Errors thrown while the module runs (e.g. a ValidationError at import time) propagate as they are.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exports = require(file) as Record<string, unknown>;
  const provider = pickProvider(exports, modulePath);
  return (outdir) => {
    if (isApp(provider)) {
      return provider;
    }
    const app = new App({ outdir });
    const returned = provider(app);
    return isApp(returned) ? returned : app;
  };
}

function pickProvider(exports: Record<string, unknown>, modulePath: string): AppProvider {
  for (const name of ['default', 'app']) {
    if (isProvider(exports[name])) {
      return exports[name] as AppProvider;
    }
  }
  const candidates = Object.entries(exports).filter(([, value]) => isProvider(value));
  if (candidates.length === 1) {
    return candidates[0][1] as AppProvider;
  }
  const found = candidates.length === 0 ? 'none' : candidates.map(([name]) => name).join(', ');
  throw new AppModuleError(
    `app module ${modulePath} must export an App or a function (app: App) => void, as the default export, `
    + `as 'app', or as its only such export (found: ${found})`,
  );
}

function isProvider(value: unknown): boolean {
  return isApp(value) || (typeof value === 'function' && !/^class[\s{]/.test(Function.prototype.toString.call(value)));
}

function isApp(value: unknown): value is App {
  return value instanceof App
    || (typeof value === 'object' && value !== null && typeof (value as { synthYaml?: unknown }).synthYaml === 'function');
}

function registerTypeScript(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (require.extensions['.ts']) {
    return; // already running under tsx, ts-node or jest
  }
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require('tsx/cjs/api') as { register: () => void }).register();
  } catch {
    throw new AppModuleError('loading a TypeScript app module needs tsx (npm install --save-dev tsx), or pass the compiled .js module');
  }
}
