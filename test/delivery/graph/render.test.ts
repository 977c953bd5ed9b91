import { DOMParser } from '@xmldom/xmldom';
import { buildGraph, renderSvg, toMermaid } from '../../../src/delivery/graph';
import { escape } from '../../../src/delivery/graph/mermaid';
import { FIXTURE } from './fixture';

const graph = buildGraph(FIXTURE);

/** Parses SVG text; fails the test on malformed XML. */
function parseSvg(text: string) {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, msg) => { if (level !== 'warning') errors.push(msg); } }).parseFromString(text, 'image/svg+xml');
  expect(errors).toStrictEqual([]);
  const all = (tag: string) => Array.from(doc.getElementsByTagName(tag));
  return { doc, all };
}

test('Mermaid output', () => {
  expect(toMermaid(graph, { title: 'shop' })).toMatchSnapshot();
});

test('Mermaid labels escape quotes and markup', () => {
  expect(escape('a "b" <c> #d &')).toBe('a #34;b#34; #60;c#62; #35;d #38;');
});

test('the SVG is well-formed and has a group per node, with kind, name and namespace', () => {
  const { all } = parseSvg(renderSvg(graph, { title: 'shop' }));
  const nodes = all('g').filter(g => (g.getAttribute('class') ?? '').startsWith('node '));
  expect(nodes.map(g => g.getAttribute('id'))).toStrictEqual(graph.nodes.map(n => `node-${n.id}`));
  const web = nodes.find(g => g.getAttribute('id') === 'node-deploy_shop__web')!;
  expect([web.getAttribute('data-kind'), web.getAttribute('data-name'), web.getAttribute('data-namespace')]).toStrictEqual(['Deployment', 'web', 'shop']);
  expect(Array.from(web.getElementsByTagName('text')).map(t => t.textContent)).toStrictEqual(['Deployment', 'web', 'replicas 2–5 (HPA)']);
  const secret = nodes.find(g => g.getAttribute('id') === 'node-secret_shop__db_credentials')!;
  expect(secret.getAttribute('class')).toBe('node node-secret external');
  expect(secret.getElementsByTagName('rect')[0].getAttribute('stroke-dasharray')).toBe('5 3');
});

test('the SVG has an edge per graph edge, with arrowheads and port labels', () => {
  const { all } = parseSvg(renderSvg(graph));
  const edges = all('g').filter(g => (g.getAttribute('class') ?? '').startsWith('edge '));
  expect(edges.map(g => [g.getAttribute('data-from'), g.getAttribute('data-to')])).toStrictEqual(graph.edges.map(e => [e.from, e.to]));
  const connection = edges.find(g => g.getAttribute('data-from') === 'deploy_shop__web' && g.getAttribute('data-to') === 'svc_shop__db')!;
  expect(connection.getAttribute('class')).toBe('edge edge-connects');
  expect(connection.getElementsByTagName('path')[0].getAttribute('marker-end')).toBe('url(#arrow-connects)');
  expect(connection.getElementsByTagName('text')[0].textContent).toBe('DB_HOST :5432');
  const blocked = edges.find(g => g.getAttribute('data-from') === 'cj_shop__report' && g.getAttribute('data-to') === 'sts_shop__db')!;
  expect(blocked.getAttribute('class')).toBe('edge edge-connects blocked');
  expect(blocked.getElementsByTagName('text')[0].textContent).toBe(':5432 blocked');
});

test('nodes do not overlap and edges start on their source and end on their target', () => {
  const text = renderSvg(graph);
  const boxes = [...text.matchAll(/id="node-([^"]+)"[^>]*transform="translate\((\d+),(\d+)\)">\n<rect width="(\d+)" height="(\d+)"/g)]
    .map(m => ({ id: m[1], x: +m[2], y: +m[3], w: +m[4], h: +m[5] }));
  expect(boxes).toHaveLength(graph.nodes.length);
  for (const a of boxes) {
    for (const b of boxes) {
      if (a.id < b.id) {
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect(overlap ? `${a.id} overlaps ${b.id}` : '').toBe('');
      }
    }
  }
});

test('the SVG is byte-identical on two runs', () => {
  expect(renderSvg(buildGraph(FIXTURE))).toBe(renderSvg(buildGraph([...FIXTURE])));
});
