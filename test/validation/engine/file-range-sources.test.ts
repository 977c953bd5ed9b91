/**
 * Issue #14 (policy-level memory): objects of a file read block by block are kept for the bundle
 * rules with where their document is in the file, not its text; the lines of the bundle rules'
 * findings are found at the end by re-reading those documents. The findings must be exactly those
 * of a run that keeps the text, wherever the documents fall (multi-byte characters before them,
 * documents across read blocks and chunks, with and without a parse worker).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateValidateCliManifests } from '../../../bench/fixtures/validate-cli-manifests';
import { createValidator, detachStrings, validate, ValidationReport } from '../../../src/validation/engine';
import { parseManifestText } from '../../../src/validation/engine-input';
import { builtinRules } from '../../../src/validation/engine-rules';
import { BundleScope } from '../../../src/validation/config';
import { parseYamlFileStream, parseYamlStream } from '../../../src/validation/parse/stream';
import { FileRangeSource, SourceKeeper } from '../../../src/validation/parse/yaml-source';
import { SourcedObject } from '../../../src/validation/types';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'file-range-sources-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

/** Objects whose bundle findings point below the document start, with multi-byte text around them. */
const EXTRA = `# größe — 日本語 🚀 before the document
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ünïcödé
  namespace: shop-1
  annotations:
    note: "🚀🚀🚀 ${'é'.repeat(300)}"
spec:
  replicas: 3
  selector:
    matchLabels: {app: unicode}
  template:
    metadata:
      labels: {app: unicode}
    spec:
      serviceAccountName: nobody-🚀
      containers:
        - name: web
          image: registry.example.com/web:1.0.0
          env:
            - name: A
              valueFrom:
                configMapKeyRef: {name: missing-config, key: a}
            - name: B
              valueFrom:
                secretKeyRef: {name: missing-secret, key: b}
---
apiVersion: v1
kind: Service
metadata:
  name: ünïcödé
  namespace: shop-1
spec:
  selector: {app: nothing-selects-this}
  ports:
    - port: 80
      targetPort: 8080
`;

function text(): string {
  // The generated stream's comments made multi-byte, so character and byte offsets differ.
  const generated = generateValidateCliManifests(600).replace(/# the public endpoint of/g, '# l’accès public — 🚀 of');
  return `${EXTRA}---\n${generated}---\n${EXTRA.replace(/ünïcödé/g, 'ünïcödé-2')}`;
}

function lines(report: ValidationReport): string[] {
  return report.findings.map((f) => `${f.file}:${f.line} ${f.rule} ${f.object.kind}/${f.object.name} ${f.path}: ${f.message}`);
}

async function streamed(file: string, options: { chunkChars: number; blockBytes: number; workers: number }): Promise<ValidationReport> {
  const validator = createValidator();
  await parseYamlFileStream(file, (batch) => validator.add(batch), { chunkChars: options.chunkChars, workers: options.workers, _blockBytes: options.blockBytes });
  return validator.finish();
}

describe('bundle findings of a file read block by block', () => {
  test.each([
    [1 << 17, 1 << 18, 0],
    [4000, 777, 0],
    [300, 5, 0],
    [20000, 4096, 1],
  ])('chunks of %d characters, blocks of %d bytes, %d workers: the same findings as the whole text', async (chunkChars, blockBytes, workers) => {
    const content = text();
    const file = write('stream.yaml', content);
    const expected = validate(parseManifestText(content, file).objects);
    const bundleFindings = expected.findings.filter((f) => f.layer === 'cross' || f.rule === 'policy/pdb-missing' || f.rule === 'policy/pod-security');
    expect(bundleFindings.length).toBeGreaterThan(10);
    // the test means something only if some bundle findings are below their document's first line
    expect(expected.findings.some((f) => f.rule === 'cross/config-ref' && f.path.includes('configMapKeyRef'))).toBe(true);
    expect(lines(await streamed(file, { chunkChars, blockBytes, workers }))).toEqual(lines(expected));
  });

  test('a file changed before the report: the bundle findings get their documents\' lines', async () => {
    const content = `${EXTRA}`;
    const file = write('changed.yaml', content);
    const validator = createValidator();
    await parseYamlFileStream(file, (batch) => validator.add(batch), { chunkChars: 1 << 17 });
    fs.appendFileSync(file, '# appended while the run was going on\n');
    const report = validator.finish();
    const configRef = report.findings.find((f) => f.rule === 'cross/config-ref' && f.path.includes('configMapKeyRef'));
    expect(configRef?.line).toBe(2); // the Deployment's first content line, not the env entry's
    // per-object findings were placed while the text was there
    const expected = validate(parseManifestText(content, file).objects);
    const bundleRules = new Set(builtinRules().filter((rule) => rule.scope === 'bundle').map((rule) => rule.id));
    const objectRule = (r: ValidationReport) => r.findings.filter((f) => !bundleRules.has(f.rule)).map((f) => `${f.line} ${f.rule} ${f.path}`);
    expect(objectRule(report).length).toBeGreaterThan(3);
    expect(objectRule(report)).toEqual(objectRule(expected));
    const documentLines = parseManifestText(content, file).objects.map((o) => o.source.line);
    expect(report.findings.filter((f) => bundleRules.has(f.rule)).every((f) => documentLines.includes(f.line))).toBe(true);
  });

  test('a file deleted before the report: the bundle findings get their documents\' lines', async () => {
    const file = write('deleted.yaml', EXTRA);
    const validator = createValidator();
    await parseYamlFileStream(file, (batch) => validator.add(batch), { chunkChars: 1 << 17 });
    fs.rmSync(file);
    const report = validator.finish();
    expect(report.findings.find((f) => f.rule === 'cross/config-ref')?.line).toBe(2);
  });
});

describe('SourceKeeper.keep', () => {
  test('keeps the range of a document of a file read block by block, and any other source as it is', async () => {
    const file = write('keep.yaml', `${EXTRA}---\napiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: item}}\n`);
    const objects: SourcedObject[] = [];
    await parseYamlFileStream(file, (batch) => objects.push(...batch), { chunkChars: 1 << 17 });
    const keeper = new SourceKeeper();
    const kept = objects.map((o) => keeper.keep(o.source));
    expect(kept[0]).toBeInstanceOf(FileRangeSource);
    expect(kept[0]).toMatchObject({ file, line: 2, origin: path.resolve(file), start: 0, firstLine: 1 });
    expect(kept[1]).toMatchObject({ file, line: 29 });
    expect(kept[2]).toBe(objects[2].source); // a List item keeps its source
    const fromText = parseManifestText(fs.readFileSync(file, 'utf8'), file).objects;
    expect(keeper.keep(fromText[0].source)).toBe(fromText[0].source); // text given by the caller: kept
    const stdin = parseManifestText(EXTRA, '-').objects[0].source;
    expect(keeper.keep(stdin)).toBe(stdin);
  });
});

describe('objects parsed in this thread', () => {
  test('are marked as sharing their chunk\'s text; objects from a parse worker are not', async () => {
    const file = write('shares.yaml', text());
    for (const [workers, shares] of [[0, true], [1, false]] as const) {
      const objects: SourcedObject[] = [];
      await parseYamlFileStream(file, (batch) => objects.push(...batch), { chunkChars: 20000, workers, parseHere: false });
      expect(objects.length).toBeGreaterThan(600);
      expect(objects.every((o) => SourceKeeper.sharesText(o.source) === shares)).toBe(true);
    }
    expect(SourceKeeper.sharesText(parseManifestText(EXTRA, file).objects[0].source)).toBe(false);
  });

  test('detachStrings keeps every value equal and the structure unchanged', () => {
    const long = `${'x'.repeat(20)}-${Date.now()}`;
    const object = JSON.parse(JSON.stringify({
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: long, labels: { a: 'short' } },
      data: { k: long, n: 1, b: true, z: null }, list: [long, ['nested', long], { deep: long }],
    })) as Record<string, unknown>;
    const before = JSON.stringify(object);
    const inner = object.metadata;
    detachStrings(object);
    expect(JSON.stringify(object)).toBe(before);
    expect(object.metadata).toBe(inner); // in place
    const proto = JSON.parse(`{"__proto__": "${long}", "a": "${long}"}`) as Record<string, unknown>;
    detachStrings(proto);
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(JSON.stringify(proto)).toBe(`{"__proto__":"${long}","a":"${long}"}`);
  });
});

describe('BundleScope.BATCH', () => {
  test('each batch is checked with its sources\' text: the file is not re-read per batch, and the findings are those of the text', async () => {
    const content = text();
    const file = write('batch.yaml', content);
    const reread = jest.spyOn(SourceKeeper.prototype, 'resolveLines');
    try {
      const fromFile = createValidator({ bundleScope: BundleScope.BATCH });
      await parseYamlFileStream(file, (batch) => fromFile.add(batch), { chunkChars: 4000, _blockBytes: 777 });
      const report = fromFile.finish();
      expect(reread).not.toHaveBeenCalled();
      await streamed(file, { chunkChars: 4000, blockBytes: 777, workers: 0 });
      expect(reread).toHaveBeenCalledTimes(1); // BundleScope.ALL: one re-read at the end
      const fromText = createValidator({ bundleScope: BundleScope.BATCH });
      await parseYamlStream(content, file, (batch) => fromText.add(batch), { chunkChars: 4000 });
      const expected = fromText.finish();
      expect(expected.findings.some((f) => f.rule === 'cross/config-ref' && f.path.includes('configMapKeyRef'))).toBe(true);
      expect(lines(report)).toEqual(lines(expected));
    } finally {
      reread.mockRestore();
    }
  });
});
