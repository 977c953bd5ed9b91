/**
 * Hostile YAML (issue 13): alias bombs, deep nesting and the parse worker end within seconds
 * with a `file:line` problem instead of running forever or ending in a stack trace.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseYaml, parseYamlStream } from '../../../src/validation/parse';
import { SourcedObject } from '../../../src/validation/types';

const HEADER = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hostile\ndata:\n';

/** The classic "billion laughs": 9 levels of 9 aliases, 9^9 strings once expanded (under 600 bytes). */
function aliasBomb(): string {
  let text = `${HEADER}  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n`;
  let previous = 'a';
  for (const name of 'bcdefghi') {
    text += `  ${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]\n`;
    previous = name;
  }
  return text;
}

/** `levels` nested block mappings under `data` (`a:` each one deeper). */
function deepBlock(levels: number): string {
  let text = HEADER;
  for (let i = 1; i <= levels; i++) text += `${'  '.repeat(i)}a:\n`;
  return text;
}

/** `levels` nested flow sequences as the value of `data.a`. */
function deepFlow(levels: number): string {
  return `${HEADER}  a: ${'['.repeat(levels)}${']'.repeat(levels)}\n`;
}

const problemsOf = (text: string) => parseYaml(text, 'in.yaml').problems;

describe('alias expansion is bounded as go-yaml bounds it ("document contains excessive aliasing")', () => {
  test('an alias bomb of under 600 bytes (588 in the issue) is refused at once at the line of the alias that crosses the ratio', () => {
    // GIVEN the billion-laughs document
    const text = aliasBomb();
    expect(text.length).toBeLessThan(600);
    // WHEN it is parsed
    const started = Date.now();
    const result = parseYaml(text, 'bomb.yaml');
    // THEN go-yaml's problem, at the line of `d: &d [*c, ...]` (where more than 99% of the decoded
    // nodes come from aliases once past 1,000), and no object
    expect(result.problems).toEqual([{ file: 'bomb.yaml', line: 9, message: 'yaml: line 9: document contains excessive aliasing' }]);
    expect(result.objects).toEqual([]);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  test('ordinary reuse of anchors is not excessive, and the bomb stays refused behind a first harmless document', () => {
    // GIVEN 300 aliases of a small labels map (1,500 of about 2,100 decoded nodes come from aliases)
    let text = `${HEADER}  base: &labels {app: web, tier: front}\n`;
    for (let i = 0; i < 300; i++) text += `  k${i}: *labels\n`;
    const result = parseYaml(text, 'ok.yaml');
    expect(result.problems).toEqual([]);
    expect((result.objects[0].object.data as Record<string, unknown>).k299).toEqual({ app: 'web', tier: 'front' });
    // AND a bomb in a second document is still found, at its file line
    const both = parseYaml(`${text}---\n${aliasBomb()}`, 'both.yaml');
    expect(both.objects).toHaveLength(1);
    expect(both.problems).toEqual([{ file: 'both.yaml', line: 316, message: 'yaml: line 316: document contains excessive aliasing' }]);
  });

  test('an alias inside its own anchor and an alias of no anchor are problems, as in go-yaml', () => {
    expect(problemsOf(`${HEADER}  a: &x [1, *x]\n`)).toEqual([{ file: 'in.yaml', line: 6, message: "yaml: line 6: anchor 'x' value contains itself" }]);
    expect(problemsOf(`${HEADER}  a: *nowhere\n`)).toEqual([{ file: 'in.yaml', line: 6, message: "yaml: line 6: unknown anchor 'nowhere' referenced" }]);
    // an alias refers to an anchor defined before it, never after
    expect(problemsOf(`${HEADER}  a: *later\n  b: &later x\n`)).toEqual([{ file: 'in.yaml', line: 6, message: "yaml: line 6: unknown anchor 'later' referenced" }]);
  });
});

describe('nesting depth is bounded (exceeded max depth of 500)', () => {
  test.each([
    ['2,000 block levels', deepBlock(2000), 505],
    ['5,000 flow levels', deepFlow(5000), 6],
    ['5,000 compact sequence levels', `${HEADER}  a:\n${'  - '.repeat(5000)}x\n`, 7],
    ['an anchor before 5,000 flow levels (the full parser only)', `${HEADER}  z: &z 1\n  a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, 7],
  ])('%s: a problem at the line of the first collection too deep, within seconds', (_name, text, line) => {
    const started = Date.now();
    expect(problemsOf(text)).toEqual([{ file: 'in.yaml', line, message: `yaml: line ${line}: exceeded max depth of 500` }]);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  test('a line of 2,000,000 compact sequence dashes: no quadratic work (within seconds)', () => {
    const started = Date.now();
    expect(problemsOf(`${HEADER}  a:\n${'  - '.repeat(2000000)}x\n`)).toEqual([{ file: 'in.yaml', line: 7, message: 'yaml: line 7: exceeded max depth of 500' }]);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('a quoted scalar of 1,000,000 lines is read without quadratic work (within seconds)', () => {
    const started = Date.now();
    const result = parseYaml(`${HEADER}  a: "x\n${'y\n'.repeat(1000000)}"\n`, 'in.yaml');
    expect(result.problems).toEqual([]);
    expect((result.objects[0].object.data as { a: string }).a).toHaveLength(2000002);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('500 levels are read, 501 are not (fast and full parser alike)', () => {
    // the document is level 1 and data level 2: the mapping holding the last `a:` of deepBlock(n) is level n + 1
    expect(problemsOf(deepBlock(499))).toEqual([]);
    expect(problemsOf(deepBlock(500))).toEqual([{ file: 'in.yaml', line: 505, message: 'yaml: line 505: exceeded max depth of 500' }]);
    // the same through the full parser (an anchor makes the fast parser give up)
    const anchored = (n: number) => deepBlock(n).replace(HEADER, `${HEADER}  y: &y 1\n`);
    expect(problemsOf(anchored(499))).toEqual([]);
    expect(problemsOf(anchored(500))).toEqual([{ file: 'in.yaml', line: 506, message: 'yaml: line 506: exceeded max depth of 500' }]);
    expect(problemsOf(deepFlow(498))).toEqual([]);
    expect(problemsOf(deepFlow(499))).toEqual([{ file: 'in.yaml', line: 6, message: 'yaml: line 6: exceeded max depth of 500' }]);
  });

  test('alias expansions count towards the depth', () => {
    // GIVEN 300 levels under an anchor, expanded 300 levels deep
    const nested = `${'['.repeat(300)}${']'.repeat(300)}`;
    const text = `${HEADER}  a: &deep ${nested}\n  b: ${'['.repeat(300)}*deep${']'.repeat(300)}\n`;
    expect(problemsOf(text)).toEqual([{ file: 'in.yaml', line: 7, message: 'yaml: line 7: exceeded max depth of 500' }]);
  });

  test('deeply nested JSON is refused at its line too', () => {
    const text = `{"apiVersion": "v1", "kind": "ConfigMap",\n"data": ${'['.repeat(3000)}${']'.repeat(3000)}}`;
    expect(problemsOf(text)).toEqual([{ file: 'in.yaml', line: 2, message: 'json: line 2: exceeded max depth of 500' }]);
    // strings holding brackets do not count
    expect(problemsOf(`{"apiVersion": "v1", "kind": "ConfigMap", "data": {"a": "${'['.repeat(3000)}\\""}}`)).toEqual([]);
  });
});

describe('a 4 MiB deeply nested file', () => {
  const levels = 2 * 1024 * 1024;
  const text = deepFlow(levels);

  test.each([0, 1])('is refused by the streaming parser within seconds (%d workers)', async (workers) => {
    // under jest a worker cannot load the TypeScript worker body: the chunk is parsed in this thread
    const objects: SourcedObject[] = [];
    const started = Date.now();
    const result = await parseYamlStream(text, 'deep.yaml', (batch) => objects.push(...batch), { workers, chunkChars: 1 << 20 });
    expect(result.problems).toEqual([{ file: 'deep.yaml', line: 6, message: 'yaml: line 6: exceeded max depth of 500' }]);
    expect(objects).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('validate with a real parse worker exits 2 with the problem (the worker used to hang on its result)', () => {
    // GIVEN the file on disk, big enough for the streaming path, and one parse worker (tsx loads its body)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-yaml-'));
    try {
      const file = path.join(dir, 'deep.yaml');
      fs.writeFileSync(file, `${text}---\n${HEADER}  ok: "yes"\n`);
      expect(fs.statSync(file).size).toBeGreaterThan(4 * 1024 * 1024);
      // WHEN validate runs on it
      const root = path.resolve(__dirname, '../../..');
      const result = spawnSync(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'src/cli/main.ts'), 'validate', file], {
        encoding: 'utf-8',
        env: { ...process.env, NO_COLOR: '1', CDK8S_PATTERNS_PARSE_WORKERS: '1' },
        timeout: 60000,
      });
      // THEN it ends with exit 2 and the problem at file:line; the object after it is still checked
      expect(result.stdout).toContain(`${file}:6: yaml: line 6: exceeded max depth of 500`);
      expect(result.stdout).toContain('1 object checked');
      expect(result.status).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60000);
});

describe('parse workers that fail hand their chunks back', () => {
  const text = Array.from({ length: 60 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\ndata:\n  a: "${i}"\n`).join('---\n');
  const reference = parseYaml(text, 'w.yaml');

  test.each(['exiting-parse-worker.js', 'throwing-parse-worker.js'])('%s: same objects and problems as in one thread', async (script) => {
    const objects: SourcedObject[] = [];
    const result = await parseYamlStream(text, 'w.yaml', (batch) => objects.push(...batch), {
      workers: 2,
      chunkChars: 300,
      parseHere: false,
      _workerFile: path.join(__dirname, 'fixtures', script),
    });
    expect(result.problems).toEqual(reference.problems);
    expect(objects.map((o) => [o.object, o.source.line])).toEqual(reference.objects.map((o) => [o.object, o.source.line]));
  });
});
