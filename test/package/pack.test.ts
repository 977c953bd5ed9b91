import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/*
 * What `npm pack` puts in the package. The package is staged like `prepack` makes it (a fresh
 * build, nothing left from earlier builds) in a temporary folder, so this test neither reads nor
 * writes the shared lib/: package.json, README.md and LICENSE are copied, lib/ is built there.
 */
const ROOT = path.resolve(__dirname, '../..');
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  main: string; types: string; bin: Record<string, string>; files: string[];
  exports: Record<string, string | Record<string, string>>;
  typesVersions: Record<string, Record<string, string[]>>;
  scripts: Record<string, string>;
  dependencies: Record<string, string>; peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>; devDependencies: Record<string, string>;
};

let stage: string;
let files: string[];

/** Runs a command; a failure throws with its output (tsc prints its errors on stdout). */
function run(cmd: string, args: string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

beforeAll(() => {
  stage = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-patterns-pack-'));
  for (const file of ['package.json', 'README.md', 'LICENSE']) fs.copyFileSync(path.join(ROOT, file), path.join(stage, file));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(stage, 'node_modules'), 'dir');
  run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', path.join(stage, 'lib')], ROOT);
  const packed = JSON.parse(run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], stage)) as Array<{ files: Array<{ path: string }> }>;
  files = packed[0].files.map(f => f.path.split(path.sep).join('/')).sort();
}, 120_000);

afterAll(() => {
  if (stage) fs.rmSync(stage, { recursive: true, force: true });
});

/** The `.ts` sources under `dir` (relative, `/`-separated), without declaration files. */
function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .map(f => `${dir}/${f.split(path.sep).join('/')}`)
    .filter(f => f.endsWith('.ts') && !f.endsWith('.d.ts'));
}

/** A package-relative target (`./lib/x.js` or `lib/x.js`) as it appears in the file list. */
function target(p: string): string {
  return p.replace(/^\.\//, '');
}

describe('npm pack', () => {
  test('the file list is package.json, README.md, LICENSE and the .js and .d.ts of every source of src/ (not src/apps) and imports/', () => {
    const built = [...sources('src').filter(f => !f.startsWith('src/apps/')), ...sources('imports')]
      .flatMap(f => [`lib/${f.replace(/\.ts$/, '.js')}`, `lib/${f.replace(/\.ts$/, '.d.ts')}`]);
    expect(files).toEqual(['LICENSE', 'README.md', 'package.json', ...built].sort());
  });

  test('no source maps, TypeScript sources, tests, bench, apps or scripts', () => {
    expect(files.filter(f => f.endsWith('.map') || (f.endsWith('.ts') && !f.endsWith('.d.ts'))
      || /^(lib\/)?(test|bench|scripts|src\/apps|lib\/src\/apps)\//.test(f))).toEqual([]);
  });

  test('main, types, the bin and every exports and typesVersions target are in the package', () => {
    const targets = [
      PKG.main, PKG.types, ...Object.values(PKG.bin),
      ...Object.values(PKG.exports).flatMap(e => (typeof e === 'string' ? [e] : Object.values(e))),
      ...Object.values(PKG.typesVersions).flatMap(m => Object.values(m).flat()),
    ].map(target);
    expect(targets.filter(t => !files.includes(t))).toEqual([]);
    const bin = fs.readFileSync(path.join(stage, target(Object.values(PKG.bin)[0])), 'utf8');
    expect(bin.startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  test('every subpath export has a typesVersions entry (moduleResolution node10) with the same declaration file', () => {
    const subpaths = Object.entries(PKG.exports).filter(([k, v]) => k !== '.' && typeof v !== 'string') as Array<[string, Record<string, string>]>;
    expect(subpaths.length).toBeGreaterThan(0);
    for (const [subpath, conditions] of subpaths) {
      expect(PKG.typesVersions['*'][subpath.replace(/^\.\//, '')]).toEqual([target(conditions.types)]);
    }
  });

  test('cdk8s, constructs and cdk8s-plus-28 are peer dependencies (and dev dependencies for our build), typescript an optional peer', () => {
    for (const name of ['cdk8s', 'constructs', 'cdk8s-plus-28']) {
      expect(PKG.dependencies[name]).toBeUndefined();
      expect(PKG.peerDependencies[name]).toBeDefined();
      expect(PKG.devDependencies[name]).toBe(PKG.peerDependencies[name]);
    }
    expect(PKG.peerDependencies.typescript).toBeDefined();
    expect(PKG.peerDependenciesMeta.typescript).toEqual({ optional: true });
    expect(Object.keys(PKG.dependencies).sort()).toEqual(['@bufbuild/cel', 'ajv', 'commander', 'picocolors', 'yaml']);
    expect(PKG.files.sort()).toEqual(['LICENSE', 'README.md', 'lib']);
    expect(PKG.scripts.prepack).toBeDefined();
  });

  test('the declarations of the entry points compile with the cdk8s typescript-app template tsconfig (no skipLibCheck, lib es2016, stripInternal)', () => {
    const template = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/cdk8s-cli/templates/typescript-app/tsconfig.json'), 'utf8')) as
      { compilerOptions: Record<string, unknown> };
    // what users reach: the root and the subpaths, and everything their declarations import
    const declarations = [...new Set([PKG.types, ...Object.values(PKG.typesVersions).flatMap(m => Object.values(m).flat())].map(target))];
    fs.writeFileSync(path.join(stage, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { ...template.compilerOptions, noEmit: true, types: ['node'] },
      files: declarations,
    }));
    expect(() => run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(stage, 'tsconfig.json')], stage)).not.toThrow();
  });
});
