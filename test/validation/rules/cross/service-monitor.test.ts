import { serviceMonitorTargetRule } from '../../../../src/validation/rules/cross/service-monitor';
import { CROSS_RULES } from '../../../../src/validation/rules/cross';
import { KubeObject } from '../../../../src/validation/types';
import { Case, run } from './fixtures';

/** A Service with labels and named ports. */
function labeledService(name: string, labels: Record<string, string>, ports: string[], namespace?: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, labels, ...(namespace ? { namespace } : {}) },
    spec: { selector: { app: name }, ports: ports.map((p, i) => ({ name: p, port: 8000 + i })) },
  };
}

/** A ServiceMonitor. */
function monitor(spec: Record<string, unknown>, namespace?: string, apiVersion = 'monitoring.coreos.com/v1'): KubeObject {
  return { apiVersion, kind: 'ServiceMonitor', metadata: { name: 'web', ...(namespace ? { namespace } : {}) }, spec };
}

const web = labeledService('web', { app: 'web', tier: 'front' }, ['http', 'metrics']);
const endpoints = [{ port: 'metrics' }];

describe('cross/service-monitor-target', () => {
  const cases: Case[] = [
    { name: 'a ServiceMonitor selecting a Service with the port is fine', objects: [web, monitor({ selector: { matchLabels: { app: 'web' } }, endpoints })], expected: [] },
    {
      name: 'a selector matching no Service is reported',
      objects: [web, monitor({ selector: { matchLabels: { app: 'wbe' } }, endpoints })],
      expected: [{ index: 1, path: 'spec.selector', message: 'Not found: "app=wbe": no Service in the default namespace has these labels' }],
    },
    {
      name: 'match expressions are applied',
      objects: [web, monitor({ selector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['back'] }] }, endpoints })],
      expected: [{ index: 1, path: 'spec.selector', message: 'Not found: "tier in (back)": no Service in the default namespace has these labels' }],
    },
    {
      name: 'by default only the ServiceMonitor\'s namespace is searched',
      objects: [web, monitor({ selector: { matchLabels: { app: 'web' } }, endpoints }, 'monitoring')],
      expected: [{ index: 1, path: 'spec.selector', message: 'Not found: "app=web": no Service in namespace "monitoring" has these labels' }],
    },
    {
      name: 'namespaceSelector.matchNames reaches other namespaces (default and "default" are the same)',
      objects: [web, monitor({ selector: { matchLabels: { app: 'web' } }, namespaceSelector: { matchNames: ['default'] }, endpoints }, 'monitoring')],
      expected: [],
    },
    {
      name: 'matchNames that hold no matching Service are named in the message',
      objects: [web, monitor({ selector: { matchLabels: { app: 'web' } }, namespaceSelector: { matchNames: ['shop', 'blog'] }, endpoints }, 'monitoring')],
      expected: [{ index: 1, path: 'spec.selector', message: 'Not found: "app=web": no Service in namespace "shop" or namespace "blog" has these labels' }],
    },
    {
      name: 'namespaceSelector.any searches every namespace',
      objects: [labeledService('api', { app: 'api' }, ['metrics'], 'shop'), monitor({ selector: { matchLabels: { app: 'api' } }, namespaceSelector: { any: true }, endpoints }, 'monitoring')],
      expected: [],
    },
    {
      name: 'an endpoint port the selected Service does not name is reported',
      objects: [labeledService('web', { app: 'web' }, ['http']), monitor({ selector: { matchLabels: { app: 'web' } }, endpoints: [{ port: 'http' }, { port: 'metrics' }] })],
      expected: [{ index: 1, path: 'spec.endpoints[1].port', message: 'Not found: "metrics": Service "web" has no port named "metrics" (ports: "http")' }],
    },
    {
      name: 'every selected Service must have the port (e.g. a headless Service with the same labels)',
      objects: [web, labeledService('web-headless', { app: 'web' }, ['http']), monitor({ selector: { matchLabels: { app: 'web' } }, endpoints })],
      expected: [{ index: 2, path: 'spec.endpoints[0].port', message: 'Not found: "metrics": Service "web-headless" has no port named "metrics" (ports: "http")' }],
    },
    {
      name: 'several selected Services without the port: one finding per endpoint naming them',
      objects: [
        labeledService('web-a', { app: 'web' }, ['http']),
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web-b', labels: { app: 'web' } }, spec: { ports: [{ port: 80 }] } },
        labeledService('web-c', { app: 'web' }, ['http', 'grpc']),
        labeledService('web-d', { app: 'web' }, ['web']),
        monitor({ selector: { matchLabels: { app: 'web' } }, endpoints: [{ port: 'metrics' }, { port: 'http' }] }),
      ],
      expected: [
        {
          index: 4,
          path: 'spec.endpoints[0].port',
          message:
            'Not found: "metrics": Service "web-a" (ports: "http"), Service "web-b" (ports: none named), Service "web-c" (ports: "http", "grpc") and 1 more have no port named "metrics"',
        },
        {
          index: 4,
          path: 'spec.endpoints[1].port',
          message: 'Not found: "http": Service "web-b" (ports: none named) and Service "web-d" (ports: "web") have no port named "http"',
        },
      ],
    },
    {
      name: 'a Service without named ports',
      objects: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'bare', labels: { app: 'bare' } }, spec: { ports: [{ port: 80 }] } }, monitor({ selector: { matchLabels: { app: 'bare' } }, endpoints })],
      expected: [{ index: 1, path: 'spec.endpoints[0].port', message: 'Not found: "metrics": Service "bare" has no port named "metrics" (ports: none named)' }],
    },
    { name: 'targetPort endpoints are not checked against Service ports', objects: [web, monitor({ selector: { matchLabels: { app: 'web' } }, endpoints: [{ targetPort: 9999 }] })], expected: [] },
    { name: 'an empty selector selects every Service of the namespace', objects: [web, monitor({ selector: {}, endpoints })], expected: [] },
    { name: 'a ServiceMonitor without a selector is left to the schema layer', objects: [web, monitor({ endpoints })], expected: [] },
    { name: 'other groups\' ServiceMonitor kinds are ignored', objects: [monitor({ selector: { matchLabels: { app: 'x' } }, endpoints }, undefined, 'monitoring.rhobs/v1')], expected: [] },
  ];
  test.each(cases)('$name', ({ objects, context, expected }) => {
    expect(run(serviceMonitorTargetRule, objects, context)).toEqual(expected);
  });

  test('is registered with the cross-object rules', () => {
    expect(CROSS_RULES).toContain(serviceMonitorTargetRule);
    expect(serviceMonitorTargetRule.id).toBe('cross/service-monitor-target');
  });
});
