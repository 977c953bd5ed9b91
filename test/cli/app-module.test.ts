/**
 * How `cdk8s-patterns synth` finds, type-checks and loads a user's app: child processes on
 * temporary projects laid out like `cdk8s init typescript-app` ones.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkTypeScriptApp, TypeScriptAppError } from '../../src/cli/typescript-app';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const CLI = path.join(ROOT, 'src/cli/main.ts');
const TEMPLATE_TSCONFIG = fs.readFileSync(path.join(ROOT, 'node_modules/cdk8s-cli/templates/typescript-app/tsconfig.json'), 'utf8');
const TS_VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/typescript/package.json'), 'utf8')) as { version: string }).version;

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

let project: string;

/** Runs the CLI in the temporary project. */
function cli(...args: string[]): Run {
  const result = spawnSync(TSX, [CLI, ...args], {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CDK8S_OUTDIR: '', CDK8S_RECORD_CONSTRUCT_METADATA: '', CDK8S_PATTERNS_DEBUG: '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Writes files into the temporary project. */
function write(files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(project, name)), { recursive: true });
    fs.writeFileSync(path.join(project, name), content);
  }
}

/** The project's node_modules: links to ours, as an installed project has them. */
function install(...packages: string[]): void {
  for (const name of packages) {
    fs.mkdirSync(path.dirname(path.join(project, 'node_modules', name)), { recursive: true });
    fs.symlinkSync(path.join(ROOT, 'node_modules', name), path.join(project, 'node_modules', name), 'dir');
  }
}

/** `cdk8s-patterns` as installed: JavaScript plus typings (here: our sources behind a hand-written declaration). */
function installCdk8sPatterns(): void {
  write({
    'node_modules/cdk8s-patterns/package.json': JSON.stringify({ name: 'cdk8s-patterns', main: 'index.js', types: 'index.d.ts' }),
    'node_modules/cdk8s-patterns/index.js': `module.exports = require(${JSON.stringify(path.join(ROOT, 'src/synth/synth-app.ts'))});\n`,
    'node_modules/cdk8s-patterns/index.d.ts': [
      "import { App } from 'cdk8s';",
      'export interface SynthAppOptions { readonly validate?: boolean; readonly podSecurity?: string }',
      'export declare function synth(app: App, options?: SynthAppOptions): number;',
      '',
    ].join('\n'),
  });
}

const CONFIG_MAP = `new ApiObject(chart, 'config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config' }, data: { a: '1' } });`;
const CONFIG_MAP_YAML = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata:\n  a: "1"\n';

/** A chart with one ConfigMap: passes the validation engine; the template's `main.ts` ends in `app.synth()`. */
const TEMPLATE_MAIN_TS = `import { Construct } from 'constructs';
import { ApiObject, App, Chart, ChartProps } from 'cdk8s';

export class MyChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = { }) {
    super(scope, id, props);
    const chart = this;
    ${CONFIG_MAP}
  }
}

const app = new App();
new MyChart(app, 'web');
app.synth();
`;

jest.setTimeout(120_000);

beforeEach(() => {
  project = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cli-app-')));
});
afterEach(() => fs.rmSync(project, { recursive: true, force: true }));

describe('without --app, the app is', () => {
  test('the file named by the app: command of cdk8s.yaml: a template main.ts ending in app.synth() is captured, cdk8s writes nothing', () => {
    // GIVEN a project made by `cdk8s init typescript-app`
    install('cdk8s', 'constructs', 'typescript');
    write({
      'cdk8s.yaml': 'language: typescript\napp: npx ts-node main.ts\nimports:\n  - k8s\n',
      'tsconfig.json': TEMPLATE_TSCONFIG,
      'main.ts': TEMPLATE_MAIN_TS,
    });
    // WHEN
    const result = cli('synth');
    // THEN our pipeline wrote the file (cdk8s's app.synth() would have written `---`-less YAML with no listing)
    expect(result).toStrictEqual({ status: 0, stdout: 'Synthesized 1 chart (1 object) to dist/\n  - dist/web.k8s.yaml\n', stderr: '' });
    expect(fs.readdirSync(path.join(project, 'dist'))).toStrictEqual(['web.k8s.yaml']);
    expect(fs.readFileSync(path.join(project, 'dist/web.k8s.yaml'), 'utf8')).toBe(CONFIG_MAP_YAML);
  });

  test('main.js exporting a function with module.exports (CommonJS), when there is no cdk8s.yaml', () => {
    install('cdk8s');
    write({
      'main.js': `const { ApiObject, Chart } = require('cdk8s');\nmodule.exports = (app) => {\n  const chart = new Chart(app, 'web');\n  ${CONFIG_MAP}\n};\n`,
    });
    expect(cli('synth', '--out', 'out')).toStrictEqual({ status: 0, stdout: 'Synthesized 1 chart (1 object) to out/\n  - out/web.k8s.yaml\n', stderr: '' });
    expect(fs.readFileSync(path.join(project, 'out/web.k8s.yaml'), 'utf8')).toBe(CONFIG_MAP_YAML);
  });

  test('an App exported with module.exports = app from the .cjs file the app: command runs', () => {
    install('cdk8s');
    write({
      'cdk8s.yaml': 'app: node lib/app.cjs\n',
      'lib/app.cjs': `const { ApiObject, App, Chart } = require('cdk8s');\nconst app = new App();\nconst chart = new Chart(app, 'web');\n${CONFIG_MAP}\nmodule.exports = app;\n`,
    });
    expect(cli('synth', '--no-validate')).toStrictEqual({ status: 0, stdout: 'Synthesized 1 chart (1 object) to dist/\n  - dist/web.k8s.yaml\n', stderr: '' });
  });

  test('an .mjs module with a default export is imported', () => {
    install('cdk8s');
    write({
      'cdk8s.yaml': 'app: node main.mjs\n',
      'main.mjs': `import cdk8s from 'cdk8s';\nconst { ApiObject, Chart } = cdk8s;\nexport default function (app) {\n  const chart = new Chart(app, 'web');\n  ${CONFIG_MAP}\n}\n`,
    });
    expect(cli('synth')).toStrictEqual({ status: 0, stdout: 'Synthesized 1 chart (1 object) to dist/\n  - dist/web.k8s.yaml\n', stderr: '' });
    expect(fs.readFileSync(path.join(project, 'dist/web.k8s.yaml'), 'utf8')).toBe(CONFIG_MAP_YAML);
  });

  test('nowhere: a usage error (exit code 2) saying what was looked for', () => {
    write({ 'cdk8s.yaml': 'language: python\napp: pipenv run python main.py\n' });
    expect(cli('synth')).toStrictEqual({
      status: 2,
      stdout: '',
      stderr: `error: no app found in ${project}: the app: command in cdk8s.yaml (pipenv run python main.py) names no existing `
        + '.ts/.tsx/.mts/.cts/.js/.cjs/.mjs file, and there is no main.ts or main.js. '
        + 'Pass --app <module>, or set app: in cdk8s.yaml to the command that runs your app (e.g. app: npx ts-node main.ts)\n',
    });
    fs.rmSync(path.join(project, 'cdk8s.yaml'));
    fs.mkdirSync(path.join(project, 'dist'));
    expect(cli('diff').stderr).toBe(`error: no app found in ${project}: there is no cdk8s.yaml, and there is no main.ts or main.js. `
      + 'Pass --app <module>, or set app: in cdk8s.yaml to the command that runs your app (e.g. app: npx ts-node main.ts)\n');
  });
});

test('a main.ts calling synth(app, options) hands the app to the CLI, which validates with those options', () => {
  install('cdk8s', 'constructs', 'typescript', '@types/node');
  installCdk8sPatterns();
  write({
    'tsconfig.json': TEMPLATE_TSCONFIG,
    // A Pod without a security context fails the engine's Pod Security rules unless validation is off.
    'main.ts': [
      "import { ApiObject, App, Chart } from 'cdk8s';",
      "import { synth } from 'cdk8s-patterns';",
      '',
      'const app = new App();',
      "const chart = new Chart(app, 'web');",
      "new ApiObject(chart, 'pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27.0' }] } });",
      'synth(app, { validate: process.env.VALIDATE === "1" });',
      '',
    ].join('\n'),
  });
  expect(cli('synth')).toStrictEqual({ status: 0, stdout: 'Synthesized 1 chart (1 object) to dist/\n  - dist/web.k8s.yaml\n', stderr: '' });
  const validated = spawnSync(TSX, [CLI, 'synth', '--out', 'validated'], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', VALIDATE: '1' } });
  expect(validated.status).toBe(1);
  expect(validated.stderr).toMatch(/^error: Synthesis failed with \d+ problems:\n {2}- \[web\/pod\] Pod web: .*\[policy\/pod-security\]$/m);
  expect(fs.existsSync(path.join(project, 'validated'))).toBe(false);
});

test('a TypeScript app with a type error: the compiler\'s message, exit code 2, nothing written', () => {
  install('cdk8s', 'constructs', 'typescript');
  write({
    'cdk8s.yaml': 'app: npx ts-node main.ts\n',
    'tsconfig.json': TEMPLATE_TSCONFIG,
    'main.ts': [
      "import { Construct } from 'constructs';",
      "import { ApiObject, App, Chart } from 'cdk8s';",
      '',
      'interface WebProps { readonly image: string }',
      'class Web extends Chart {',
      '  constructor(scope: Construct, id: string, props: WebProps) {',
      "    super(scope, id);\n    new ApiObject(this, 'config', { apiVersion: 'v1', kind: 'ConfigMap', data: { image: props.image } });",
      '  }',
      '}',
      'const app = new App();',
      "new Web(app, 'web', { imagee: 'nginx' });",
      'app.synth();',
      '',
    ].join('\n'),
  });
  expect(cli('synth')).toStrictEqual({
    status: 2,
    stdout: '',
    stderr: "main.ts:12:23 - error TS2561: Object literal may only specify known properties, but 'imagee' does not exist in type 'WebProps'. Did you mean to write 'image'?\n"
      + `error: 1 type error in main.ts (TypeScript ${TS_VERSION}, tsconfig.json); nothing was synthesized\n`,
  });
  expect(fs.readdirSync(project).sort()).toStrictEqual(['cdk8s.yaml', 'main.ts', 'node_modules', 'tsconfig.json']);
  // diff reports it the same way
  write({ 'dist/web.k8s.yaml': CONFIG_MAP_YAML });
  const diff = cli('diff');
  expect([diff.status, diff.stdout, diff.stderr.split('\n')[0]]).toStrictEqual([2, '', "main.ts:12:23 - error TS2561: Object literal may only specify known properties, but 'imagee' does not exist in type 'WebProps'. Did you mean to write 'image'?"]);
});

test('a TypeScript app without a tsconfig.json is checked with strict defaults', () => {
  install('cdk8s', 'constructs', 'typescript');
  write({ 'main.ts': "import { App } from 'cdk8s';\nexport default function (app: App, extra) { void extra; return app; }\n" });
  expect(cli('synth')).toStrictEqual({
    status: 2,
    stdout: '',
    stderr: "main.ts:2:36 - error TS7006: Parameter 'extra' implicitly has an 'any' type.\n"
      + `error: 1 type error in main.ts (TypeScript ${TS_VERSION}, no tsconfig.json, strict defaults); nothing was synthesized\n`,
  });
});

test('an app module that provides no app is a usage error (exit code 2)', () => {
  install('cdk8s');
  write({ 'main.js': 'module.exports = { answer: 42 };\n' });
  expect(cli('synth')).toStrictEqual({
    status: 2,
    stdout: '',
    stderr: 'error: app module main.js must call synth(app) or app.synth(), or export an App or a function (app: App) => void '
      + "as module.exports, the default export, 'app', or its only such export (found: none)\n",
  });
  expect(fs.existsSync(path.join(project, 'dist'))).toBe(false);
});

test('an error thrown while the app is built is a problem in the app (exit code 1), without a stack trace', () => {
  install('cdk8s');
  write({ 'main.js': "const { App } = require('cdk8s');\nconst app = new App();\nthrow new Error('no image configured for web');\n" });
  expect(cli('synth')).toStrictEqual({ status: 1, stdout: '', stderr: 'error: no image configured for web\n' });
});

test('--version prints the version of cdk8s-patterns', () => {
  const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  expect(cli('--version')).toStrictEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
});

test('this repository: the CLI finds src/apps/main.ts through cdk8s.yaml and writes what npm run synth writes', () => {
  const out = path.join(project, 'dist');
  const result = spawnSync(TSX, [CLI, 'synth', '--out', out], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CDK8S_OUTDIR: '' } });
  expect([result.status, result.stderr.split('\n').filter((l) => l.startsWith('error'))]).toStrictEqual([0, []]);
  const charts = (dir: string): Record<string, string> => Object.fromEntries(fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
  expect(charts(out)).toStrictEqual(charts(path.join(ROOT, 'dist')));
});

describe('checkTypeScriptApp', () => {
  test('without typescript in the project, says to install it', () => {
    write({ 'main.ts': 'export {};\n' });
    expect(() => checkTypeScriptApp(path.join(project, 'main.ts'), { cwd: project, pretty: false, fallbackToOwnTypeScript: false }))
      .toThrow(new TypeScriptAppError("main.ts is TypeScript and the 'typescript' package is not installed: "
        + 'run npm install --save-dev typescript, or pass the compiled JavaScript with --app'));
  });

  test('an invalid tsconfig.json is reported in the compiler\'s words', () => {
    install('typescript');
    write({ 'main.ts': 'export {};\n', 'tsconfig.json': '{ "compilerOptions": { "target": "es1999" } }\n' });
    let error: TypeScriptAppError | undefined;
    try {
      checkTypeScriptApp(path.join(project, 'main.ts'), { cwd: project, pretty: false });
    } catch (e) {
      error = e as TypeScriptAppError;
    }
    expect(error?.message).toBe('tsconfig.json cannot be used to type-check the app; nothing was synthesized');
    expect(error?.details).toMatch(/^tsconfig.json:1:34 - error TS6046: Argument for '--target' option must be: /);
  });
});
