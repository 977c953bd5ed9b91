import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdk8s from 'cdk8s';
import { CronTask, Database, DatabaseCredentials, DatabaseEngine, Image, Schedule, ValidationError, WebApp } from '../../../src';
import { isPackageCopiesError, loadedCopies, PackageCopiesError, twoCopiesMessage } from '../../../src/constructs/core/copies';
import { ExitCode, runSynth } from '../../../src/synth/run';

/*
 * A second copy of cdk8s (or constructs), as a user gets it when npm does not dedupe a nested
 * node_modules/cdk8s: a copy of ours in a temporary folder, loaded next to the one the library uses.
 */
const REPO_MODULES = path.resolve(__dirname, '../../../node_modules');
let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-patterns-copies-'));
  fs.mkdirSync(path.join(tmp, 'cdk8s-only', 'node_modules'), { recursive: true });
  fs.cpSync(path.join(REPO_MODULES, 'cdk8s'), path.join(tmp, 'cdk8s-only', 'node_modules', 'cdk8s'), { recursive: true });
  // the copy shares our constructs: only cdk8s is duplicated
  fs.symlinkSync(path.join(REPO_MODULES, 'constructs'), path.join(tmp, 'cdk8s-only', 'node_modules', 'constructs'), 'dir');
  fs.mkdirSync(path.join(tmp, 'both', 'node_modules'), { recursive: true });
  fs.cpSync(path.join(REPO_MODULES, 'cdk8s'), path.join(tmp, 'both', 'node_modules', 'cdk8s'), { recursive: true });
  fs.cpSync(path.join(REPO_MODULES, 'constructs'), path.join(tmp, 'both', 'node_modules', 'constructs'), { recursive: true });
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The other copy's cdk8s module. */
function otherCdk8s(variant: 'cdk8s-only' | 'both'): typeof cdk8s {
  return require(path.join(tmp, variant, 'node_modules', 'cdk8s')) as typeof cdk8s;
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

const ownCdk8s = path.join(REPO_MODULES, 'cdk8s');

describe('two loaded copies of cdk8s or constructs', () => {
  test('a chart from another cdk8s: the WebApp names both copies and the fix', () => {
    const other = otherCdk8s('cdk8s-only');
    const chart = new other.Chart(new other.App(), 'web');
    const error = thrown(() => new WebApp(chart as unknown as cdk8s.Chart, 'Web', { image: Image.of('nginx:1.27') }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe(`[web/Web] two copies of cdk8s are loaded: ${ownCdk8s} and ${path.join(tmp, 'cdk8s-only', 'node_modules', 'cdk8s')}; `
      + 'cdk8s-patterns needs the one your app uses: run `npm ls cdk8s` and `npm dedupe` '
      + '(cdk8s, constructs and cdk8s-plus-28 are peer dependencies of cdk8s-patterns, install them once in your project)');
    expect(error.message).not.toMatch(/Lazy|must be a/);
  });

  test('a Size from another cdk8s: the same message instead of "must be a Size"', () => {
    const other = otherCdk8s('cdk8s-only');
    const chart = new cdk8s.Chart(new cdk8s.App(), 'db');
    const error = thrown(() => new Database(chart, 'Orders', {
      engine: DatabaseEngine.postgres(),
      credentials: DatabaseCredentials.fromExistingSecret('orders-db'),
      storage: { size: other.Size.gibibytes(5) as unknown as cdk8s.Size },
    }));
    expect(error.message).toBe(`[db/Orders] ${twoCopiesMessage('cdk8s')}`);
    expect(error.message).toContain(path.join(tmp, 'cdk8s-only', 'node_modules', 'cdk8s'));
  });

  test('a Duration from another cdk8s', () => {
    const other = otherCdk8s('cdk8s-only');
    const chart = new cdk8s.Chart(new cdk8s.App(), 'jobs');
    const error = thrown(() => new CronTask(chart, 'Nightly', {
      image: Image.of('busybox:1.36'), schedule: Schedule.expression('0 3 * * *'),
      activeDeadline: other.Duration.minutes(5) as unknown as cdk8s.Duration,
    }));
    expect(error.message).toBe(`[jobs/Nightly] ${twoCopiesMessage('cdk8s')}`);
  });

  test('a chart from other copies of cdk8s and constructs: the message names constructs', () => {
    const other = otherCdk8s('both');
    const chart = new other.Chart(new other.App(), 'web');
    const error = thrown(() => new WebApp(chart as unknown as cdk8s.Chart, 'Web', { image: Image.of('nginx:1.27') }));
    expect(error.message).toMatch(/^\[web\/Web\] two copies of constructs are loaded: /);
    expect(error.message).toContain(path.join(tmp, 'both', 'node_modules', 'constructs'));
    expect(error.message).toContain('run `npm ls constructs` and `npm dedupe`');
  });

  test('one copy: no message, and loadedCopies lists ours', () => {
    const chart = new cdk8s.Chart(new cdk8s.App(), 'web');
    expect(() => new WebApp(chart, 'Web', { image: Image.of('nginx:1.27') })).not.toThrow();
    expect(loadedCopies('cdk8s')[0]).toBe(ownCdk8s);
  });
});

describe('entry points report two copies as an installation problem', () => {
  test('runSynth: the message once, exit code 2, nothing written', () => {
    const other = otherCdk8s('cdk8s-only');
    const messages: string[] = [];
    const reporter = { info: (m: string) => messages.push(`info: ${m}`), warn: (m: string) => messages.push(`warn: ${m}`), error: (m: string) => messages.push(`error: ${m}`) };
    const outdir = path.join(tmp, 'dist');
    const code = runSynth(() => {
      const app = new other.App();
      new WebApp(new other.Chart(app, 'web') as unknown as cdk8s.Chart, 'Web', { image: Image.of('nginx:1.27') });
      return app as unknown as cdk8s.App;
    }, { outdir, reporter });
    expect(code).toBe(ExitCode.USAGE);
    expect(messages).toStrictEqual([`error: [web/Web] ${twoCopiesMessage('cdk8s')}`]);
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('the error is a PackageCopiesError, recognised by name across copies of this library', () => {
    const other = otherCdk8s('cdk8s-only');
    const error = thrown(() => new WebApp(new other.Chart(new other.App(), 'web') as unknown as cdk8s.Chart, 'Web', { image: Image.of('nginx:1.27') }));
    expect(error).toBeInstanceOf(PackageCopiesError);
    expect(isPackageCopiesError(error)).toBe(true);
    expect(isPackageCopiesError(Object.assign(new Error('x'), { name: 'PackageCopiesError' }))).toBe(true);
    expect(isPackageCopiesError(new ValidationError(new cdk8s.Chart(new cdk8s.App(), 'c'), 'x'))).toBe(false);
  });
});
