import { ingressBackendRule, ingressDuplicatePathRule, ingressTlsSecretRule } from '../../../../src/validation/rules/cross/ingress';
import { Case, context, ingress, route, run, secret, service } from './fixtures';

const svc = service('web', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 8080 }]);

describe('cross/ingress-backend', () => {
  const cases: Case[] = [
    { name: 'a backend by port name is fine', objects: [svc, ingress('web', { rules: [route('a.example.com', '/', 'web', { name: 'http' })] })], expected: [] },
    { name: 'a backend by port number is fine', objects: [svc, ingress('web', { rules: [route('a.example.com', '/', 'web', { number: 80 })] })], expected: [] },
    {
      name: 'a missing Service is reported',
      objects: [svc, ingress('web', { rules: [route('a.example.com', '/', 'api', { number: 80 })] })],
      expected: [
        {
          index: 1,
          path: 'spec.rules[0].http.paths[0].backend.service.name',
          message: 'Not found: "api": no Service "api" in the default namespace; add it or declare it as an external object',
        },
      ],
    },
    {
      name: 'a declared external Service is accepted, without port checks',
      objects: [ingress('web', { rules: [route('a.example.com', '/', 'api', { number: 81 })] })],
      context: context({ external: [{ kind: 'Service', name: 'api' }] }),
      expected: [],
    },
    {
      name: 'a missing port number is reported',
      objects: [svc, ingress('web', { rules: [route('a.example.com', '/', 'web', { number: 8080 })] })],
      expected: [{ index: 1, path: 'spec.rules[0].http.paths[0].backend.service.port.number', message: 'Not found: 8080: Service "web" has no port 8080' }],
    },
    {
      name: 'a missing port name on the default backend is reported',
      objects: [svc, ingress('web', { defaultBackend: { service: { name: 'web', port: { name: 'https' } } } })],
      expected: [{ index: 1, path: 'spec.defaultBackend.service.port.name', message: 'Not found: "https": Service "web" has no port named "https"' }],
    },
    {
      name: 'a Service of another namespace does not count',
      objects: [svc, ingress('web', { rules: [route(undefined, '/', 'web', { number: 80 })] }, { namespace: 'shop' })],
      expected: [
        {
          index: 1,
          path: 'spec.rules[0].http.paths[0].backend.service.name',
          message: 'Not found: "web": no Service "web" in namespace "shop"; add it or declare it as an external object',
        },
      ],
    },
  ];
  test.each(cases)('$name', ({ objects, context: ctx, expected }) => {
    expect(run(ingressBackendRule, objects, ctx)).toEqual(expected);
  });
});

describe('cross/ingress-tls-secret', () => {
  const tls = (name: string) => ingress('web', { tls: [{ hosts: ['a.example.com'], secretName: name }], rules: [route('a.example.com', '/', 'web', { number: 80 })] });
  const cases: Case[] = [
    { name: 'a kubernetes.io/tls Secret is fine', objects: [secret('web-tls', ['tls.crt', 'tls.key'], 'kubernetes.io/tls'), tls('web-tls')], expected: [] },
    {
      name: 'an Opaque Secret is reported',
      objects: [secret('web-tls', ['tls.crt', 'tls.key']), tls('web-tls')],
      expected: [{ index: 1, path: 'spec.tls[0].secretName', message: 'Invalid value: "web-tls": Secret "web-tls" has type "Opaque", not "kubernetes.io/tls"' }],
    },
    {
      name: 'a missing Secret is reported',
      objects: [tls('web-tls')],
      expected: [
        {
          index: 0,
          path: 'spec.tls[0].secretName',
          message: 'Not found: "web-tls": no Secret "web-tls" in the default namespace; add it or declare it as an external object',
        },
      ],
    },
    {
      name: 'an external Secret (e.g. from cert-manager) is accepted',
      objects: [tls('web-tls')],
      context: context({ external: [{ kind: 'Secret', name: 'web-tls', namespace: 'default' }] }),
      expected: [],
    },
  ];
  test.each(cases)('$name', ({ objects, context: ctx, expected }) => {
    expect(run(ingressTlsSecretRule, objects, ctx)).toEqual(expected);
  });
});

describe('cross/ingress-duplicate-path', () => {
  const cases: Case[] = [
    {
      name: 'different hosts with the same path are fine',
      objects: [ingress('a', { rules: [route('a.example.com', '/', 'web', { number: 80 })] }), ingress('b', { rules: [route('b.example.com', '/', 'web', { number: 80 })] })],
      expected: [],
    },
    {
      name: 'the same host and path in two Ingresses is reported on the second',
      objects: [
        ingress('a', { rules: [route('a.example.com', '/api', 'web', { number: 80 })] }),
        ingress('b', { rules: [route('a.example.com', '/api', 'api', { number: 80 })] }, { namespace: 'other' }),
      ],
      expected: [
        {
          index: 1,
          path: 'spec.rules[0].http.paths[0].path',
          message: 'Duplicate value: "a.example.com/api": already routed by Ingress "a" at spec.rules[0].http.paths[0]',
        },
      ],
    },
    {
      name: 'the same route twice in one Ingress is reported',
      objects: [ingress('a', { rules: [route('a.example.com', '/', 'web', { number: 80 }), route('a.example.com', '/', 'web', { number: 80 })] })],
      expected: [
        {
          index: 0,
          path: 'spec.rules[1].http.paths[0].path',
          message: 'Duplicate value: "a.example.com/": already routed by this Ingress at spec.rules[0].http.paths[0]',
        },
      ],
    },
    {
      name: 'different ingress classes do not conflict',
      objects: [
        ingress('a', { ingressClassName: 'public', rules: [route('a.example.com', '/', 'web', { number: 80 })] }),
        ingress('b', { rules: [route('a.example.com', '/', 'web', { number: 80 })] }, { annotations: { 'kubernetes.io/ingress.class': 'internal' } }),
      ],
      expected: [],
    },
  ];
  test.each(cases)('$name', ({ objects, context: ctx, expected }) => {
    expect(run(ingressDuplicatePathRule, objects, ctx)).toEqual(expected);
  });
});
