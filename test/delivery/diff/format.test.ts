/**
 * Report formats (whole outputs as snapshots, plus exact checks) and field paths of lists.
 */
import { diffFields, diffManifests, DiffFormat, formatDiff, FieldOp } from '../../../src/delivery/diff';
import { claim, deployment, service, sourced } from './fixtures';

const report = diffManifests(
  sourced(deployment(), claim()),
  sourced(deployment((o) => { o.spec.replicas = 3; o.spec.selector.matchLabels.app = 'web2'; }), service()),
);

test('markdown report for a pull request comment', () => {
  expect(formatDiff(report, DiffFormat.MARKDOWN)).toMatchSnapshot();
});

test('JSON report has version, summary and untruncated objects', () => {
  const json = JSON.parse(formatDiff(report, DiffFormat.JSON));
  expect(json.version).toBe(1);
  expect(json.summary).toStrictEqual({ added: 1, removed: 1, changed: 1, renamed: 0, risky: 2, unchanged: 0 });
  expect(json.objects.map((o: { change: string; id: { kind: string } }) => `${o.change} ${o.id.kind}`))
    .toStrictEqual(['changed Deployment', 'removed PersistentVolumeClaim', 'added Service']);
  expect(json).toMatchSnapshot();
});

test('text report is coloured only when asked', () => {
  expect(formatDiff(report, DiffFormat.TEXT)).not.toContain('\u001b[');
  const coloured = formatDiff(report, DiffFormat.TEXT, { color: true });
  expect(coloured).toContain('\u001b[32m+ Service prod/web\u001b[39m');
  expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(formatDiff(report, DiffFormat.TEXT));
});

test('no differences in markdown', () => {
  expect(formatDiff(diffManifests(sourced(service()), sourced(service())), DiffFormat.MARKDOWN))
    .toBe('### Manifest diff\n\nNo differences (1 object compared).\n');
});

test.each([
  ['items without names are compared by index', [{ port: 80 }], [{ port: 81 }], ['ports[0].port']],
  ['duplicate names fall back to index', [{ name: 'a', port: 1 }, { name: 'a', port: 2 }], [{ name: 'a', port: 1 }, { name: 'a', port: 3 }], ['ports[1].port']],
  ['named items are matched by name whatever their order', [{ name: 'a', port: 1 }, { name: 'b', port: 2 }], [{ name: 'b', port: 2 }, { name: 'a', port: 5 }], ['ports[name=a].port']],
])('%s', (_name, before, after, paths) => {
  expect(diffFields({ ports: before }, { ports: after }).map((f) => f.path)).toStrictEqual(paths);
});

test('a value that changes type is one change', () => {
  expect(diffFields({ a: { b: 1 } }, { a: [1] })).toStrictEqual([{ op: FieldOp.CHANGED, path: 'a', before: { b: 1 }, after: [1] }]);
});
