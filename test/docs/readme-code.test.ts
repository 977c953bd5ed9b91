/**
 * The README is code: every ```ts / ```typescript block of README.md is type-checked (strict, with
 * the cdk8s template's noUnusedLocals/noUnusedParameters) and, unless marked otherwise, run; the
 * objects it creates must pass `validate()`.
 *
 * Conventions (visible in README.md):
 * - `chart` and `app` are given: every block may use a `chart: Chart` of an `app: App` without
 *   defining them (a fresh `Testing.chart()` and its app when the block runs). Everything else a
 *   block uses it defines or imports itself: `cdk8s-patterns` (and its subpaths
 *   `/validation/jest`, `/validation/cdk8s-plugin`, `/testing/snapshot-serializer`, resolved to
 *   this repository's src), cdk8s, cdk8s-plus-28, constructs.
 * - An HTML comment on the line right before the fence changes that:
 *   `<!-- readme-code: file=chart.ts -->`  the block is the file `chart.ts` of the user's project
 *                                           (other blocks import it as `./chart`);
 *   `<!-- readme-code: after=chart.ts -->` the block continues that earlier block: it runs after
 *                                           it and sees its variables; it still imports what it
 *                                           uses itself;
 *   `<!-- readme-code: compile-only -->`   type-check only.
 *   Keys combine: `<!-- readme-code: file=web.ts after=chart.ts -->`.
 * - Running: each block (with the blocks it continues) runs once against a fresh chart, with
 *   `CDK8S_OUTDIR` set to a temporary folder (so `synth(app)` writes there) and `process.argv`
 *   holding just the file; it must not throw or leave a non-zero `process.exitCode`, and
 *   `validate(app)` must report no error. In a jest test block, `test`/`it`/`describe` run their
 *   body at once and snapshot matchers do nothing.
 *
 * All blocks are compiled by one TypeScript program, each block its own virtual file. Failures
 * name the README line of the block (`README.md:123`).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdk8s';
import * as ts from 'typescript';
import { formatText, validate } from '../../src/validation';

const ROOT = path.resolve(__dirname, '..', '..');
const README_FILE = path.join(ROOT, 'README.md');
/** Where the virtual files live for module resolution; nothing is written there. */
const VIRTUAL_DIR = path.join(ROOT, '.readme-code');
const PRELUDE_FILE = path.join(VIRTUAL_DIR, '__prelude.d.ts');

/** The package's entry points, as a user imports them, and the source file each one is. */
const PACKAGE_MODULES: Record<string, string> = {
  'cdk8s-patterns': 'src/index.ts',
  'cdk8s-patterns/validation/jest': 'src/validation/jest.ts',
  'cdk8s-patterns/validation/cdk8s-plugin': 'src/validation/cdk8s-plugin.ts',
  'cdk8s-patterns/testing/snapshot-serializer': 'src/testing/snapshot-serializer.ts',
};

const PRELUDE = `import type { App, Chart } from 'cdk8s';
declare global {
  /** The chart README blocks add constructs to. */
  const chart: Chart;
  /** The app of \`chart\`. */
  const app: App;
}
export {};
`;

/** A code block of the README. */
export interface ReadmeBlock {
  /** README line (1-based) of the first line of code. */
  readonly line: number;
  readonly code: string;
  /** Its virtual file name: `file=` or `readme-<line>.ts` (`line` as above). */
  readonly file: string;
  /** The file of the block it continues. */
  readonly after?: string;
  readonly compileOnly: boolean;
}

const DIRECTIVE = /^\s*<!--\s*readme-code:(.*)-->\s*$/;
const FILE_NAME = /^[a-z0-9][a-z0-9.-]*\.ts$/;

/** The ts/typescript blocks of a README, with their directives; throws on a malformed directive. */
export function readmeBlocks(text: string): ReadmeBlock[] {
  const lines = text.split('\n');
  const blocks: ReadmeBlock[] = [];
  const files = new Set<string>();
  let open: { marker: string; lang: string; index: number; directive?: string } | undefined;
  lines.forEach((line, index) => {
    if (open === undefined) {
      const fence = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/.exec(line);
      const directive = DIRECTIVE.exec(lines[index - 1] ?? '')?.[1];
      if (fence) {
        open = { marker: fence[1], lang: fence[2].toLowerCase(), index, directive };
      } else if (DIRECTIVE.test(line) && !/^ {0,3}(`{3,}|~{3,})\s*(ts|typescript)\s*$/i.test(lines[index + 1] ?? '')) {
        throw new Error(`README.md:${index + 1}: a readme-code comment must be on the line right before a \`\`\`ts block`);
      }
      return;
    }
    const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
    if (!close || close[1][0] !== open.marker[0] || close[1].length < open.marker.length) {
      return;
    }
    if (open.lang === 'ts' || open.lang === 'typescript') {
      const block = makeBlock(lines.slice(open.index + 1, index).join('\n'), open.index + 2, open.directive, files);
      files.add(block.file);
      blocks.push(block);
    }
    open = undefined;
  });
  if (open !== undefined) {
    throw new Error(`README.md:${open.index + 1}: the code block is never closed`);
  }
  return blocks;
}

function makeBlock(code: string, line: number, directive: string | undefined, files: Set<string>): ReadmeBlock {
  let file = `readme-${line}.ts`;
  let after: string | undefined;
  let compileOnly = false;
  const where = `README.md:${line - 2}`;
  for (const word of (directive ?? '').trim().split(/\s+/).filter(w => w !== '')) {
    const [key, value] = word.split('=');
    if (key === 'compile-only' && value === undefined) {
      compileOnly = true;
    } else if ((key === 'file' || key === 'after') && value !== undefined && FILE_NAME.test(value)) {
      if (key === 'file') {
        file = value;
      } else {
        after = value;
      }
    } else {
      throw new Error(`${where}: unknown readme-code directive '${word}' (use file=<name>.ts, after=<name>.ts, compile-only)`);
    }
  }
  if (files.has(file)) {
    throw new Error(`${where}: a block named '${file}' already exists`);
  }
  if (after !== undefined && !files.has(after)) {
    throw new Error(`${where}: 'after=${after}' names no earlier block`);
  }
  return { line, code, file, after, compileOnly };
}

/** One block's lines inside a virtual file. */
interface Segment {
  readonly block: ReadmeBlock;
  /** 0-based line of the virtual file where the block's code starts. */
  readonly start: number;
  /** The local names the block imports itself. */
  readonly imports: Set<string>;
}

/** A compiled unit: a block with the blocks it continues, imports hoisted to one header. */
interface VirtualFile {
  readonly block: ReadmeBlock;
  readonly path: string;
  readonly text: string;
  readonly segments: Segment[];
  /** For each header line, the README line of the import it came from. */
  readonly headerLines: number[];
}

/** The blocks `block` continues, then itself. */
function chainOf(block: ReadmeBlock, byFile: Map<string, ReadmeBlock>): ReadmeBlock[] {
  const chain = [block];
  for (let b = block; b.after !== undefined;) {
    b = byFile.get(b.after)!;
    chain.unshift(b);
  }
  return chain;
}

/**
 * The virtual file of a block: its chain's import declarations, one per imported name, then each
 * block's code with its imports blanked out (so lines keep their numbers).
 */
function virtualFile(block: ReadmeBlock, byFile: Map<string, ReadmeBlock>): VirtualFile {
  const header: string[] = [];
  const headerLines: number[] = [];
  const seen = new Set<string>();
  const bodies: Array<{ block: ReadmeBlock; code: string; imports: Set<string> }> = [];
  for (const b of chainOf(block, byFile)) {
    const source = ts.createSourceFile(b.file, b.code, ts.ScriptTarget.ES2022, true);
    let code = b.code;
    const imports = new Set<string>();
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement)) {
        continue;
      }
      const line = b.line + source.getLineAndCharacterOfPosition(statement.getStart()).line;
      for (const [local, declaration] of importParts(statement)) {
        imports.add(local);
        if (!seen.has(declaration)) {
          seen.add(declaration);
          header.push(declaration);
          headerLines.push(line);
        }
      }
      const start = statement.getStart();
      code = code.slice(0, start) + code.slice(start, statement.end).replace(/[^\n]/g, ' ') + code.slice(statement.end);
    }
    bodies.push({ block: b, code, imports });
  }
  const segments: Segment[] = [];
  let start = header.length;
  for (const body of bodies) {
    segments.push({ block: body.block, start, imports: body.imports });
    start += body.code.split('\n').length;
  }
  const text = [...header, ...bodies.map(b => b.code)].join('\n') + '\n';
  return { block, path: path.join(VIRTUAL_DIR, block.file), text, segments, headerLines };
}

/** Each imported local name of an import declaration, with a declaration that imports just it. */
function importParts(statement: ts.ImportDeclaration): Array<[string, string]> {
  const from = statement.moduleSpecifier.getText();
  const clause = statement.importClause;
  if (clause === undefined) {
    return [[`import ${from}`, `import ${from};`]];
  }
  const type = clause.isTypeOnly ? 'type ' : '';
  const parts: Array<[string, string]> = [];
  if (clause.name) {
    parts.push([clause.name.text, `import ${type}${clause.name.text} from ${from};`]);
  }
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) {
    parts.push([bindings.name.text, `import ${type}* as ${bindings.name.text} from ${from};`]);
  } else if (bindings) {
    for (const element of bindings.elements) {
      parts.push([element.name.text, `import ${type}{ ${element.getText()} } from ${from};`]);
    }
  }
  return parts;
}

/** The README line of a position in a virtual file. */
function readmeLine(file: VirtualFile, line: number): number {
  if (line < file.headerLines.length) {
    return file.headerLines[line];
  }
  const segment = [...file.segments].reverse().find(s => s.start <= line)!;
  return segment.block.line + (line - segment.start);
}

function compilerOptions(): ts.CompilerOptions {
  return {
    strict: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    types: ['jest', 'node'],
    typeRoots: [path.join(ROOT, 'node_modules', '@types')],
    baseUrl: ROOT,
    paths: Object.fromEntries(Object.entries(PACKAGE_MODULES).map(([name, file]) => [name, [file]])),
    rootDir: ROOT,
    outDir: path.join(VIRTUAL_DIR, 'out'),
    sourceMap: false,
    declaration: false,
  };
}

/** Type-checks all virtual files with one program; returns the problems (README lines) and the emitted JavaScript. */
function compile(files: VirtualFile[]): { problems: string[]; javascript: Map<string, string> } {
  const options = compilerOptions();
  const virtual = new Map<string, string>([[PRELUDE_FILE, PRELUDE], ...files.map((f): [string, string] => [f.path, f.text])]);
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const text = virtual.get(path.resolve(fileName));
    return text !== undefined
      ? ts.createSourceFile(fileName, text, languageVersion, true)
      : getSourceFile(fileName, languageVersion, onError, shouldCreate);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = fileName => virtual.has(path.resolve(fileName)) || fileExists(fileName);
  const readFile = host.readFile.bind(host);
  host.readFile = fileName => virtual.get(path.resolve(fileName)) ?? readFile(fileName);
  const directoryExists = host.directoryExists?.bind(host);
  host.directoryExists = dir => path.resolve(dir) === VIRTUAL_DIR || (directoryExists?.(dir) ?? ts.sys.directoryExists(dir));
  const program = ts.createProgram([...virtual.keys()], options, host);

  const problems = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()]
    .map(d => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  const checker = program.getTypeChecker();
  const javascript = new Map<string, string>();
  for (const file of files) {
    const source = program.getSourceFile(file.path)!;
    for (const diagnostic of [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]) {
      const line = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line;
      const at = readmeLine(file, line);
      problems.push(`README.md:${at} (block at line ${file.block.line}): error TS${diagnostic.code}: `
        + `${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}\n    ${readmeText(at)}`);
    }
    problems.push(...missingImports(file, source, checker));
    program.emit(source, (name, text) => {
      if (name.endsWith('.js')) {
        javascript.set(file.path, text);
      }
    });
  }
  return { problems, javascript };
}

/** Names a block uses that only an earlier block of its chain imports. */
function missingImports(file: VirtualFile, source: ts.SourceFile, checker: ts.TypeChecker): string[] {
  const problems: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      const symbol = checker.getSymbolAtLocation(node);
      const imported = symbol?.declarations?.some(d => d.getSourceFile() === source
        && (ts.isImportSpecifier(d) || ts.isImportClause(d) || ts.isNamespaceImport(d)));
      if (imported) {
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line;
        const segment = [...file.segments].reverse().find(s => s.start <= line);
        if (segment && !segment.imports.has(node.text)) {
          problems.push(`README.md:${readmeLine(file, line)} (block at line ${segment.block.line}): '${node.text}' is used `
            + 'but not imported by this block (an earlier block imports it); add it to this block\'s imports');
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  const firstBody = file.segments[0].start;
  source.statements.filter(s => source.getLineAndCharacterOfPosition(s.getStart()).line >= firstBody).forEach(visit);
  return [...new Set(problems)];
}

const README_LINES = fs.readFileSync(README_FILE, 'utf8').split('\n');

function readmeText(line: number): string {
  return (README_LINES[line - 1] ?? '').trim();
}

/** `test`, `it` and `describe` for a block that runs inside this suite's test: run the body now. */
function runNow(_name: string, body: () => void): void {
  body();
}

/** jest's `expect`, with snapshot matchers that do nothing (a README block has no snapshot file). */
const expectWithoutSnapshots: typeof expect = Object.assign(
  (actual: unknown) => new Proxy(expect(actual), {
    get: (matchers, key) => (typeof key === 'string' && /^toMatch(Inline)?Snapshot$/.test(key) ? () => undefined : Reflect.get(matchers, key)),
  }),
  expect,
);

/** Runs a virtual file (and the virtual files it imports) against a fresh chart. */
function run(file: VirtualFile, javascript: Map<string, string>): { app: import('cdk8s').App; exitCode: number | undefined } {
  const chart = Testing.chart();
  const app = chart.node.scope as import('cdk8s').App;
  const loaded = new Map<string, unknown>();
  const load = (filePath: string): unknown => {
    if (loaded.has(filePath)) {
      return loaded.get(filePath);
    }
    const code = javascript.get(filePath);
    if (code === undefined) {
      throw new Error(`no compiled code for ${path.relative(VIRTUAL_DIR, filePath)}`);
    }
    const module = { exports: {} as Record<string, unknown> };
    loaded.set(filePath, module.exports);
    const localRequire = (spec: string): unknown => {
      if (PACKAGE_MODULES[spec] !== undefined) {
        return require(path.join(ROOT, PACKAGE_MODULES[spec]));
      }
      if (spec.startsWith('./')) {
        return load(path.join(VIRTUAL_DIR, `${spec.slice(2)}.ts`));
      }
      return require(spec);
    };
    // The given names are parameters of an outer function, so that a block may declare its own.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const outer = new Function('chart', 'app', 'test', 'it', 'describe', 'expect',
      `return function (exports, require, module, __filename, __dirname) {\n${code}\n};`);
    outer(chart, app, runNow, runNow, runNow, expectWithoutSnapshots)(module.exports, localRequire, module, filePath, VIRTUAL_DIR);
    loaded.set(filePath, module.exports);
    return module.exports;
  };

  const saved = { argv: process.argv, exitCode: process.exitCode, outdir: process.env.CDK8S_OUTDIR };
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-code-'));
  process.argv = [process.argv[0], file.path];
  process.env.CDK8S_OUTDIR = outdir;
  process.exitCode = undefined;
  try {
    load(file.path);
    return { app, exitCode: process.exitCode === undefined ? undefined : Number(process.exitCode) };
  } finally {
    process.argv = saved.argv;
    process.exitCode = saved.exitCode;
    if (saved.outdir === undefined) {
      delete process.env.CDK8S_OUTDIR;
    } else {
      process.env.CDK8S_OUTDIR = saved.outdir;
    }
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

const blocks = readmeBlocks(fs.readFileSync(README_FILE, 'utf8'));
const byFile = new Map(blocks.map(b => [b.file, b]));
const files = blocks.map(b => virtualFile(b, byFile));
let compiled: { problems: string[]; javascript: Map<string, string> } | undefined;
const compiledOnce = () => (compiled = compiled ?? compile(files));

describe('README code blocks', () => {
  test('there are blocks, and the user project files among them', () => {
    expect(blocks.length).toBeGreaterThan(10);
    expect([...byFile.keys()].filter(f => !f.startsWith('readme-'))).toEqual(expect.arrayContaining(['chart.ts', 'main.ts', 'main.test.ts']));
  });

  test('every block compiles in strict mode with its own imports', () => {
    const { problems } = compiledOnce();
    if (problems.length > 0) {
      throw new Error(`${problems.length} problem(s) in README.md code blocks:\n\n${problems.join('\n\n')}`);
    }
  }, 120_000);

  const runnable = files.filter(f => !f.block.compileOnly);
  test.each(runnable.map(f => [`README.md:${f.block.line} (${f.block.file})`, f] as const))('%s runs and its objects validate', (_name, file) => {
    const { javascript } = compiledOnce();
    const where = `README.md:${file.block.line} (${file.block.file})`;
    let result;
    try {
      result = run(file, javascript);
    } catch (e) {
      throw new Error(`${where}: the block throws: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (result.exitCode !== undefined && result.exitCode !== 0) {
      throw new Error(`${where}: the block sets process.exitCode ${result.exitCode}`);
    }
    const report = validate(result.app);
    if (!report.ok) {
      throw new Error(`${where}: the objects the block creates do not validate:\n${formatText(report)}`);
    }
  }, 60_000);
});

describe('README code block conventions', () => {
  test('directives name files, continuations and compile-only blocks; lines point at the code', () => {
    const text = ['# t', '<!-- readme-code: file=chart.ts -->', '```ts', 'export const a = 1;', '```', '',
      '<!-- readme-code: after=chart.ts compile-only -->', '```typescript', 'a;', '```', '```sh', 'npm ci', '```'].join('\n');
    expect(readmeBlocks(text)).toEqual([
      { line: 4, code: 'export const a = 1;', file: 'chart.ts', after: undefined, compileOnly: false },
      { line: 9, code: 'a;', file: 'readme-9.ts', after: 'chart.ts', compileOnly: true },
    ]);
  });

  test('a misspelt directive, a dangling one and an unknown continuation are errors', () => {
    expect(() => readmeBlocks('<!-- readme-code: compileonly -->\n```ts\n1;\n```'))
      .toThrow('README.md:1: unknown readme-code directive \'compileonly\' (use file=<name>.ts, after=<name>.ts, compile-only)');
    expect(() => readmeBlocks('<!-- readme-code: compile-only -->\n\n```ts\n1;\n```'))
      .toThrow('README.md:1: a readme-code comment must be on the line right before a ```ts block');
    expect(() => readmeBlocks('<!-- readme-code: after=x.ts -->\n```ts\n1;\n```'))
      .toThrow('README.md:1: \'after=x.ts\' names no earlier block');
  });

  test('a continuation gets the imports hoisted, one per name, and keeps its README lines', () => {
    const parsed = readmeBlocks(['<!-- readme-code: file=a.ts -->', '```ts', 'import { A, B } from \'m\';', 'new A();', '```',
      '<!-- readme-code: after=a.ts -->', '```ts', 'import { B } from \'m\';', 'new B();', '```'].join('\n'));
    const file = virtualFile(parsed[1], new Map(parsed.map(b => [b.file, b])));
    expect(file.text.split('\n').slice(0, 2)).toEqual(['import { A } from \'m\';', 'import { B } from \'m\';']);
    expect(readmeLine(file, 3)).toBe(4);
    expect(readmeLine(file, 5)).toBe(9);
  });

  test('a continuation that uses an import of the block it continues fails, naming its README line', () => {
    const parsed = readmeBlocks(['<!-- readme-code: file=a.ts -->', '```ts', 'import { Duration } from \'cdk8s\';', 'export const d = Duration.seconds(1);', '```',
      '<!-- readme-code: after=a.ts -->', '```ts', 'export const e = Duration.minutes(1);', '```'].join('\n'));
    const byName = new Map(parsed.map(b => [b.file, b]));
    expect(compile(parsed.map(b => virtualFile(b, byName))).problems).toEqual([
      'README.md:8 (block at line 8): \'Duration\' is used but not imported by this block (an earlier block imports it); add it to this block\'s imports',
    ]);
  }, 60_000);
});
