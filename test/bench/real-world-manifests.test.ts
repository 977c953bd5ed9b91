/**
 * The real-world-like bench inputs (issue #14) are deterministic, valid YAML with the sizes and
 * shapes they stand for, and `validate --level api` finds nothing wrong in them.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { crdDocument, configMapDocument, realWorldDocument, writeRealWorldManifests } from '../../bench/fixtures/real-world-manifests';
import { KubeObject, validate, ValidationLevel } from '../../src/validation';

describe('real-world-like inputs', () => {
  test('documents are deterministic', () => {
    expect(crdDocument(7)).toBe(crdDocument(7));
    expect(realWorldDocument('mix', 31)).toBe(realWorldDocument('mix', 31));
  });

  test('CRDs are deep and tens of KB; one in 25 is a giant; both description styles occur', () => {
    const sizes = Array.from({ length: 50 }, (_, i) => crdDocument(i).length);
    const average = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    expect(average).toBeGreaterThan(30_000);
    expect(average).toBeLessThan(120_000);
    expect(Math.max(...sizes)).toBeGreaterThan(200_000);
    expect(crdDocument(0)).toContain('description: |-');
    expect(crdDocument(1)).toMatch(/description: '[^'\n]*\n\s+[^\n]*/);
  });

  test('ConfigMaps carry big block scalars', () => {
    const doc = configMapDocument(3);
    expect(doc.length).toBeGreaterThan(100_000);
    expect(doc).toMatch(/^ {2}0-\S+: \|$/m);
  });

  test('every input parses and is clean at --level api', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'real-world-test-'));
    try {
      for (const [input, n] of [['crds', 8], ['configmaps', 8], ['mix', 60]] as const) {
        const file = path.join(dir, `${input}.yaml`);
        const written = writeRealWorldManifests(input, n, file);
        const text = fs.readFileSync(file, 'utf8');
        expect(written.bytes).toBe(Buffer.byteLength(text));
        const docs = parseAllDocuments(text);
        expect(docs).toHaveLength(n);
        expect(docs.flatMap((d) => d.errors)).toEqual([]);
        const report = validate(docs.map((d) => d.toJS() as KubeObject), { level: ValidationLevel.API });
        expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
