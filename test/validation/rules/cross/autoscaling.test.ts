import { hpaReplicasRule, hpaRequestsRule, hpaTargetRule } from '../../../../src/validation/rules/cross/autoscaling';
import { pdbBlocksEvictionRule, pdbSelectorRule } from '../../../../src/validation/rules/cross/disruption-budget';
import { Case, container, context, deployment, hpa, pdb, pod, run } from './fixtures';

const withRequests = (requests: Record<string, string>) => container({ extra: { resources: { requests } } });

describe('cross/hpa-target', () => {
  const cases: Case[] = [
    { name: 'an HPA of a Deployment of the bundle is fine', objects: [deployment(), hpa('web')], expected: [] },
    {
      name: 'a missing target is reported',
      objects: [deployment(), hpa('api')],
      expected: [
        {
          index: 1,
          path: 'spec.scaleTargetRef.name',
          message: 'Not found: "api": no Deployment "api" in the default namespace; add it or declare it as an external object',
        },
      ],
    },
    {
      name: 'the kind must match',
      objects: [deployment(), hpa('web', {}, 'StatefulSet')],
      expected: [
        {
          index: 1,
          path: 'spec.scaleTargetRef.name',
          message: 'Not found: "web": no StatefulSet "web" in the default namespace; add it or declare it as an external object',
        },
      ],
    },
    { name: 'an external target is accepted', objects: [hpa('api')], context: context({ external: [{ kind: 'Deployment', name: 'api' }] }), expected: [] },
  ];
  test.each(cases)('$name', ({ objects, context: ctx, expected }) => {
    expect(run(hpaTargetRule, objects, ctx)).toEqual(expected);
  });
});

describe('cross/hpa-requests', () => {
  const cpuMetric = { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } };
  const memValue = { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '500Mi' } } };
  const cases: Case[] = [
    { name: 'cpu utilization with a cpu request is fine', objects: [deployment({ containers: [withRequests({ cpu: '100m' })] }), hpa('web', { metrics: [cpuMetric] })], expected: [] },
    {
      name: 'cpu utilization without a cpu request is reported on the workload',
      objects: [deployment({ containers: [withRequests({ memory: '64Mi' })] }), hpa('web', { metrics: [cpuMetric, memValue] })],
      expected: [
        {
          index: 0,
          path: 'spec.template.spec.containers[0].resources.requests.cpu',
          message: 'Required value: HorizontalPodAutoscaler "web" scales on cpu utilization, which needs a cpu request in container "app"',
        },
      ],
    },
    {
      name: 'no metrics means cpu utilization',
      objects: [deployment(), hpa('web', {})],
      expected: [
        {
          index: 0,
          path: 'spec.template.spec.containers[0].resources.requests.cpu',
          message: 'Required value: HorizontalPodAutoscaler "web" scales on cpu utilization, which needs a cpu request in container "app"',
        },
      ],
    },
    {
      name: 'a cpu limit defaults the request',
      objects: [deployment({ containers: [container({ extra: { resources: { limits: { cpu: '1' } } } })] }), hpa('web', {})],
      expected: [],
    },
    {
      name: 'ContainerResource metrics only need the named container',
      objects: [
        deployment({ containers: [withRequests({ memory: '1Gi' }), container({ name: 'proxy' })] }),
        hpa('web', { metrics: [{ type: 'ContainerResource', containerResource: { name: 'memory', container: 'app', target: { type: 'Utilization', averageUtilization: 80 } } }] }),
      ],
      expected: [],
    },
  ];
  test.each(cases)('$name', ({ objects, context: ctx, expected }) => {
    expect(run(hpaRequestsRule, objects, ctx)).toEqual(expected);
  });
});

describe('cross/hpa-replicas', () => {
  const cases: Case[] = [
    { name: 'an autoscaled Deployment without replicas is fine', objects: [deployment(), hpa('web')], expected: [] },
    {
      name: 'an autoscaled Deployment that sets replicas is reported',
      objects: [deployment({ replicas: 3 }), hpa('web')],
      expected: [
        {
          index: 0,
          path: 'spec.replicas',
          message: 'Forbidden: HorizontalPodAutoscaler "web" manages the replicas of this Deployment; remove spec.replicas so that every apply does not reset the scale',
        },
      ],
    },
    { name: 'replicas without an HPA are fine', objects: [deployment({ replicas: 3 })], expected: [] },
  ];
  test.each(cases)('$name', ({ objects, context: ctx, expected }) => {
    expect(run(hpaReplicasRule, objects, ctx)).toEqual(expected);
  });
});

describe('cross/pdb-selector', () => {
  const cases: Case[] = [
    { name: 'a PDB selecting a Deployment is fine', objects: [deployment({ replicas: 3 }), pdb('web', { app: 'web' }, { maxUnavailable: 1 })], expected: [] },
    {
      name: 'a PDB selecting nothing is reported',
      objects: [deployment({ replicas: 3 }), pdb('web', { app: 'api' }, { maxUnavailable: 1 })],
      expected: [{ index: 1, path: 'spec.selector', message: 'Not found: "app=api": no pod template in the default namespace has these labels' }],
    },
    {
      name: 'a PDB without a selector is reported',
      objects: [pdb('web', undefined, { maxUnavailable: 1 })],
      expected: [{ index: 0, path: 'spec.selector', message: 'Required value: a PodDisruptionBudget without a selector protects no pods' }],
    },
  ];
  test.each(cases)('$name', ({ objects, context: ctx, expected }) => {
    expect(run(pdbSelectorRule, objects, ctx)).toEqual(expected);
  });
});

describe('cross/pdb-blocks-eviction', () => {
  const drains = 'no voluntary eviction is ever allowed and node drains hang';
  const cases: Case[] = [
    { name: 'minAvailable below replicas is fine', objects: [deployment({ replicas: 3 }), pdb('web', { app: 'web' }, { minAvailable: 2 })], expected: [] },
    {
      name: 'minAvailable equal to replicas is reported',
      objects: [deployment({ replicas: 2 }), pdb('web', { app: 'web' }, { minAvailable: 2 })],
      expected: [
        {
          index: 1,
          path: 'spec.minAvailable',
          message: `Invalid value: 2: minAvailable 2 is not below the 2 selected pods (Deployment "web" has 2 replicas), so ${drains}; lower minAvailable or use maxUnavailable`,
        },
      ],
    },
    {
      name: 'replicas default to 1',
      objects: [deployment(), pdb('web', { app: 'web' }, { minAvailable: 1 })],
      expected: [
        {
          index: 1,
          path: 'spec.minAvailable',
          message: `Invalid value: 1: minAvailable 1 is not below the 1 selected pod (Deployment "web" has 1 replica), so ${drains}; lower minAvailable or use maxUnavailable`,
        },
      ],
    },
    {
      name: 'a percentage is rounded up against the HPA minReplicas',
      objects: [deployment(), hpa('web', { minReplicas: 2 }), pdb('web', { app: 'web' }, { minAvailable: '60%' })],
      expected: [
        {
          index: 2,
          path: 'spec.minAvailable',
          message: `Invalid value: "60%": minAvailable 2 is not below the 2 selected pods (Deployment "web" scales down to 2 with its HPA), so ${drains}; lower minAvailable or use maxUnavailable`,
        },
      ],
    },
    {
      name: 'pods of several workloads add up',
      objects: [deployment({ replicas: 1 }), pod({ labels: { app: 'web' } }), pdb('web', { app: 'web' }, { minAvailable: 1 })],
      expected: [],
    },
    {
      name: 'maxUnavailable 0 is reported',
      objects: [deployment({ replicas: 3 }), pdb('web', { app: 'web' }, { maxUnavailable: 0 })],
      expected: [{ index: 1, path: 'spec.maxUnavailable', message: `Invalid value: 0: with maxUnavailable 0 ${drains}; allow at least 1` }],
    },
    {
      name: 'minAvailable 100% is reported without looking at workloads',
      objects: [pdb('web', { app: 'web' }, { minAvailable: '100%' })],
      expected: [{ index: 0, path: 'spec.minAvailable', message: `Invalid value: "100%": with minAvailable 100% ${drains}; lower it or use maxUnavailable` }],
    },
  ];
  test.each(cases)('$name', ({ objects, context: ctx, expected }) => {
    expect(run(pdbBlocksEvictionRule, objects, ctx)).toEqual(expected);
  });
});
