/**
 * The README's YAML excerpts are true: every ```yaml block marked `<!-- readme-yaml: excerpt -->`
 * on the line before it shows part of what the ```ts block before it renders, so the README cannot
 * drift from the code.
 *
 * Conventions (visible in README.md):
 * - The ts block runs like in `readme-code.test.ts` (a fresh `chart` of an `app`, `cdk8s-patterns`
 *   resolved to this repository's src); it must be self-contained (no `after=`). Its chart (or, when
 *   it builds `Environments` on `app`, the whole app) is synthesized with `Testing.synth`.
 * - Each YAML document of the excerpt must be a subset of at least one rendered object: every key of
 *   a mapping is in the object with a matching value, the items of a list match distinct items of
 *   the rendered list in the same order, scalars are equal. So an excerpt starts at the object root
 *   (`kind: Deployment`, then the path down to the fields it shows) and may leave anything out.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import * as ts from 'typescript';
import { parseAllDocuments, stringify } from 'yaml';

const ROOT = path.resolve(__dirname, '..', '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** A yaml excerpt and the ts block it shows the output of. */
interface Excerpt {
  /** README line of the yaml fence. */
  readonly line: number;
  readonly yaml: string;
  /** README line of the ts fence before it. */
  readonly codeLine: number;
  readonly code: string;
  /** The readme-code directive of the ts block, if any. */
  readonly directive?: string;
}

const EXCERPT_MARK = /^\s*<!--\s*readme-yaml:\s*excerpt\s*-->\s*$/;
const CODE_DIRECTIVE = /^\s*<!--\s*readme-code:(.*)-->\s*$/;

/** The marked excerpts of a README, each with the ts block before it. */
export function readmeExcerpts(text: string): Excerpt[] {
  const lines = text.split('\n');
  const excerpts: Excerpt[] = [];
  let lastCode: { line: number; code: string; directive?: string } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const fence = /^ {0,3}(`{3,})\s*([^\s`]*)/.exec(lines[i]);
    if (!fence) {
      if (EXCERPT_MARK.test(lines[i]) && !/^ {0,3}```\s*yaml\s*$/.test(lines[i + 1] ?? '')) {
        throw new Error(`README.md:${i + 1}: a readme-yaml comment must be on the line right before a \`\`\`yaml block`);
      }
      continue;
    }
    const end = lines.findIndex((l, j) => j > i && new RegExp(`^ {0,3}${fence[1]}\\s*$`).test(l));
    if (end < 0) {
      throw new Error(`README.md:${i + 1}: the code block is never closed`);
    }
    const body = lines.slice(i + 1, end).join('\n');
    const lang = fence[2].toLowerCase();
    if (lang === 'ts' || lang === 'typescript') {
      lastCode = { line: i + 1, code: body, directive: CODE_DIRECTIVE.exec(lines[i - 1] ?? '')?.[1] };
    } else if (lang === 'yaml' && EXCERPT_MARK.test(lines[i - 1] ?? '')) {
      if (lastCode === undefined) {
        throw new Error(`README.md:${i + 1}: a YAML excerpt needs a \`\`\`ts block before it`);
      }
      excerpts.push({ line: i + 1, yaml: body, codeLine: lastCode.line, code: lastCode.code, directive: lastCode.directive });
    }
    i = end;
  }
  return excerpts;
}

/** True when `excerpt` is a subset of `actual` (see the conventions above). */
export function isSubset(excerpt: unknown, actual: unknown): boolean {
  if (Array.isArray(excerpt)) {
    if (!Array.isArray(actual)) return false;
    let from = 0;
    for (const item of excerpt) {
      let found = -1;
      for (let j = from; j < actual.length; j++) {
        if (isSubset(item, actual[j])) {
          found = j;
          break;
        }
      }
      if (found < 0) return false;
      from = found + 1;
    }
    return true;
  }
  if (excerpt !== null && typeof excerpt === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    return Object.entries(excerpt).every(([key, value]) => Object.hasOwn(actual, key) && isSubset(value, (actual as Record<string, unknown>)[key]));
  }
  return excerpt === actual;
}

/** Runs a self-contained README block against a fresh chart; returns every object it renders. */
function renderBlock(excerpt: Excerpt): Record<string, unknown>[] {
  if (excerpt.directive !== undefined && /after=/.test(excerpt.directive)) {
    throw new Error(`README.md:${excerpt.codeLine}: a block with a YAML excerpt must be self-contained (no after=)`);
  }
  const javascript = ts.transpileModule(excerpt.code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
  const chart = Testing.chart();
  const app = chart.node.scope as App;
  const localRequire = (spec: string): unknown => (spec === 'cdk8s-patterns' ? require(path.join(ROOT, 'src')) : require(spec));
  const module = { exports: {} };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function('exports', 'require', 'module', 'chart', 'app', javascript)(module.exports, localRequire, module, chart, app);
  const charts = app.node.findAll().filter((c): c is Chart => Chart.isChart(c));
  return charts.flatMap((c) => Testing.synth(c) as Record<string, unknown>[]);
}

const excerpts = readmeExcerpts(README);

describe('README YAML excerpts', () => {
  test('there are excerpts', () => {
    expect(excerpts.length).toBeGreaterThanOrEqual(9);
  });

  test.each(excerpts.map((e) => [`README.md:${e.line} (code at line ${e.codeLine})`, e] as const))('%s is part of what the code renders', (_name, excerpt) => {
    const rendered = renderBlock(excerpt);
    const documents = parseAllDocuments(excerpt.yaml).map((d) => d.toJS() as unknown);
    documents.forEach((document, index) => {
      if (!rendered.some((object) => isSubset(document, object))) {
        const kind = (document as { kind?: unknown } | null)?.kind;
        const candidates = rendered.filter((o) => kind === undefined || o.kind === kind);
        throw new Error(`README.md:${excerpt.line}: YAML document ${index + 1} is not part of any object the block at line ${excerpt.codeLine} renders.\n`
          + `Excerpt:\n${stringify(document)}\nRendered${kind === undefined ? '' : ` ${String(kind)}`} objects:\n${candidates.map((o) => stringify(o)).join('---\n')}`);
      }
    });
  });
});

describe('README YAML excerpt conventions', () => {
  test('an excerpt is the block after its mark, paired with the ts block before it', () => {
    const text = ['```ts', 'new X();', '```', 'text', '<!-- readme-yaml: excerpt -->', '```yaml', 'kind: A', '```', '```yaml', 'kind: B', '```'].join('\n');
    expect(readmeExcerpts(text)).toEqual([{ line: 6, yaml: 'kind: A', codeLine: 1, code: 'new X();', directive: undefined }]);
    expect(() => readmeExcerpts('<!-- readme-yaml: excerpt -->\n\n```yaml\na: 1\n```'))
      .toThrow('README.md:1: a readme-yaml comment must be on the line right before a ```yaml block');
    expect(() => readmeExcerpts('<!-- readme-yaml: excerpt -->\n```yaml\na: 1\n```')).toThrow('README.md:2: a YAML excerpt needs a ```ts block before it');
  });

  test.each<[string, unknown, unknown, boolean]>([
    ['a mapping with fewer keys', { a: 1 }, { a: 1, b: 2 }, true],
    ['a missing key', { c: 1 }, { a: 1 }, false],
    ['a different scalar', { a: '1' }, { a: 1 }, false],
    ['list items in order, some left out', [{ n: 'a' }, { n: 'c' }], [{ n: 'a', v: 1 }, { n: 'b' }, { n: 'c' }], true],
    ['list items out of order', [{ n: 'c' }, { n: 'a' }], [{ n: 'a' }, { n: 'c' }], false],
    ['one rendered item for two excerpt items', [{ n: 'a' }, { n: 'a' }], [{ n: 'a' }], false],
    ['a list for a mapping', { a: [1] }, { a: { 0: 1 } }, false],
  ])('subset: %s', (_name, excerpt, actual, expected) => {
    expect(isSubset(excerpt, actual)).toBe(expected);
  });
});
