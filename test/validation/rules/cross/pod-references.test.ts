import { probePortRule, probePortUndeclaredRule, serviceAccountRule } from '../../../../src/validation/rules/cross/pod-references';
import { selectorOverlapRule } from '../../../../src/validation/rules/cross/selector-overlap';
import { Case, container, context, cronJob, deployment, job, pod, run, serviceAccount } from './fixtures';

describe('cross/service-account', () => {
  const cases: Case[] = [
    { name: 'a ServiceAccount of the bundle is fine', objects: [serviceAccount('web'), deployment({ podSpec: { serviceAccountName: 'web' } })], expected: [] },
    { name: 'the default ServiceAccount always exists', objects: [deployment({ podSpec: { serviceAccountName: 'default' } })], expected: [] },
    {
      name: 'a missing ServiceAccount is reported, in CronJobs too',
      objects: [cronJob({ podSpec: { serviceAccountName: 'reporter' } })],
      expected: [
        {
          index: 0,
          path: 'spec.jobTemplate.spec.template.spec.serviceAccountName',
          message: 'Not found: "reporter": no ServiceAccount "reporter" in the default namespace; add it or declare it as an external object',
        },
      ],
    },
    {
      name: 'the deprecated serviceAccount field is read too',
      objects: [deployment({ podSpec: { serviceAccount: 'web' } })],
      expected: [
        {
          index: 0,
          path: 'spec.template.spec.serviceAccount',
          message: 'Not found: "web": no ServiceAccount "web" in the default namespace; add it or declare it as an external object',
        },
      ],
    },
    { name: 'an external ServiceAccount is accepted', objects: [deployment({ podSpec: { serviceAccountName: 'ci' } })], context: context({ external: [{ kind: 'ServiceAccount', name: 'ci' }] }), expected: [] },
  ];
  test.each(cases)('$name', ({ objects, context: ctx, expected }) => {
    expect(run(serviceAccountRule, objects, ctx)).toEqual(expected);
  });
});

const probed = (probes: Record<string, unknown>) =>
  deployment({ containers: [container({ ports: [{ name: 'http', containerPort: 8080 }], extra: probes })] });

describe('cross/probe-port', () => {
  const cases: Case[] = [
    { name: 'a probe on a declared named port is fine', objects: [probed({ readinessProbe: { httpGet: { path: '/', port: 'http' } } })], expected: [] },
    {
      name: 'a probe on an undeclared named port is reported',
      objects: [probed({ livenessProbe: { tcpSocket: { port: 'admin' } } })],
      expected: [{ index: 0, path: 'spec.template.spec.containers[0].livenessProbe.tcpSocket.port', message: 'Not found: "admin": container "app" declares no port named "admin"' }],
    },
    { name: 'numeric ports are left to the undeclared rule', objects: [probed({ livenessProbe: { tcpSocket: { port: 9090 } } })], expected: [] },
  ];
  test.each(cases)('$name', ({ objects, context: ctx, expected }) => {
    expect(run(probePortRule, objects, ctx)).toEqual(expected);
  });
});

describe('cross/probe-port-undeclared', () => {
  const cases: Case[] = [
    { name: 'a probe on a declared numeric port is fine', objects: [probed({ startupProbe: { httpGet: { path: '/', port: 8080 } } })], expected: [] },
    {
      name: 'a probe on an undeclared numeric port is reported',
      objects: [probed({ startupProbe: { grpc: { port: 9090 } } })],
      expected: [{ index: 0, path: 'spec.template.spec.containers[0].startupProbe.grpc.port', message: 'Not found: 9090: container "app" declares no container port 9090' }],
    },
  ];
  test.each(cases)('$name', ({ objects, context: ctx, expected }) => {
    expect(run(probePortUndeclaredRule, objects, ctx)).toEqual(expected);
  });
});

describe('cross/selector-overlap', () => {
  const cases: Case[] = [
    { name: 'distinct selectors are fine', objects: [deployment({ name: 'a' }), deployment({ name: 'b' })], expected: [] },
    {
      name: 'a broader selector that matches another template is reported on the later object',
      objects: [deployment({ name: 'web', labels: { app: 'web', track: 'stable' } }), deployment({ name: 'all', labels: { app: 'web' } })],
      expected: [
        {
          index: 1,
          path: 'spec.selector',
          message: 'Invalid value: "app=web": also matches the pods of Deployment "web"; controllers with overlapping selectors fight over the same pods',
        },
      ],
    },
    {
      name: 'a bare Pod with matching labels is reported on the controller',
      objects: [pod({ labels: { app: 'web' } }), deployment()],
      expected: [
        {
          index: 1,
          path: 'spec.selector',
          message: 'Invalid value: "app=web": also matches the pods of Pod "debug"; controllers with overlapping selectors fight over the same pods',
        },
      ],
    },
    { name: 'other namespaces do not overlap', objects: [deployment({ namespace: 'a' }), deployment({ namespace: 'b' })], expected: [] },
    { name: 'Jobs with generated selectors do not overlap', objects: [deployment({ labels: { app: 'web' } }), job({ labels: { app: 'web' } })], expected: [] },
    {
      name: 'matchExpressions are honoured',
      objects: [
        deployment({ name: 'a', labels: { app: 'web', tier: 'x' } }),
        {
          ...deployment({ name: 'b', labels: { app: 'web', tier: 'y' } }),
          spec: {
            selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['x', 'y'] }] },
            template: { metadata: { labels: { app: 'web', tier: 'y' } }, spec: { containers: [container()] } },
          },
        },
      ],
      expected: [
        {
          index: 1,
          path: 'spec.selector',
          message: 'Invalid value: "app=web,tier in (x,y)": also matches the pods of Deployment "a"; controllers with overlapping selectors fight over the same pods',
        },
      ],
    },
  ];
  test.each(cases)('$name', ({ objects, context: ctx, expected }) => {
    expect(run(selectorOverlapRule, objects, ctx)).toEqual(expected);
  });
});
