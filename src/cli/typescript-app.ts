/**
 * TypeScript app modules without tsx or ts-node: type-checked with the project's own `typescript`
 * and `tsconfig.json` before anything runs, then compiled file by file in memory and loaded through
 * a require hook.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import Module from 'module';
import * as path from 'path';
import type * as TS from 'typescript';

/** What cannot be type-checked or does not type-check; a usage error (exit code 2). */
export class TypeScriptAppError extends Error {
  /**
   * @param message one line, e.g. `1 type error in main.ts (tsconfig.json); nothing was synthesized`
   * @param details the compiler's diagnostics, printed before the message
   */
  constructor(message: string, public readonly details = '') {
    super(message);
    this.name = 'TypeScriptAppError';
    Object.setPrototypeOf(this, TypeScriptAppError.prototype);
  }
}

/** File extensions loaded as TypeScript. */
export const TYPESCRIPT_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts'];

/** A type-checked TypeScript app, ready to load. */
export interface CheckedTypeScriptApp {
  /** The compiler used (the project's). */
  readonly ts: typeof TS;
  /** The compiler options the app was checked with (the project's). */
  readonly options: TS.CompilerOptions;
  /** How long loading the compiler, building the program and checking took, in milliseconds. */
  readonly checkMillis: number;
}

/** Options for {@link checkTypeScriptApp}. */
export interface CheckOptions {
  /** The folder paths in messages are relative to. */
  readonly cwd: string;
  /** Colour and source context in the diagnostics (as `tsc --pretty`). */
  readonly pretty: boolean;
  /**
   * Use the `typescript` this library resolves when the app's folder does not resolve one.
   *
   * @default true
   */
  readonly fallbackToOwnTypeScript?: boolean;
}

/**
 * Type-checks `file` (absolute) with the `typescript` its project resolves (else the one this
 * library resolves) and the nearest `tsconfig.json` above it (else strict defaults). Files of the
 * project's `include` that are declarations (`.d.ts`) take part, as for `tsc`; other files only
 * when the app imports them. Declaration emit is off (it does not change how the app runs).
 *
 * Semantic results are cached in the project's `node_modules/.cache/cdk8s-patterns` (as `tsc
 * --incremental` does), so a second run only re-checks the files that changed and what depends on them.
 *
 * @throws TypeScriptAppError when `typescript` is not installed, the tsconfig is invalid, or there are type errors
 */
export function checkTypeScriptApp(file: string, options: CheckOptions): CheckedTypeScriptApp {
  const start = Date.now();
  const display = relative(options.cwd, file);
  const ts = loadTypeScript(path.dirname(file), display, options.fallbackToOwnTypeScript ?? true);
  const formatHost: TS.FormatDiagnosticsHost = {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => options.cwd,
    getNewLine: () => '\n',
  };
  const { compilerOptions, configFile, extraRoots } = readConfig(ts, file, formatHost, options);
  const cacheFile = cacheFileFor(file, configFile);
  // Check only, as `tsc --noEmit`: emitting from a program whose results come from the cache would
  // check every file again (the emitter asks the checker for each file), so withTypeScriptHook
  // compiles file by file. Declaration emit checks are off: they do not change how the app runs.
  const checkOptions: TS.CompilerOptions = {
    ...compilerOptions,
    noEmit: true,
    declaration: false,
    declarationMap: false,
    emitDeclarationOnly: false,
    composite: false,
    incremental: cacheFile !== undefined,
    tsBuildInfoFile: cacheFile,
  };
  const host = ts.createIncrementalCompilerHost(checkOptions);
  let old: TS.EmitAndSemanticDiagnosticsBuilderProgram | undefined;
  try {
    old = cacheFile === undefined ? undefined : ts.readBuilderProgram(checkOptions, host);
  } catch {
    old = undefined; // an unreadable cache is a cold start
  }
  const builder = ts.createEmitAndSemanticDiagnosticsBuilderProgram([file, ...extraRoots], checkOptions, host, old);
  const diagnostics = [
    ...builder.getConfigFileParsingDiagnostics(),
    ...builder.getOptionsDiagnostics(),
    ...builder.getGlobalDiagnostics(),
    ...builder.getSyntacticDiagnostics(),
  ];
  if (diagnostics.length === 0) {
    diagnostics.push(...builder.getSemanticDiagnostics());
  }
  if (cacheFile !== undefined) {
    saveCache(builder, cacheFile);
  }
  const errors = ts.sortAndDeduplicateDiagnostics(diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error));
  if (errors.length > 0) {
    const details = options.pretty
      ? ts.formatDiagnosticsWithColorAndContext(errors, formatHost)
      : errors.map((d) => formatPlain(ts, d, formatHost)).join('');
    const config = configFile === undefined ? 'no tsconfig.json, strict defaults' : relative(options.cwd, configFile);
    throw new TypeScriptAppError(
      `${errors.length} type error${errors.length === 1 ? '' : 's'} in ${display} (TypeScript ${ts.version}, ${config}); nothing was synthesized`,
      details,
    );
  }
  return { ts, options: compilerOptions, checkMillis: Date.now() - start };
}

/**
 * Runs `load` with a require hook that compiles TypeScript files with the checked app's compiler
 * options (as CommonJS, one file at a time, like `ts-node --transpile-only`, tsx or ts-jest), and
 * finds `./x.ts` for `./x.js` imports in TypeScript files. Files in `node_modules` go to the hook
 * registered before, if any (ts-node, tsx, jest). Removed afterwards.
 */
export async function withTypeScriptHook<T>(checked: CheckedTypeScriptApp, load: () => Promise<T>): Promise<T> {
  const { ts, options } = checked;
  const extensions = (Module as unknown as { _extensions: Record<string, (m: NodeModule, f: string) => void> })._extensions;
  const previous = new Map(TYPESCRIPT_EXTENSIONS.map((ext) => [ext, extensions[ext]]));
  const compile = (m: NodeModule, filename: string): void => {
    const fallback = previous.get(path.extname(filename));
    if (fallback !== undefined && filename.split(path.sep).includes('node_modules')) {
      fallback(m, filename);
      return;
    }
    (m as unknown as { _compile(code: string, filename: string): void })._compile(transpile(ts, options, filename), filename);
  };
  for (const ext of TYPESCRIPT_EXTENSIONS) {
    extensions[ext] = compile;
  }
  const moduleStatics = Module as unknown as { _resolveFilename(request: string, parent: NodeModule | undefined, ...rest: unknown[]): string };
  const resolveFilename = moduleStatics._resolveFilename;
  moduleStatics._resolveFilename = function (request, parent, ...rest) {
    try {
      return resolveFilename.call(this, request, parent, ...rest);
    } catch (e) {
      // `import './chart.js'` in a TypeScript file means chart.ts (moduleResolution node16/nodenext/bundler).
      const tsRequest = /^\.\.?\/.*\.([cm]?)js$/.test(request) && parent?.filename && /\.[cm]?tsx?$/.test(parent.filename)
        ? request.replace(/js$/, 'ts') : undefined;
      if (tsRequest === undefined) throw e;
      for (const candidate of [tsRequest, `${tsRequest}x`]) {
        try {
          return resolveFilename.call(this, candidate, parent, ...rest);
        } catch {
          // next candidate
        }
      }
      throw e;
    }
  };
  try {
    return await load();
  } finally {
    moduleStatics._resolveFilename = resolveFilename;
    for (const [ext, handler] of previous) {
      if (handler === undefined) {
        delete extensions[ext];
      } else {
        extensions[ext] = handler;
      }
    }
  }
}

function loadTypeScript(appDir: string, display: string, fallback: boolean): typeof TS {
  let resolved: string | undefined;
  for (const paths of fallback ? [[appDir], undefined] : [[appDir]]) {
    try {
      resolved = require.resolve('typescript', paths === undefined ? undefined : { paths });
      break;
    } catch {
      // not installed there
    }
  }
  if (resolved === undefined) {
    throw new TypeScriptAppError(
      `${display} is TypeScript and the 'typescript' package is not installed: run npm install --save-dev typescript, `
      + 'or pass the compiled JavaScript with --app',
    );
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(resolved) as typeof TS;
}

/** The strict defaults for a project without tsconfig.json. */
function defaultOptions(ts: typeof TS): TS.CompilerOptions {
  return {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    forceConsistentCasingInFileNames: true,
    noEmit: false,
  };
}

function readConfig(ts: typeof TS, file: string, formatHost: TS.FormatDiagnosticsHost, options: CheckOptions): {
  compilerOptions: TS.CompilerOptions; configFile?: string; extraRoots: string[];
} {
  const configFile = ts.findConfigFile(path.dirname(file), ts.sys.fileExists);
  if (configFile === undefined) {
    return { compilerOptions: defaultOptions(ts), extraRoots: [] };
  }
  const problems: TS.Diagnostic[] = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(path.resolve(configFile), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => problems.push(d),
  });
  // "No inputs were found" (TS18003) does not matter: the app file is the root.
  problems.push(...(parsed?.errors ?? []).filter((d) => d.code !== 18003));
  if (parsed === undefined || problems.some((d) => d.category === ts.DiagnosticCategory.Error)) {
    throw new TypeScriptAppError(
      `${relative(options.cwd, configFile)} cannot be used to type-check the app; nothing was synthesized`,
      options.pretty ? ts.formatDiagnosticsWithColorAndContext(problems, formatHost) : problems.map((d) => formatPlain(ts, d, formatHost)).join(''),
    );
  }
  return {
    compilerOptions: parsed.options,
    configFile: path.resolve(configFile),
    extraRoots: parsed.fileNames.filter((f) => /\.d\.[cm]?ts$/.test(f)),
  };
}

/** `main.ts:12:7 - error TS2353: message` (tsc's --pretty layout without colour and source context). */
function formatPlain(ts: typeof TS, d: TS.Diagnostic, host: TS.FormatDiagnosticsHost): string {
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  const category = ts.DiagnosticCategory[d.category].toLowerCase();
  if (d.file === undefined || d.start === undefined) {
    return `${category} TS${d.code}: ${message}\n`;
  }
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return `${relative(host.getCurrentDirectory(), d.file.fileName)}:${line + 1}:${character + 1} - ${category} TS${d.code}: ${message}\n`;
}

/** `node_modules/.cache/cdk8s-patterns/typecheck-<hash>.tsbuildinfo` of the nearest node_modules, if any. */
function cacheFileFor(file: string, configFile: string | undefined): string | undefined {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'node_modules'))) {
      const hash = crypto.createHash('sha256').update(`${file}\0${configFile ?? ''}`).digest('hex').slice(0, 16);
      return path.join(dir, 'node_modules', '.cache', 'cdk8s-patterns', `typecheck-${hash}.tsbuildinfo`);
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

function saveCache(builder: TS.BuilderProgram, cacheFile: string): void {
  try {
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
    // With noEmit, emit() writes just the build info.
    builder.emit(undefined, (name, text) => {
      if (name.endsWith('.tsbuildinfo')) {
        // Another run may read it meanwhile: write aside, then rename.
        const temp = `${name}.${process.pid}.tmp`;
        fs.writeFileSync(temp, text);
        fs.renameSync(temp, name);
      }
    });
  } catch {
    // a cache that cannot be written only costs time
  }
}

function transpile(ts: typeof TS, options: TS.CompilerOptions, filename: string): string {
  return ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: {
      ...options,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      verbatimModuleSyntax: false,
      noEmit: false,
      declaration: false,
      sourceMap: false,
      inlineSourceMap: false,
      incremental: false,
      tsBuildInfoFile: undefined,
      composite: false,
    },
  }).outputText;
}

function relative(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return rel === '' || rel.startsWith('..') ? file : rel;
}
