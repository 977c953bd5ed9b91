import { serviceSelectorRule, serviceTargetPortRule, serviceTargetPortUndeclaredRule } from '../../../../src/validation/rules/cross/service';
import { Case, container, deployment, run, service } from './fixtures';

const web = deployment({ containers: [container({ ports: [{ name: 'http', containerPort: 8080 }, { name: 'dns', containerPort: 53, protocol: 'UDP' }] })] });

describe('cross/service-selector', () => {
  const cases: Case[] = [
    { name: 'a Service selecting a Deployment template is fine', objects: [web, service('web', { app: 'web' })], expected: [] },
    {
      name: 'a selector matching no template is reported',
      objects: [web, service('web', { app: 'wbe' })],
      expected: [{ index: 1, path: 'spec.selector', message: 'Not found: "app=wbe": no pod template in the default namespace has these labels' }],
    },
    {
      name: 'templates of another namespace do not count',
      objects: [web, service('web', { app: 'web' }, undefined, { namespace: 'shop' })],
      expected: [{ index: 1, path: 'spec.selector', message: 'Not found: "app=web": no pod template in namespace "shop" has these labels' }],
    },
    {
      name: 'metadata.namespace "default" and no namespace are the same namespace',
      objects: [web, service('web', { app: 'web' }, undefined, { namespace: 'default' })],
      expected: [],
    },
    {
      name: 'every selector label must match',
      objects: [web, service('web', { app: 'web', tier: 'front' })],
      expected: [{ index: 1, path: 'spec.selector', message: 'Not found: "app=web,tier=front": no pod template in the default namespace has these labels' }],
    },
    { name: 'Services without a selector are not checked', objects: [service('ext', undefined)], expected: [] },
    { name: 'ExternalName Services are not checked', objects: [service('ext', { app: 'x' }, [], { spec: { type: 'ExternalName', externalName: 'a.b' } })], expected: [] },
  ];
  test.each(cases)('$name', ({ objects, context, expected }) => {
    expect(run(serviceSelectorRule, objects, context)).toEqual(expected);
  });
});

describe('cross/service-target-port', () => {
  const cases: Case[] = [
    { name: 'a named targetPort declared by the container is fine', objects: [web, service('web', { app: 'web' }, [{ port: 80, targetPort: 'http' }])], expected: [] },
    {
      name: 'a named targetPort the containers do not declare is reported',
      objects: [web, service('web', { app: 'web' }, [{ name: 'a', port: 80, targetPort: 'http' }, { name: 'b', port: 81, targetPort: 'metrics' }])],
      expected: [{ index: 1, path: 'spec.ports[1].targetPort', message: 'Not found: "metrics": Deployment "web" declares no container port named "metrics"' }],
    },
    {
      name: 'a protocol mismatch on a named port is reported',
      objects: [web, service('web', { app: 'web' }, [{ port: 53, targetPort: 'dns', protocol: 'TCP' }])],
      expected: [{ index: 1, path: 'spec.ports[0].targetPort', message: 'Not found: "dns": Deployment "web" declares container port named "dns" with protocol UDP, not TCP' }],
    },
    {
      name: 'every selected workload must declare the port',
      objects: [web, deployment({ name: 'web-canary', labels: { app: 'web', track: 'canary' } }), service('web', { app: 'web' }, [{ port: 80, targetPort: 'http' }])],
      expected: [{ index: 2, path: 'spec.ports[0].targetPort', message: 'Not found: "http": Deployment "web-canary" declares no container port named "http"' }],
    },
    { name: 'numeric ports are left to the undeclared rule', objects: [web, service('web', { app: 'web' }, [{ port: 80, targetPort: 9999 }])], expected: [] },
  ];
  test.each(cases)('$name', ({ objects, context, expected }) => {
    expect(run(serviceTargetPortRule, objects, context)).toEqual(expected);
  });
});

describe('cross/service-target-port-undeclared', () => {
  const cases: Case[] = [
    { name: 'a declared numeric targetPort is fine', objects: [web, service('web', { app: 'web' }, [{ port: 80, targetPort: 8080 }])], expected: [] },
    {
      name: 'an undeclared numeric targetPort is reported',
      objects: [web, service('web', { app: 'web' }, [{ port: 80, targetPort: 9090 }])],
      expected: [{ index: 1, path: 'spec.ports[0].targetPort', message: 'Not found: 9090: Deployment "web" declares no container port 9090/TCP' }],
    },
    {
      name: 'targetPort defaults to port',
      objects: [web, service('web', { app: 'web' }, [{ port: 80 }])],
      expected: [{ index: 1, path: 'spec.ports[0].targetPort', message: 'Not found: 80: Deployment "web" declares no container port 80/TCP' }],
    },
    {
      name: 'a protocol mismatch on a numeric port is reported',
      objects: [web, service('web', { app: 'web' }, [{ port: 53, targetPort: 53 }])],
      expected: [{ index: 1, path: 'spec.ports[0].targetPort', message: 'Not found: 53: Deployment "web" declares container port 53 with protocol UDP, not TCP' }],
    },
  ];
  test.each(cases)('$name', ({ objects, context, expected }) => {
    expect(run(serviceTargetPortUndeclaredRule, objects, context)).toEqual(expected);
  });
});
