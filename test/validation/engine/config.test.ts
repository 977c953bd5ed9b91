import {
  parseExternalRef, parseSeverity, parseSeverityFlag, parseValidationConfig, ValidationLevel,
} from '../../../src/validation/config';
import { PodSecurityLevel } from '../../../src/validation/rule';
import { Severity } from '../../../src/validation/types';

describe('config parsing', () => {
  test('a full config file', () => {
    expect(parseValidationConfig({
      level: 'cross',
      podSecurity: 'baseline',
      strict: true,
      schemaDir: 'schemas',
      rules: { 'policy/latest-tag': 'warn', 'pdb-missing': 'off' },
      external: ['Secret/prod/tls:tls.crt,tls.key', { kind: 'Namespace', name: 'prod' }],
    }, 'v.yaml')).toEqual({
      level: ValidationLevel.CROSS,
      podSecurity: PodSecurityLevel.BASELINE,
      strict: true,
      schemaDir: 'schemas',
      rules: { 'policy/latest-tag': Severity.WARNING, 'pdb-missing': Severity.OFF },
      external: [{ kind: 'Secret', namespace: 'prod', name: 'tls', keys: ['tls.crt', 'tls.key'] }, { kind: 'Namespace', name: 'prod' }],
    });
    expect(parseValidationConfig(null, 'v.yaml')).toEqual({});
  });

  test.each([
    [[], 'v.yaml: the config must be a mapping with keys level, rules, podSecurity, external, strict, schemaDir'],
    [{ level: 'all' }, 'v.yaml: level: unsupported value "all"; use one of "api", "cross", "policy"'],
    [{ podSecurity: 'privileged' }, 'v.yaml: podSecurity: unsupported value "privileged"; use one of "baseline", "restricted"'],
    [{ strict: 'yes' }, 'v.yaml: strict must be true or false (got "yes")'],
    [{ rules: { 'policy/latest-tag': 'fatal' } }, 'v.yaml: rules.policy/latest-tag: unsupported severity "fatal"; use one of "error", "warning", "info", "off"'],
    [{ rules: ['x'] }, 'v.yaml: rules must map rule ids to severities, e.g. { policy/latest-tag: warning }'],
    [{ external: [{ kind: 'Secret' }] }, 'v.yaml: external[0]: expected { kind: string, name: string, namespace?: string, keys?: string[] } (got {"kind":"Secret"})'],
    [{ external: ['Secret'] }, 'v.yaml: external[0]: "Secret": expected Kind/namespace/name or Kind/name (optionally :key1,key2), e.g. Secret/prod/db-credentials'],
    [{ schemaDir: '' }, 'v.yaml: schemaDir must be a folder path (got "")'],
  ])('rejects %j', (raw, message) => {
    expect(() => parseValidationConfig(raw, 'v.yaml')).toThrow(message);
  });

  test('flags', () => {
    expect(parseSeverityFlag('latest-tag=Warning')).toEqual(['latest-tag', Severity.WARNING]);
    expect(parseSeverity('off', 'x')).toBe(Severity.OFF);
    expect(parseExternalRef('Service/db')).toEqual({ kind: 'Service', name: 'db' });
    expect(() => parseExternalRef('a/b/c/d')).toThrow('--external "a/b/c/d": expected Kind/namespace/name or Kind/name');
  });
});
