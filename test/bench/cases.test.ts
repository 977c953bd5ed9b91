import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createRegistry } from '../../bench/cases';
import { OBJECTS_PER_APP } from '../../bench/fixtures/app-spec';
import { CaseGroup } from '../../bench/lib/bench-case';

const ROOT = path.resolve(__dirname, '..', '..');

describe('synth cases', () => {
  let workDir: string;
  beforeEach(() => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cases-test-'));
  });
  afterEach(() => fs.rmSync(workDir, { recursive: true, force: true }));

  const synthCases = createRegistry().all.filter((c) => c.group === CaseGroup.SYNTH);

  /**
   * Objects for 4 apps: the comparison cases render six per app; environments-50x3 renders them in 3
   * environments plus a Namespace each; two-tier adds a database (StatefulSet, 2 Services, PDB,
   * ServiceAccount, NetworkPolicies) and the app's PDB and egress policies: 14 per app.
   */
  const EXPECTED_OBJECTS: Record<string, number> = { 'environments-50x3': 4 * OBJECTS_PER_APP * 3 + 3, 'two-tier-validated': 4 * 14 };

  test.each(synthCases.map((c) => [c.id, c] as const))('%s renders its objects for 4 apps into its work dir', (id, benchCase) => {
    const reason = benchCase.unavailable?.(ROOT);
    expect(reason).toBeUndefined();
    const context = { workDir, rootDir: ROOT };
    benchCase.prepare?.(4, context);
    const result = benchCase.run(4, context);
    expect(result.objects ?? result.countObjects?.()).toBe(EXPECTED_OBJECTS[id] ?? 4 * OBJECTS_PER_APP);
    expect(fs.readdirSync(workDir, { recursive: true }).length).toBeGreaterThan(0);
  });

  test('cdk8s cases write one file per chart', () => {
    const registry = createRegistry();
    registry.get('plus-one-chart').run(3, { workDir, rootDir: ROOT });
    expect(fs.readdirSync(workDir)).toEqual(['apps.k8s.yaml']);
    fs.rmSync(workDir, { recursive: true });
    fs.mkdirSync(workDir);
    registry.get('plus-chart-per-app').run(3, { workDir, rootDir: ROOT });
    expect(fs.readdirSync(workDir).sort()).toEqual(['app-0.k8s.yaml', 'app-1.k8s.yaml', 'app-2.k8s.yaml']);
  });
});

describe('micro cases', () => {
  test('serialize the requested number of objects, the objects of 1,000 apps whatever the sizes, warmed up in full', () => {
    const registry = createRegistry();
    for (const id of ['serialize-yaml', 'serialize-emitter', 'serialize-json']) {
      const benchCase = registry.get(id);
      expect(benchCase.sizes?.([10, 100])).toEqual([1000 * OBJECTS_PER_APP]);
      expect(benchCase.warmupSize?.(5000)).toBe(5000);
      benchCase.prepare?.(7, { workDir: os.tmpdir(), rootDir: ROOT });
      expect(benchCase.run(7, { workDir: os.tmpdir(), rootDir: ROOT }).objects).toBe(7);
    }
  });
});
