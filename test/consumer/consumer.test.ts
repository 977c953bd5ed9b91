import { ConsumerProject, consumerProject, removeConsumerProject, RunResult, TSCONFIG_VARIANTS } from './project';

/*
 * cdk8s-patterns used as a dependency: `npm pack` (prepack builds), installed into a project made
 * like `cdk8s init typescript-app` (project.ts), then used the way a user uses it. Add tests here
 * so they share the one prepared project (`project.dir`, `project.run(...)`).
 */
jest.setTimeout(300_000);

let project: ConsumerProject;

beforeAll(() => {
  project = consumerProject();
  // eslint-disable-next-line no-console
  console.log(`consumer project prepared in ${project.preparedInSeconds.toFixed(1)} s: ${project.dir}`);
});

afterAll(() => {
  removeConsumerProject();
});

describe('declarations', () => {
  // the three compilations are independent: start them together, each test awaits its own
  const compiled: Record<string, Promise<RunResult>> = {};
  beforeAll(() => {
    for (const tsconfig of ['tsconfig.json', ...Object.keys(TSCONFIG_VARIANTS)]) {
      compiled[tsconfig] = project.runAsync(project.bin('tsc'), ['--noEmit', '-p', tsconfig], { allowFailure: true });
    }
  });

  test('the project compiles with the template tsconfig (CommonJS, moduleResolution node10, lib es2016, no skipLibCheck)', async () => {
    expect(await compiled['tsconfig.json']).toMatchObject({ status: 0, stdout: '' });
  });

  test.each(Object.keys(TSCONFIG_VARIANTS))('the project compiles with %s', async tsconfig => {
    expect(await compiled[tsconfig]).toMatchObject({ status: 0, stdout: '' });
  });
});

describe('runtime', () => {
  test('the package root and its subpaths load with plain node (no tsx), and report their version', () => {
    const script = [
      "const p = require('cdk8s-patterns');",
      "require('cdk8s-patterns/validation/jest');",
      "require('cdk8s-patterns/validation/cdk8s-plugin');",
      "require('cdk8s-patterns/testing/snapshot-serializer');",
      "console.log(p.toJsonReport(p.validate([])).tool.version, require('cdk8s-patterns/package.json').version);",
    ].join('\n');
    const [reported, packaged] = project.run('node', ['-e', script]).stdout.trim().split(' ');
    expect(reported).toBe(packaged);
  });
});
