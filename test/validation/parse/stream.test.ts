/**
 * Chunked parsing gives exactly what whole-text parsing gives: objects, lines, positions and
 * problems, in the same order, wherever the chunk boundaries fall.
 */
import { generateValidateCliManifests } from '../../../bench/fixtures/validate-cli-manifests';
import { countLines, nextBoundary, yamlChunks } from '../../../src/validation/parse/chunks';
import { parseYaml } from '../../../src/validation/parse/parse-yaml';
import { parseYamlStream } from '../../../src/validation/parse/stream';
import { SourcedObject } from '../../../src/validation/types';

/** Objects with their lines and a few field-path lines, as comparable data. */
function describeObjects(objects: readonly SourcedObject[]): unknown[] {
  return objects.map((o) => [
    o.object, o.source.file, o.source.line, o.source.lineOf!('metadata.name'), o.source.lineOf!('spec.template.spec.containers[0].image'),
  ]);
}

async function streamed(text: string, file: string, chunkChars: number, workers = 0): Promise<{ objects: SourcedObject[]; problems: unknown[]; batches: number }> {
  const objects: SourcedObject[] = [];
  let batches = 0;
  const { problems } = await parseYamlStream(text, file, (batch) => {
    batches++;
    objects.push(...batch);
  }, { chunkChars, workers });
  return { objects, problems, batches };
}

const MIXED = `# leading comment
apiVersion: v1
kind: ConfigMap
metadata: {name: a}
---
--- # an empty document
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Secret
    metadata:
      name: s
  - not a mapping
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: dup
  name: again
---
apiVersion: v1
kind: ConfigMap
metadata: {name: [broken
...
ignored: after end marker
---
base: &b {x: 1}
apiVersion: v1
kind: ConfigMap
metadata: {name: anchored}
data: *b
---
kind: NoVersion
---\r
apiVersion: v1\r
kind: ConfigMap\r
metadata:\r
  name: crlf\r
`;

describe('parseYamlStream', () => {
  test.each([1, 7, 40, 200, 100000])('chunks of %d characters give the same result as parseYaml', async (chunkChars) => {
    const reference = parseYaml(MIXED, 'mixed.yaml');
    const got = await streamed(MIXED, 'mixed.yaml', chunkChars);
    expect(got.problems).toEqual(reference.problems);
    expect(describeObjects(got.objects)).toEqual(describeObjects(reference.objects));
  });

  test('a generated manifest of 3,000 objects, in batches', async () => {
    const text = generateValidateCliManifests(3000);
    const reference = parseYaml(text, 'big.yaml');
    const got = await streamed(text, 'big.yaml', 64 * 1024);
    expect(got.batches).toBe([...yamlChunks(text, 64 * 1024)].length);
    expect(got.batches).toBeGreaterThan(10);
    expect(got.problems).toEqual([]);
    expect(describeObjects(got.objects)).toEqual(describeObjects(reference.objects));
  });

  test('when workers cannot start, chunks are parsed in this thread with the same result', async () => {
    // under jest the worker body is TypeScript that a plain worker thread cannot load
    const text = generateValidateCliManifests(500);
    const reference = parseYaml(text, 'w.yaml');
    const got = await streamed(text, 'w.yaml', 16 * 1024, 1);
    expect(describeObjects(got.objects)).toEqual(describeObjects(reference.objects));
  });

  test('JSON, binary and empty texts are read whole like parseYaml', async () => {
    for (const text of ['{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "x"}}', 'a\u0000b', '', '\n# only a comment\n']) {
      const reference = parseYaml(text, 'x.yaml');
      const got = await streamed(text, 'x.yaml', 4);
      expect([got.problems, describeObjects(got.objects)]).toEqual([reference.problems, describeObjects(reference.objects)]);
    }
  });
});

describe('yamlChunks', () => {
  const text = 'a: 1\n---\nb: 2\n----\nc: 3\n--- # x\nd: 4\n---';

  test('cuts only at document markers and counts lines', () => {
    expect([...yamlChunks(text, 1)]).toEqual([
      { index: 0, start: 0, end: 5, firstLine: 1 },
      { index: 1, start: 5, end: 24, firstLine: 2 },
      { index: 2, start: 24, end: 37, firstLine: 6 },
      { index: 3, start: 37, end: 40, firstLine: 8 },
    ]);
  });

  test('nextBoundary and countLines', () => {
    expect(nextBoundary(text, 0, 100)).toBe(text.length);
    expect(nextBoundary(text, 5, 6)).toBe(24); // `----` is not a marker
    expect(nextBoundary(text, 0, 30)).toBe(24); // the marker line holding `from`
    expect(nextBoundary(text, 0, 32)).toBe(37);
    expect(countLines(text, 0, text.length)).toBe(7);
  });
});
