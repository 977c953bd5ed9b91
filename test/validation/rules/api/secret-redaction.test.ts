/**
 * No secret value in any finding: `api/secret` never quotes decoded Secret content (the JSON
 * parser's message would), and no report format carries a Secret value (issue 13, item 4).
 */
import { validate } from '../../../../src/validation/engine';
import { formatReport, ReportFormat } from '../../../../src/validation/report';
import { KubeObject } from '../../../../src/validation/types';
import { object, runApiRules } from './fixtures';

const SECRET = 'Hunter2-S3cret';
const BASE64 = Buffer.from(SECRET).toString('base64');

const REDACTED_JSON_ERROR = 'Invalid value: "<secret contents redacted>": must be valid JSON (the parse error is not shown: it would quote the secret)';

describe('api/secret never quotes decoded content', () => {
  test.each<[string, KubeObject, string]>([
    ['a dockerconfigjson that is not JSON (stringData)',
      object('Secret', 'v1', { type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': SECRET } }), 'data[.dockerconfigjson]'],
    ['a dockerconfigjson that is not JSON (data)',
      object('Secret', 'v1', { type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': BASE64 } }), 'data[.dockerconfigjson]'],
    ['a dockercfg cut short',
      object('Secret', 'v1', { type: 'kubernetes.io/dockercfg', stringData: { '.dockercfg': `{"auths":{"r":{"password":"${SECRET}"` } }), 'data[.dockercfg]'],
  ])('%s: the exact message, without the value', (_name, secret, path) => {
    expect(runApiRules(secret)).toEqual([{ rule: 'api/secret', path, message: REDACTED_JSON_ERROR }]);
  });

  test.each(Object.values(ReportFormat))('no Secret value in the %s report of a bundle with broken Secrets', (format) => {
    const objects: KubeObject[] = [
      object('Secret', 'v1', { type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': SECRET } }, 'a'),
      object('Secret', 'v1', { type: 'kubernetes.io/dockercfg', data: { '.dockercfg': BASE64 } }, 'b'),
      object('Secret', 'v1', { data: { password: `${SECRET}!!`, number: 5, 'bad key': BASE64 }, stringData: { other: 7 } }, 'c'),
      object('Secret', 'v1', { type: 'kubernetes.io/tls', data: { 'tls.crt': BASE64 } }, 'd'),
    ];
    const report = validate(objects);
    expect(report.counts.error).toBeGreaterThan(3);
    const out = formatReport(report, format);
    // (XML escapes the angle brackets)
    expect(out).toMatch(/(<|&lt;)secret contents redacted(>|&gt;)/);
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain(BASE64);
  });
});
