/**
 * Findings people can act on (issue #12): Helm test hooks are not pods behind a Service or a
 * controller, and a Service port (or a controller selector) gets one finding naming every
 * workload concerned, not one finding per workload.
 */
import { validate } from '../../../../src/validation/engine';
import { isHelmTestHook, listNames } from '../../../../src/validation/rules/cross/_support/pod';
import { pdbBlocksEvictionRule, pdbSelectorRule } from '../../../../src/validation/rules/cross/disruption-budget';
import { selectorOverlapRule } from '../../../../src/validation/rules/cross/selector-overlap';
import { serviceSelectorRule, serviceTargetPortRule, serviceTargetPortUndeclaredRule } from '../../../../src/validation/rules/cross/service';
import { KubeObject, Severity } from '../../../../src/validation/types';
import { Case, container, deployment, job, pdb, pod, run, service, statefulSet } from './fixtures';

/** `object` annotated as a Helm hook (`helm.sh/hook: <hook>`). */
function hook(object: KubeObject, value = 'test'): KubeObject {
  const metadata = object.metadata as Record<string, unknown>;
  return { ...object, metadata: { ...metadata, annotations: { 'helm.sh/hook': value, 'helm.sh/hook-delete-policy': 'hook-succeeded' } } };
}

const web = deployment({ containers: [container({ ports: [{ name: 'http', containerPort: 8080 }, { name: 'grpc', containerPort: 9090 }] })] });
/** A `helm test` Pod carrying the chart's labels (as charts that include their label helper do), with no ports. */
const testPod = hook(pod({ name: 'web-test', labels: { app: 'web' }, containers: [container({ name: 'curl' })] }));
const svc = service('web', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'grpc', port: 9090, targetPort: 'grpc' }]);

describe('isHelmTestHook', () => {
  test.each<[string, Record<string, unknown>, boolean]>([
    ['test', { 'helm.sh/hook': 'test' }, true],
    ['test-success (Helm 2 spelling)', { 'helm.sh/hook': 'test-success' }, true],
    ['test-failure (Helm 2 spelling)', { 'helm.sh/hook': 'test-failure' }, true],
    ['a list naming test', { 'helm.sh/hook': 'pre-install, test' }, true],
    ['an install hook', { 'helm.sh/hook': 'pre-install,post-upgrade' }, false],
    ['a value containing "test"', { 'helm.sh/hook': 'tests' }, false],
    ['another annotation', { 'helm.sh/hook-weight': 'test' }, false],
    ['a non-string value', { 'helm.sh/hook': ['test'] }, false],
  ])('%s', (_name, annotations, expected) => {
    expect(isHelmTestHook({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', annotations } })).toBe(expected);
  });

  test('no annotations', () => {
    expect(isHelmTestHook({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } })).toBe(false);
  });
});

describe('listNames', () => {
  test.each<[string[], string]>([
    [[], ''],
    [['A'], 'A'],
    [['A', 'B'], 'A and B'],
    [['A', 'B', 'C'], 'A, B and C'],
    [['A', 'B', 'C', 'D'], 'A, B, C and 1 more'],
    [['A', 'B', 'C', 'D', 'E', 'F'], 'A, B, C and 3 more'],
  ])('%j: %s', (names, expected) => {
    expect(listNames(names)).toBe(expected);
  });
});

describe('Helm test hooks are not pods behind a Service', () => {
  const cases: Case[] = [
    { name: 'target ports: a test Pod without the ports is left out', objects: [web, testPod, svc], expected: [] },
    { name: 'target ports: a test-success Job is left out', objects: [web, hook(job({ name: 'web-test', labels: { app: 'web' } }), 'test-success'), svc], expected: [] },
    {
      name: 'target ports: an install hook is still a pod behind the Service',
      objects: [web, hook(pod({ name: 'web-setup', labels: { app: 'web' } }), 'pre-install'), svc],
      expected: [
        { index: 2, path: 'spec.ports[0].targetPort', message: 'Not found: "http": Pod "web-setup" declares no container port named "http"' },
        { index: 2, path: 'spec.ports[1].targetPort', message: 'Not found: "grpc": Pod "web-setup" declares no container port named "grpc"' },
      ],
    },
  ];
  test.each(cases)('$name', ({ objects, expected }) => {
    expect(run(serviceTargetPortRule, objects)).toEqual(expected);
  });

  test('numeric target ports: the test Pod is left out', () => {
    expect(run(serviceTargetPortUndeclaredRule, [web, testPod, service('web', { app: 'web' }, [{ port: 80, targetPort: 8080 }])])).toEqual([]);
  });

  test.each<[string, KubeObject[], string[]]>([
    ['the workload and a test Pod: fine', [web, testPod, svc], []],
    ['only a test Pod: reported, naming it', [testPod, svc],
      ['Not found: "app=web": no pod template in the default namespace has these labels (only the Helm test hook Pod "web-test", which helm test runs)']],
    ['only test hooks: reported, naming them', [testPod, hook(pod({ name: 'web-test-2', labels: { app: 'web' } })), svc],
      ['Not found: "app=web": no pod template in the default namespace has these labels (only the Helm test hooks Pod "web-test" and Pod "web-test-2", which helm test runs)']],
  ])('service-selector: %s', (_name, objects, messages) => {
    expect(run(serviceSelectorRule, objects).map((v) => v.message)).toEqual(messages);
  });
});

describe('Helm test hooks do not overlap controller selectors', () => {
  const cases: Case[] = [
    { name: 'a test Pod with the Deployment labels', objects: [web, testPod], expected: [] },
    { name: 'test Pods before the Deployment', objects: [testPod, hook(pod({ name: 'web-test-2', labels: { app: 'web' } }), 'test-success'), web], expected: [] },
    {
      name: 'a test hook controller neither overlaps nor is overlapped',
      objects: [web, hook(deployment({ name: 'web-test', labels: { app: 'web' } }))],
      expected: [],
    },
    {
      name: 'a bare Pod that is not a test hook is still reported',
      objects: [web, testPod, pod({ name: 'debug', labels: { app: 'web' } })],
      expected: [
        {
          index: 0,
          path: 'spec.selector',
          message: 'Invalid value: "app=web": also matches the pods of Pod "debug"; controllers with overlapping selectors fight over the same pods',
        },
      ],
    },
  ];
  test.each(cases)('$name', ({ objects, expected }) => {
    expect(run(selectorOverlapRule, objects)).toEqual(expected);
  });

  test('policy rules still check a test hook', () => {
    const report = validate([web, testPod], { rules: { 'network-policy-missing': Severity.OFF, 'pdb-missing': Severity.OFF } });
    const onHook = report.findings.filter((f) => f.object.name === 'web-test').map((f) => f.rule);
    expect(onHook).toContain('policy/pod-security');
    expect(onHook).toContain('policy/resource-requests');
    expect(report.findings.filter((f) => f.layer === 'cross')).toEqual([]);
  });
});

describe('Helm test hooks are not pods a PodDisruptionBudget protects', () => {
  test.each<[string, KubeObject[], string[]]>([
    ['the workload and a test Pod: fine', [web, testPod, pdb('web', { app: 'web' }, { maxUnavailable: 1 })], []],
    ['only a test Pod: reported, naming it', [testPod, pdb('web', { app: 'web' }, { maxUnavailable: 1 })],
      ['Not found: "app=web": no pod template in the default namespace has these labels (only the Helm test hook Pod "web-test", which helm test runs)']],
  ])('pdb-selector: %s', (_name, objects, messages) => {
    expect(run(pdbSelectorRule, objects).map((v) => v.message)).toEqual(messages);
  });

  test('pdb-blocks-eviction: a test Pod does not count as a pod that could be evicted', () => {
    expect(run(pdbBlocksEvictionRule, [deployment({ replicas: 1 }), testPod, pdb('web', { app: 'web' }, { minAvailable: 1 })])).toEqual([
      {
        index: 2,
        path: 'spec.minAvailable',
        message: 'Invalid value: 1: minAvailable 1 is not below the 1 selected pod (Deployment "web" has 1 replica), so no voluntary eviction is ever allowed and node drains hang; lower minAvailable or use maxUnavailable',
      },
    ]);
  });
});

describe('one finding per Service port', () => {
  const bare = (name: string): KubeObject => statefulSet({ name, labels: { app: 'db', member: name } });
  const headless = service('db', { app: 'db' }, [{ name: 'client', port: 2181, targetPort: 'client' }, { name: 'dns', port: 53, targetPort: 'dns', protocol: 'UDP' }], {
    spec: { clusterIP: 'None' },
  });
  const cases: Case[] = [
    {
      name: 'two workloads lacking a port: one finding naming both',
      objects: [bare('a'), bare('b'), headless],
      expected: [
        { index: 2, path: 'spec.ports[0].targetPort', message: 'Not found: "client": StatefulSet "a" and StatefulSet "b" declare no container port named "client"' },
        { index: 2, path: 'spec.ports[1].targetPort', message: 'Not found: "dns": StatefulSet "a" and StatefulSet "b" declare no container port named "dns"' },
      ],
    },
    {
      name: 'five workloads: three named, then "and 2 more"',
      objects: [bare('a'), bare('b'), bare('c'), bare('d'), bare('e'), { ...headless, spec: { ...(headless.spec as object), ports: [{ port: 2181, targetPort: 'client' }] } }],
      expected: [
        {
          index: 5,
          path: 'spec.ports[0].targetPort',
          message: 'Not found: "client": StatefulSet "a", StatefulSet "b", StatefulSet "c" and 2 more declare no container port named "client"',
        },
      ],
    },
    {
      name: 'different reasons on one port: one finding, one clause per reason',
      objects: [
        statefulSet({ name: 'a', labels: { app: 'db' }, containers: [container({ ports: [{ name: 'client', containerPort: 2181 }, { name: 'dns', containerPort: 53, protocol: 'TCP' }] })] }),
        bare('b'),
        bare('c'),
        headless,
      ],
      expected: [
        { index: 3, path: 'spec.ports[0].targetPort', message: 'Not found: "client": StatefulSet "b" and StatefulSet "c" declare no container port named "client"' },
        {
          index: 3,
          path: 'spec.ports[1].targetPort',
          message: 'Not found: "dns": StatefulSet "a" declares container port named "dns" with protocol TCP, not UDP; StatefulSet "b" and StatefulSet "c" declare no container port named "dns"',
        },
      ],
    },
  ];
  test.each(cases)('$name', ({ objects, expected }) => {
    expect(run(serviceTargetPortRule, objects)).toEqual(expected);
  });

  test('numeric ports: one finding per port', () => {
    expect(run(serviceTargetPortUndeclaredRule, [bare('a'), bare('b'), service('db', { app: 'db' }, [{ port: 8080 }])])).toEqual([
      { index: 2, path: 'spec.ports[0].targetPort', message: 'Not found: 8080: StatefulSet "a" and StatefulSet "b" declare no container port 8080/TCP' },
    ]);
  });

  test('a controller overlapping several others: one finding naming them', () => {
    const objects = [pod({ name: 'p1', labels: { app: 'web' } }), pod({ name: 'p2', labels: { app: 'web' } }), pod({ name: 'p3', labels: { app: 'web' } }), pod({ name: 'p4', labels: { app: 'web' } }), web];
    expect(run(selectorOverlapRule, objects)).toEqual([
      {
        index: 4,
        path: 'spec.selector',
        message: 'Invalid value: "app=web": also matches the pods of Pod "p1", Pod "p2", Pod "p3" and 1 more; controllers with overlapping selectors fight over the same pods',
      },
    ]);
  });
});
