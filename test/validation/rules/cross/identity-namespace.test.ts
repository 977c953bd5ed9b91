import { derivedNameLengthRule, duplicateObjectRule } from '../../../../src/validation/rules/cross/identity';
import { clusterScopedNamespaceRule, namespaceExistsRule, namespaceOutsideBundleRule } from '../../../../src/validation/rules/cross/namespace';
import { Case, configMap, context, cronJob, deployment, job, namespace, run, service, statefulSet } from './fixtures';

const name = (n: number, prefix = 'a') => prefix + 'x'.repeat(n - prefix.length);

describe('cross/duplicate-object', () => {
  const cases: Case[] = [
    {
      name: 'the same Deployment twice is reported on the second',
      objects: [deployment(), configMap('web', {}), deployment({ namespace: 'default' })],
      expected: [{ index: 2, path: 'metadata.name', message: 'Duplicate value: "web": apps/Deployment "web" in the default namespace is already defined earlier in the bundle' }],
    },
    { name: 'the same name in other namespaces is fine', objects: [deployment({ namespace: 'a' }), deployment({ namespace: 'b' })], expected: [] },
    {
      name: 'the same kind and name in another API group is fine; a repeat within either group is reported',
      objects: [
        { apiVersion: 'example.com/v1', kind: 'Deployment', metadata: { name: 'web' } },
        deployment(),
        { apiVersion: 'other.io/v1', kind: 'Deployment', metadata: { name: 'web' } },
        deployment(),
        { apiVersion: 'example.com/v2', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' } },
      ],
      expected: [
        { index: 3, path: 'metadata.name', message: 'Duplicate value: "web": apps/Deployment "web" in the default namespace is already defined earlier in the bundle' },
        { index: 4, path: 'metadata.name', message: 'Duplicate value: "web": example.com/Deployment "web" in the default namespace is already defined earlier in the bundle' },
      ],
    },
    {
      name: 'cluster-scoped kinds ignore the namespace',
      objects: [namespace('shop'), { ...namespace('shop'), metadata: { name: 'shop', namespace: 'x' } }],
      expected: [{ index: 1, path: 'metadata.name', message: 'Duplicate value: "shop": Namespace "shop" is already defined earlier in the bundle' }],
    },
  ];
  test.each(cases)('$name', ({ objects, context: ctx, expected }) => {
    expect(run(duplicateObjectRule, objects, ctx)).toEqual(expected);
  });
});

describe('cross/derived-name-length', () => {
  const cases: Case[] = [
    { name: 'a 52-character StatefulSet is fine', objects: [statefulSet({ name: name(52) })], expected: [] },
    {
      name: 'a 53-character StatefulSet is reported',
      objects: [statefulSet({ name: name(53) })],
      expected: [
        {
          index: 0,
          path: 'metadata.name',
          message:
            'Too long: must be no more than 52 characters, because the controller-revision-hash label of its pods (the name plus a hash of up to 11 characters) must fit in 63',
        },
      ],
    },
    { name: 'a 242-character Deployment is fine', objects: [deployment({ name: name(242) })], expected: [] },
    {
      name: 'a 243-character Deployment is reported',
      objects: [deployment({ name: name(243) })],
      expected: [
        {
          index: 0,
          path: 'metadata.name',
          message:
            'Too long: must be no more than 242 characters, because its ReplicaSet names (the name plus a pod-template-hash of up to 11 characters) must fit in 253',
        },
      ],
    },
    {
      name: 'a Job name longer than 63 is reported',
      objects: [job({ name: name(64) })],
      expected: [{ index: 0, path: 'metadata.name', message: 'Too long: must be no more than 63 characters, because the job-name label of its pods carries the name and must fit in 63' }],
    },
    { name: 'an Indexed Job of 10 completions may have 61 characters', objects: [job({ name: name(61), spec: { completionMode: 'Indexed', completions: 10 } })], expected: [] },
    {
      name: 'an Indexed Job of 11 completions may not have 61 characters',
      objects: [job({ name: name(61), spec: { completionMode: 'Indexed', completions: 11 } })],
      expected: [
        {
          index: 0,
          path: 'metadata.name',
          message: 'Too long: must be no more than 60 characters, because the hostname of its last indexed pod (the name, "-" and index 10) must fit in 63',
        },
      ],
    },
    {
      name: 'a CronJob of Indexed Jobs leaves room for the schedule suffix',
      objects: [cronJob({ name: name(51), spec: { completionMode: 'Indexed', completions: 3 } })],
      expected: [
        {
          index: 0,
          path: 'metadata.name',
          message:
            'Too long: must be no more than 50 characters, because the hostname of its last indexed pod (the CronJob name plus an 11-character schedule suffix, "-" and index 2) must fit in 63',
        },
      ],
    },
  ];
  test.each(cases)('$name', ({ objects, context: ctx, expected }) => {
    expect(run(derivedNameLengthRule, objects, ctx)).toEqual(expected);
  });
});

describe('cross/namespace-exists', () => {
  const cases: Case[] = [
    { name: 'objects without a namespace are not checked', objects: [deployment()], expected: [] },
    { name: 'a Namespace of the bundle is fine, wherever it is', objects: [deployment({ namespace: 'shop' }), namespace('shop')], expected: [] },
    { name: 'built-in namespaces are fine', objects: [deployment({ namespace: 'kube-system' })], expected: [] },
    {
      name: 'an unknown namespace is reported when the bundle creates Namespaces',
      objects: [deployment({ namespace: 'shop' }), namespace('other'), configMap('c', {}, 'shop')],
      expected: [
        { index: 0, path: 'metadata.namespace', message: 'Not found: "shop": no Namespace "shop" in the bundle; add one or declare it as an external object' },
        { index: 2, path: 'metadata.namespace', message: 'Not found: "shop": no Namespace "shop" in the bundle; add one or declare it as an external object' },
      ],
    },
    {
      name: 'a bundle that creates no Namespace is left to cross/namespace-outside-bundle',
      objects: [deployment({ namespace: 'shop' }), configMap('c', {}, 'shop')],
      expected: [],
    },
    {
      name: 'an external Namespace is accepted',
      objects: [deployment({ namespace: 'shop' }), namespace('other')],
      context: context({ external: [{ kind: 'Namespace', name: 'shop' }] }),
      expected: [],
    },
  ];
  test.each(cases)('$name', ({ objects, context: ctx, expected }) => {
    expect(run(namespaceExistsRule, objects, ctx)).toEqual(expected);
  });
});

describe('cross/namespace-outside-bundle', () => {
  const clusterRole = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r', namespace: 'shop' } };
  const cases: Case[] = [
    { name: 'objects without a namespace get no note', objects: [deployment(), configMap('c', {})], expected: [] },
    { name: 'built-in namespaces get no note', objects: [deployment({ namespace: 'kube-system' }), configMap('c', {}, 'default')], expected: [] },
    {
      name: 'a bundle that creates a Namespace is left to cross/namespace-exists',
      objects: [deployment({ namespace: 'shop' }), namespace('other')],
      expected: [],
    },
    {
      name: 'a Helm-like render into one namespace gets one note, on its first object',
      objects: [deployment(), configMap('c', {}, 'shop'), deployment({ namespace: 'shop' }), service('web', {}, undefined, { namespace: 'shop' })],
      expected: [
        {
          index: 1,
          path: 'metadata.namespace',
          message: 'Not found: the bundle creates no Namespace; 3 objects go to "shop", which must exist before they are applied (create it, or declare it as an external object)',
        },
      ],
    },
    {
      name: 'a single object is counted in the singular',
      objects: [configMap('c', {}, 'shop')],
      expected: [
        {
          index: 0,
          path: 'metadata.namespace',
          message: 'Not found: the bundle creates no Namespace; 1 object goes to "shop", which must exist before it is applied (create it, or declare it as an external object)',
        },
      ],
    },
    {
      name: 'several namespaces are listed in the order of first use; cluster-scoped kinds do not count',
      objects: [clusterRole, configMap('c', {}, 'web'), deployment({ namespace: 'db' }), configMap('d', {}, 'web')],
      expected: [
        {
          index: 1,
          path: 'metadata.namespace',
          message: 'Not found: the bundle creates no Namespace; 2 objects go to "web", 1 object goes to "db", which must exist before they are applied (create them, or declare them as external objects)',
        },
      ],
    },
    {
      name: 'external namespaces are left out of the note, and a bundle only in them gets none',
      objects: [configMap('c', {}, 'web'), deployment({ namespace: 'db' })],
      context: context({ external: [{ kind: 'Namespace', name: 'web' }] }),
      expected: [
        {
          index: 1,
          path: 'metadata.namespace',
          message: 'Not found: the bundle creates no Namespace; 1 object goes to "db", which must exist before it is applied (create it, or declare it as an external object)',
        },
      ],
    },
    {
      name: 'a bundle only in external namespaces gets no note',
      objects: [configMap('c', {}, 'web')],
      context: context({ external: [{ kind: 'Namespace', name: 'web' }] }),
      expected: [],
    },
  ];
  test.each(cases)('$name', ({ objects, context: ctx, expected }) => {
    expect(run(namespaceOutsideBundleRule, objects, ctx)).toEqual(expected);
  });
});

describe('cross/cluster-scoped-namespace', () => {
  const crd = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: { group: 'example.com', scope: 'Cluster', names: { kind: 'Widget', plural: 'widgets' } },
  };
  const cases: Case[] = [
    {
      name: 'a ClusterRole with a namespace is reported',
      objects: [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r', namespace: 'shop' } }],
      expected: [{ index: 0, path: 'metadata.namespace', message: 'Forbidden: ClusterRole is cluster-scoped; the namespace "shop" is ignored, remove it' }],
    },
    {
      name: 'cluster-scoped CRD kinds of the bundle are known',
      objects: [crd, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'shop' } }],
      expected: [{ index: 1, path: 'metadata.namespace', message: 'Forbidden: Widget is cluster-scoped; the namespace "shop" is ignored, remove it' }],
    },
    {
      name: 'cluster-scoped kinds of the CRDs kept in crds/ are known without their CRD in the bundle',
      objects: [{ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'envoy', namespace: 'shop' }, spec: { controllerName: 'example.com/gw' } }],
      expected: [{ index: 0, path: 'metadata.namespace', message: 'Forbidden: GatewayClass is cluster-scoped; the namespace "shop" is ignored, remove it' }],
    },
    {
      name: 'namespaced kinds of the CRDs kept in crds/ are fine',
      objects: [{ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'public', namespace: 'shop' } }],
      expected: [],
    },
    { name: 'namespaced kinds are fine', objects: [deployment({ namespace: 'shop' })], expected: [] },
  ];
  test.each(cases)('$name', ({ objects, context: ctx, expected }) => {
    expect(run(clusterScopedNamespaceRule, objects, ctx)).toEqual(expected);
  });
});
