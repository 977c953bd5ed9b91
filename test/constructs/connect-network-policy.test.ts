import { NetworkPolicyEvaluator, PodEndpoint, matchesSelector } from '../../src/testing';

/** A Deployment with pod labels and named ports. */
function deployment(name: string, namespace: string, labels: Record<string, string>, ports: Array<[string, number]> = []): any {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace },
    spec: { template: { metadata: { labels }, spec: { containers: [{ name: 'app', ports: ports.map(([n, p]) => ({ name: n, containerPort: p })) }] } } },
  };
}

function policy(name: string, namespace: string, spec: Record<string, unknown>): any {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

const API = deployment('api', 'shop', { app: 'api', tier: 'backend' }, [['http', 8080], ['metrics', 9100]]);
const WEB = deployment('web', 'shop', { app: 'web', tier: 'frontend' });
const JOB = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'report' }, spec: { jobTemplate: { spec: { template: { metadata: { labels: { app: 'report' } }, spec: { containers: [] } } } } } };

describe('NetworkPolicyEvaluator', () => {
  test('without policies every connection is allowed and nothing is isolated', () => {
    const net = new NetworkPolicyEvaluator([API, WEB]);
    const verdict = net.evaluate(net.pod('Deployment', 'web'), net.pod('Deployment', 'api'), 8080);
    expect(verdict).toEqual({
      allowed: true,
      egress: { isolated: false, allowed: true, allowedBy: [] },
      ingress: { isolated: false, allowed: true, allowedBy: [] },
    });
  });

  test('workload pods: templates of Deployments and CronJobs, default namespace', () => {
    const net = new NetworkPolicyEvaluator([API, JOB, { kind: 'Service', metadata: { name: 'x' } }], { defaultNamespace: 'batch' });
    expect(net.workloadPods).toEqual([
      { name: 'Deployment/api', namespace: 'shop', labels: { app: 'api', tier: 'backend' }, ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9100 }] },
      { name: 'CronJob/report', namespace: 'batch', labels: { app: 'report' }, ports: [] },
    ]);
    expect(() => net.pod('Deployment', 'nope')).toThrow('No workload Deployment/nope; workloads: Deployment/api, CronJob/report');
  });

  test('an ingress rule admits matching pods on matching ports only; the policy that allows is named', () => {
    const net = new NetworkPolicyEvaluator([API, WEB, policy('api-in', 'shop', {
      podSelector: { matchLabels: { app: 'api' } },
      ingress: [{ from: [{ podSelector: { matchLabels: { tier: 'frontend' } } }], ports: [{ port: 8080 }] }],
    })]);
    const [api, web] = [net.pod('Deployment', 'api'), net.pod('Deployment', 'web')];
    expect(net.evaluate(web, api, 8080).ingress).toEqual({ isolated: true, allowed: true, allowedBy: ['api-in'] });
    expect(net.allows(web, api, 9100)).toBe(false);
    expect(net.allows(web, api, 8080, 'UDP')).toBe(false);
    expect(net.allows(api, api, 8080)).toBe(false);
    // web itself is not isolated for ingress
    expect(net.allows(api, web, 1234)).toBe(true);
  });

  test('policyTypes default to Ingress, plus Egress when there are egress rules', () => {
    const ingressOnly = new NetworkPolicyEvaluator([API, WEB, policy('deny-in', 'shop', { podSelector: {} })]);
    const [api, web] = [ingressOnly.pod('Deployment', 'api'), ingressOnly.pod('Deployment', 'web')];
    expect(ingressOnly.evaluate(web, api, 8080)).toMatchObject({ allowed: false, egress: { isolated: false }, ingress: { isolated: true } });
    const withEgress = new NetworkPolicyEvaluator([API, WEB, policy('egress', 'shop', {
      podSelector: { matchLabels: { app: 'web' } },
      egress: [{ to: [{ podSelector: { matchLabels: { app: 'api' } } }] }],
    })]);
    // The policy also isolates web for ingress (no ingress rules): nothing may reach web.
    expect(withEgress.allows(api, web, 80)).toBe(false);
    expect(withEgress.allows(web, api, 8080)).toBe(true);
    expect(withEgress.allows(web, { ip: '10.0.0.1' }, 443)).toBe(false);
  });

  test('a rule without peers or ports matches everything; an empty rule list matches nothing', () => {
    const allowAll = new NetworkPolicyEvaluator([API, WEB, policy('all', 'shop', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{}] })]);
    expect(allowAll.allows(allowAll.pod('Deployment', 'web'), allowAll.pod('Deployment', 'api'), 1)).toBe(true);
    const denyAll = new NetworkPolicyEvaluator([API, WEB, policy('none', 'shop', { podSelector: {}, policyTypes: ['Ingress'], ingress: [] })]);
    expect(denyAll.allows(denyAll.pod('Deployment', 'web'), denyAll.pod('Deployment', 'api'), 1)).toBe(false);
  });

  test('a podSelector-only peer stays in the policy namespace; namespaceSelector reaches others', () => {
    const other = deployment('web', 'blog', { app: 'web', tier: 'frontend' });
    const objects = [API, WEB, other,
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'blog', labels: { team: 'content' } } },
      policy('api-in', 'shop', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ podSelector: { matchLabels: { tier: 'frontend' } } }] }] })];
    const net = new NetworkPolicyEvaluator(objects);
    const blogWeb = net.workloadPods.find(p => p.namespace === 'blog')!;
    expect(net.allows(blogWeb, net.pod('Deployment', 'api'), 8080)).toBe(false);
    const byTeam = new NetworkPolicyEvaluator([...objects.slice(0, 4), policy('api-in', 'shop', {
      podSelector: { matchLabels: { app: 'api' } },
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'content' } }, podSelector: { matchLabels: { tier: 'frontend' } } }] }],
    })]);
    expect(byTeam.allows(blogWeb, byTeam.pod('Deployment', 'api'), 8080)).toBe(true);
    expect(byTeam.allows(byTeam.pod('Deployment', 'web'), byTeam.pod('Deployment', 'api'), 8080)).toBe(false);
  });

  test('namespace labels from options, and kubernetes.io/metadata.name on every namespace', () => {
    const objects = [API, policy('api-in', 'shop', {
      podSelector: {},
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { env: 'prod' } } }, { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ops' } } }] }],
    })];
    const net = new NetworkPolicyEvaluator(objects, { namespaceLabels: { monitoring: { env: 'prod' } } });
    const pod = (namespace: string): PodEndpoint => ({ name: namespace, namespace, labels: {} });
    const api = net.pod('Deployment', 'api');
    expect(net.allows(pod('monitoring'), api, 9100)).toBe(true);
    expect(net.allows(pod('ops'), api, 9100)).toBe(true);
    expect(net.allows(pod('dev'), api, 9100)).toBe(false);
  });

  test('named ports resolve on the destination pod; endPort ranges', () => {
    const net = new NetworkPolicyEvaluator([API, WEB,
      policy('named', 'shop', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ ports: [{ port: 'metrics' }] }] }),
      policy('range', 'shop', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ ports: [{ port: 8000, endPort: 8100 }] }] })]);
    const [api, web] = [net.pod('Deployment', 'api'), net.pod('Deployment', 'web')];
    expect(net.allows(web, api, 9100)).toBe(false); // egress range 8000-8100 excludes 9100
    expect(net.allows(api, api, 9100)).toBe(true);
    expect(net.allows(api, api, 8080)).toBe(false);
    expect(net.allows(web, { ip: '10.1.1.1' }, 8100)).toBe(true);
    expect(net.allows(web, { ip: '10.1.1.1' }, 8101)).toBe(false);
  });

  test('ipBlock with except; ipBlocks never match pods', () => {
    const net = new NetworkPolicyEvaluator([WEB, API, policy('out', 'shop', {
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.96.0.0/12'] } }] }],
    })]);
    const web = net.pod('Deployment', 'web');
    expect(net.allows(web, { ip: '10.1.2.3' }, 443)).toBe(true);
    expect(net.allows(web, { ip: '10.100.0.1' }, 443)).toBe(false);
    expect(net.allows(web, { ip: '192.168.0.1' }, 443)).toBe(false);
    expect(net.allows(web, net.pod('Deployment', 'api'), 8080)).toBe(false);
  });

  test('matchExpressions', () => {
    const labels = { app: 'api', tier: 'backend' };
    expect(matchesSelector({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend', 'db'] }] }, labels)).toBe(true);
    expect(matchesSelector({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['backend'] }] }, labels)).toBe(false);
    expect(matchesSelector({ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, labels)).toBe(true);
    expect(matchesSelector({ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, labels)).toBe(true);
    expect(matchesSelector({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, labels)).toBe(false);
    expect(matchesSelector({ matchLabels: { app: 'api' }, matchExpressions: [{ key: 'x', operator: 'Exists' }] }, labels)).toBe(false);
    expect(() => matchesSelector({ matchExpressions: [{ key: 'x', operator: 'Gt' }] }, labels))
      .toThrow('Unknown label selector operator "Gt"');
  });
});
