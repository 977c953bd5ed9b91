import { secretInManifestRule } from '../../../../src/validation/rules/policy/secrets';
import { PodSecurityLevel, RuleContext } from '../../../../src/validation/rule';

const context: RuleContext = { podSecurity: PodSecurityLevel.RESTRICTED, external: [] };

function secret(fields: Record<string, unknown>, annotations?: Record<string, string>) {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', ...(annotations ? { annotations } : {}) }, ...fields };
}

describe('policy/secret-in-manifest', () => {
  test.each([
    ['a Secret without values', secret({ type: 'kubernetes.io/tls' }), []],
    ['empty data', secret({ data: {} }), []],
    ['values in data', secret({ data: { a: 'YQ==', b: 'Yg==' } }), [{
      path: 'data',
      message: 'Forbidden: Secret holds 2 values in the manifest; reference an existing Secret, an ExternalSecret or a SealedSecret instead of writing values',
    }]],
    ['development opt-in', secret({ stringData: { password: 'x' } }, { 'patterns.cdk8s.io/development-secret': 'true' }), [{
      path: 'stringData',
      message: 'Forbidden: Secret holds 1 value in the manifest (development opt-in: patterns.cdk8s.io/development-secret); do not apply this output outside development',
    }]],
  ])('%s', (_name, object, expected) => {
    expect(secretInManifestRule.check(object, context)).toEqual(expected);
  });
});
