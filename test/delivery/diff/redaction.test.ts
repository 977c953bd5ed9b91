/**
 * No secret value in any diff format: Secret data and annotations that embed objects (kubectl's
 * last-applied-configuration holds a whole Secret) are shown as (redacted) (issue 13, item 4).
 */
import { DiffFormat, diffManifests, formatDiff, formatDiffText } from '../../../src/delivery/diff';
import { KubeObject } from '../../../src/validation/types';
import { config, sourced } from './fixtures';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** A Secret as `kubectl apply` leaves it: the annotation repeats the object, values included. */
function appliedSecret(password: string, annotations: Record<string, string> = {}): KubeObject {
  const secret = config('Secret', 'creds', { password: Buffer.from(password).toString('base64') });
  const applied = JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds' }, stringData: { password } });
  (secret.metadata as Record<string, unknown>).annotations = { [LAST_APPLIED]: applied, ...annotations };
  return secret;
}

describe('diff redaction', () => {
  test.each(Object.values(DiffFormat))('a changed last-applied-configuration shows no password in the %s format', (format) => {
    const report = diffManifests(sourced(appliedSecret('old-S3cret')), sourced(appliedSecret('new-S3cret')));
    const out = formatDiff(report, format);
    expect(out).not.toMatch(/S3cret|b2xkLVMzY3JldA|bmV3LVMzY3JldA/);
    expect(out).toContain('(redacted)');
  });

  test('the text lines: data and the annotation are redacted, other annotations are shown', () => {
    const before = appliedSecret('old-S3cret', { 'example.com/owner': 'team-a' });
    const after = appliedSecret('new-S3cret', { 'example.com/owner': 'team-b' });
    expect(formatDiffText(diffManifests(sourced(before), sourced(after))).split('\n')).toStrictEqual([
      '~ Secret prod/creds',
      `    ~ metadata.annotations[${LAST_APPLIED}]: (redacted) → (redacted)`,
      '    ~ metadata.annotations[example.com/owner]: "team-a" → "team-b"',
      '    ~ data.password: (redacted) → (redacted)',
      '',
      '0 added, 0 removed, 1 changed (0 risky)',
      '',
    ]);
  });

  test('an annotation map added whole, on any kind, has its embedded objects redacted', () => {
    const before = config('ConfigMap', 'settings', { a: '1' });
    const after = config('ConfigMap', 'settings', { a: '1' });
    (after.metadata as Record<string, unknown>).annotations = { [LAST_APPLIED]: '{"data":{"token":"S3cret"}}', 'example.com/owner': 'team-a' };
    const report = diffManifests(sourced(before), sourced(after));
    expect(formatDiffText(report)).not.toContain('S3cret');
    expect(report.objects[0].fields).toStrictEqual([
      { op: 'added', path: 'metadata.annotations', after: { [LAST_APPLIED]: '(redacted)', 'example.com/owner': 'team-a' } },
    ]);
  });

  test('a whole metadata or pod template added keeps its embedded annotations redacted', () => {
    const before = config('Secret', 'creds', { a: 'MQ==' });
    const after: KubeObject = { ...config('Secret', 'creds', { a: 'MQ==' }), spec: { template: { metadata: { annotations: { x: '[{"password":"S3cret"}]' } } } } };
    const json = formatDiff(diffManifests(sourced(before), sourced(after)), DiffFormat.JSON);
    expect(json).not.toContain('S3cret');
    expect(json).toContain('(redacted)');
  });
});
