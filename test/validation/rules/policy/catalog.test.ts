import { ExternalObjectRef, PodSecurityLevel, Rule } from '../../../../src/validation/rule';
import { CROSS_RULES } from '../../../../src/validation/rules/cross';
import { POLICY_RULES } from '../../../../src/validation/rules/policy';
import { KubeObject, Layer } from '../../../../src/validation/types';
import { configMap, container, context, deployment, hpa, ingress, namespace, pdb, route, run, service, serviceAccount } from '../cross/fixtures';

const ALL: Rule[] = [...CROSS_RULES, ...POLICY_RULES];

/** Runs every rule and labels each violation with its rule id. */
function runAll(objects: KubeObject[], level: PodSecurityLevel, external: ExternalObjectRef[] = []): string[] {
  return ALL.flatMap((rule) => run(rule, objects, context({ podSecurity: level, external })).map((v) => `${rule.id} #${v.index} ${v.path}: ${v.message}`));
}

describe('rule catalog', () => {
  test('ids are <layer>/<name>, names are unique across layers, metadata is filled in', () => {
    const names = ALL.map((r) => r.id.split('/')[1]);
    expect(new Set(names).size).toBe(names.length);
    for (const rule of CROSS_RULES) {
      expect([rule.layer, rule.id.startsWith('cross/'), rule.scope]).toEqual([Layer.CROSS, true, 'bundle']);
    }
    for (const rule of POLICY_RULES) {
      expect([rule.layer, rule.id.startsWith('policy/')]).toEqual([Layer.POLICY, true]);
    }
    for (const rule of ALL) {
      expect(rule.description).toMatch(/\.$/);
      expect(rule.example).toMatch(/^[\w.[\]/-]+: (Not found|Required value|Invalid value|Duplicate value|Forbidden|Too long)/);
    }
  });

  test('the README table of rules', () => {
    expect(ALL.map((r) => `${r.id} | ${r.layer} | ${r.defaultSeverity} | ${r.scope}`)).toMatchSnapshot();
  });
});

/** A web app written the way the policy asks: restricted pod security, probes, resources, PDB, HPA, TLS. */
function hardenedBundle(): KubeObject[] {
  const app = container({
    image: 'ghcr.io/acme/shop:1.4.2',
    ports: [{ name: 'http', containerPort: 8080 }],
    extra: {
      env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }],
      envFrom: [{ configMapRef: { name: 'shop' } }],
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
      readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
      livenessProbe: { httpGet: { path: '/live', port: 'http' } },
      securityContext: {
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        capabilities: { drop: ['ALL'] },
      },
    },
  });
  const ns = (o: KubeObject): KubeObject => ({ ...o, metadata: { ...(o.metadata as object), namespace: 'shop' } });
  return [
    namespace('shop'),
    ns(serviceAccount('shop', { automountServiceAccountToken: false })),
    ns(configMap('shop', { LOG_LEVEL: 'info' })),
    deployment({
      name: 'shop',
      namespace: 'shop',
      containers: [app],
      podSpec: { serviceAccountName: 'shop', securityContext: { seccompProfile: { type: 'RuntimeDefault' } } },
    }),
    ns(service('shop', { app: 'shop' }, [{ name: 'http', port: 80, targetPort: 'http' }])),
    ns(hpa('shop', { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] })),
    ns(pdb('shop', { app: 'shop' }, { maxUnavailable: 1 })),
    ns({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'shop' }, spec: { podSelector: {} } }),
    ingress('shop', { tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }], rules: [route('shop.example.com', '/', 'shop', { name: 'http' })] }, { namespace: 'shop' }),
  ];
}

describe('all rules together', () => {
  test('a hardened bundle has no findings, even under restricted', () => {
    // Credentials live outside the manifests (no secret values in YAML): the Secrets are declared.
    const external: ExternalObjectRef[] = [
      { kind: 'Secret', namespace: 'shop', name: 'db', keys: ['password'] },
      { kind: 'Secret', namespace: 'shop', name: 'shop-tls', keys: ['tls.crt', 'tls.key'] },
    ];
    expect(runAll(hardenedBundle(), PodSecurityLevel.RESTRICTED, external)).toEqual([]);
  });

  test('a naive bundle: every finding of every rule (snapshot)', () => {
    const naive: KubeObject[] = [
      deployment({
        name: 'shop',
        namespace: 'shop',
        replicas: 2,
        containers: [container({ image: 'acme/shop', ports: [{ containerPort: 8080 }], extra: { env: [{ name: 'DB_PASSWORD', value: 'hunter2' }] } })],
      }),
      service('shop', { app: 'shop' }, [{ name: 'http', port: 80, targetPort: 'http' }], { namespace: 'shop' }),
      ingress('shop', { rules: [route('shop.example.com', '/', 'shop', { number: 8080 })] }, { namespace: 'shop' }),
      { ...hpa('shop'), metadata: { name: 'shop', namespace: 'shop' } },
    ];
    expect(runAll(naive, PodSecurityLevel.BASELINE)).toMatchSnapshot();
  });
});
