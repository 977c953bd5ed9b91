/**
 * ReferenceGrant written by hand (for a namespace the app owns but whose Services routes of other
 * apps use), and its input errors.
 */
import { Testing } from 'cdk8s';
import { ReferenceGrant } from '../../../src';
import { validationError } from '../validation-error';

test('a grant from HTTPRoutes of a namespace to one Service, and to every Secret', () => {
  const chart = Testing.chart();
  const grant = new ReferenceGrant(chart, 'FromShop', {
    namespace: 'payments',
    from: [{ kind: 'HTTPRoute', namespace: 'shop' }, { kind: 'Gateway', namespace: 'gateway-system' }],
    to: [{ name: 'payments-api' }, { kind: 'Secret' }],
  });
  const [rendered] = Testing.synth(chart);
  expect(rendered).toEqual({
    apiVersion: 'gateway.networking.k8s.io/v1beta1',
    kind: 'ReferenceGrant',
    metadata: { name: grant.resource.name, namespace: 'payments' },
    spec: {
      from: [
        { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' },
        { group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'gateway-system' },
      ],
      to: [{ group: '', kind: 'Service', name: 'payments-api' }, { group: '', kind: 'Secret' }],
    },
  });
});

test.each([
  ['a namespace that is not a label', { namespace: 'Payments', from: [{ kind: 'HTTPRoute', namespace: 'shop' }], to: [{}] },
    '[test/G] \'namespace\' ("Payments") must be a DNS-1123 label: at most 63 lower-case letters, digits or \'-\', starting and ending with a letter or digit'],
  ['no from', { namespace: 'payments', from: [], to: [{}] }, '[test/G] \'from\' must have 1 to 16 entries: who may refer to the targets'],
  ['no to', { namespace: 'payments', from: [{ kind: 'HTTPRoute', namespace: 'shop' }], to: [] }, '[test/G] \'to\' must have 1 to 16 entries: what may be referred to'],
  ['a bad kind', { namespace: 'payments', from: [{ kind: 'HTTP Route', namespace: 'shop' }], to: [{}] },
    '[test/G] \'from[0].kind\' ("HTTP Route") must be a kind such as \'HTTPRoute\''],
])('%s is a ValidationError', (_name, props, message) => {
  expect(validationError(() => new ReferenceGrant(Testing.chart(), 'G', props as any))).toBe(message);
});
