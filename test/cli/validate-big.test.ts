/**
 * `cdk8s-patterns validate` on a file big enough to be parsed in chunks: the report is the same
 * whether everything runs in one thread, one worker parses while this thread validates, or two
 * workers parse and validate the chunks, and the same as the library's `validate()` on the whole file.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeValidateCliManifests } from '../../bench/fixtures/validate-cli-manifests';
import { STREAM_MIN_BYTES } from '../../src/cli/commands/validate';
import { ValidationLevel } from '../../src/validation/config';
import { validate } from '../../src/validation/engine';
import { parseYaml } from '../../src/validation/parse';
import { formatReport, ReportFormat } from '../../src/validation/report';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const MAIN = path.join(ROOT, 'src/cli/main.ts');
jest.setTimeout(180_000);

let dir: string;
const FILE = 'big.yaml';

function run(workers: number, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(TSX, [MAIN, 'validate', FILE, ...args], {
    cwd: dir, encoding: 'utf-8', maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', CDK8S_PATTERNS_PARSE_WORKERS: String(workers) },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-big-'));
  const bytes = writeValidateCliManifests(9000, path.join(dir, FILE));
  expect(bytes).toBeGreaterThanOrEqual(STREAM_MIN_BYTES);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('validate on a big file', () => {
  test('one thread, a parse pipeline, validating workers and the library give the same JSON report', () => {
    const text = fs.readFileSync(path.join(dir, FILE), 'utf-8');
    const expected = JSON.parse(formatReport(validate(parseYaml(text, FILE).objects), ReportFormat.JSON, { inputProblems: [] }));
    const single = run(0, ['--format', 'json']);
    const pipeline = run(1, ['--format', 'json']);
    const parallel = run(2, ['--format', 'json']);
    for (const r of [single, pipeline, parallel]) expect([r.code, r.stderr]).toEqual([1, '']);
    expect(JSON.parse(single.stdout)).toEqual(expected);
    expect(pipeline.stdout).toBe(single.stdout);
    expect(parallel.stdout).toBe(single.stdout);
    const rules = new Map<string, number>();
    for (const f of expected.findings as { rule: string }[]) rules.set(f.rule, (rules.get(f.rule) ?? 0) + 1);
    // 1,796 apps (app 0..1795): a bad Service port name when app % 13 === 8, a latest tag when
    // app % 7 === 3, no resources when app % 11 === 5 (cpu and memory requests), no PDB for odd apps
    expect(Object.fromEntries(rules)).toEqual({
      'api/service': 138, 'policy/latest-tag': 257, 'policy/pdb-missing': 898, 'policy/resource-limits': 163, 'policy/resource-requests': 326,
    });
  });

  test('at level api, JUnit (every object listed, in input order) is the same with workers', () => {
    const single = run(0, ['--level', ValidationLevel.API, '--format', 'junit']);
    expect(single.stdout.match(/<testcase /g)).toHaveLength(9000);
    for (const workers of [1, 2]) {
      const parallel = run(workers, ['--level', ValidationLevel.API, '--format', 'junit']);
      expect(parallel.code).toBe(1);
      expect(parallel.stdout).toBe(single.stdout);
    }
  });
});
