import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { OnlineBoutiqueChart } from '../../src/apps/online-boutique/chart';
import { Severity, testing, validate } from '../../src';

/*
 * Online Boutique as written with the public API: the semantics that must carry over from
 * release/kubernetes-manifests.yaml, written as expectations (not copied YAML).
 */

type Obj = Record<string, any>;
const chart = new OnlineBoutiqueChart(new App(), 'online-boutique');
const objects = testing.synthChart(chart) as Obj[];

function deploymentOf(appName: string): Obj {
  const found = objects.filter(o => o.kind === 'Deployment' && o.metadata.labels['app.kubernetes.io/name'] === appName);
  expect(found).toHaveLength(1);
  return found[0];
}

function servicesOf(appName: string): Obj[] {
  return objects.filter(o => o.kind === 'Service' && o.metadata.labels['app.kubernetes.io/name'] === appName);
}

/** The environment variable names of the app container: its own env and the keys of its ConfigMaps. */
function envNames(appName: string): string[] {
  const container = deploymentOf(appName).spec.template.spec.containers[0];
  const fromConfigMaps = (container.envFrom ?? []).flatMap((f: Obj) =>
    Object.keys(objects.find(o => o.kind === 'ConfigMap' && o.metadata.name === f.configMapRef.name)!.data));
  return [...(container.env ?? []).map((e: Obj) => e.name), ...fromConfigMaps].sort();
}

const GRPC: Array<[string, number, number, [number | undefined, number | undefined]]> = [
  // name, container port, Service port, [initialDelaySeconds, periodSeconds] of the probes
  ['productcatalogservice', 3550, 3550, [undefined, undefined]],
  ['currencyservice', 7000, 7000, [undefined, undefined]],
  ['paymentservice', 50051, 50051, [undefined, undefined]],
  ['shippingservice', 50051, 50051, [undefined, undefined]],
  ['emailservice', 8080, 5000, [undefined, 5]],
  ['adservice', 9555, 9555, [20, 15]],
  ['cartservice', 7070, 7070, [15, 10]],
  ['recommendationservice', 8080, 8080, [undefined, 5]],
  ['checkoutservice', 5050, 5050, [undefined, undefined]],
];

describe('Online Boutique', () => {
  test('every service, the Redis cart and the load generator; no validation error', () => {
    expect(objects.filter(o => o.kind === 'Deployment').map(o => o.metadata.labels['app.kubernetes.io/name']).sort()).toStrictEqual([
      'adservice', 'cartservice', 'checkoutservice', 'currencyservice', 'emailservice', 'frontend', 'loadgenerator',
      'paymentservice', 'productcatalogservice', 'recommendationservice', 'redis-cart', 'shippingservice',
    ]);
    expect(validate(chart).findings.filter(f => f.severity === Severity.ERROR)).toStrictEqual([]);
  });

  test.each(GRPC)('%s: image, port, Service port, gRPC probes and their timing', (name, port, servicePort, [delay, period]) => {
    const pod = deploymentOf(name).spec.template.spec;
    const container = pod.containers[0];
    expect(container.image).toBe(`us-central1-docker.pkg.dev/google-samples/microservices-demo/${name}:v0.10.2`);
    expect(container.ports).toStrictEqual([{ containerPort: port, name: 'grpc' }]);
    for (const probe of [container.readinessProbe, container.livenessProbe]) {
      expect(probe.grpc).toStrictEqual({ port });
      expect([probe.initialDelaySeconds, probe.periodSeconds]).toStrictEqual([delay ?? 0, period ?? 10]);
    }
    expect(container.startupProbe).toBeUndefined();
    expect(pod.terminationGracePeriodSeconds).toBe(5);
    const [service] = servicesOf(name);
    expect(service.spec.type).toBe('ClusterIP');
    expect(service.spec.ports).toStrictEqual([{ name: 'grpc', port: servicePort, targetPort: port }]);
  });

  test('environment names, and addresses that point at this chart\'s Services', () => {
    const addressOf = (name: string) => {
      const [service] = servicesOf(name);
      return `${service.metadata.name}:${service.spec.ports[0].port}`;
    };
    expect(envNames('checkoutservice')).toStrictEqual([
      'CART_SERVICE_ADDR', 'CURRENCY_SERVICE_ADDR', 'EMAIL_SERVICE_ADDR', 'PAYMENT_SERVICE_ADDR', 'PORT',
      'PRODUCT_CATALOG_SERVICE_ADDR', 'SHIPPING_SERVICE_ADDR',
    ]);
    expect(envNames('frontend')).toStrictEqual([
      'AD_SERVICE_ADDR', 'CART_SERVICE_ADDR', 'CHECKOUT_SERVICE_ADDR', 'CURRENCY_SERVICE_ADDR', 'ENABLE_PROFILER', 'PORT',
      'PRODUCT_CATALOG_SERVICE_ADDR', 'RECOMMENDATION_SERVICE_ADDR', 'SHIPPING_SERVICE_ADDR',
    ]);
    expect(envNames('cartservice')).toStrictEqual(['REDIS_ADDR']);
    expect(envNames('loadgenerator')).toStrictEqual(['FRONTEND_ADDR', 'USERS']);
    const checkoutConfig = objects.find(o => o.kind === 'ConfigMap' && o.metadata.name === deploymentOf('checkoutservice').spec.template.spec.containers[0].envFrom[0].configMapRef.name)!;
    expect(checkoutConfig.data.EMAIL_SERVICE_ADDR).toBe(addressOf('emailservice'));
    expect(checkoutConfig.data.EMAIL_SERVICE_ADDR).toMatch(/:5000$/);
    const cartConfig = objects.find(o => o.kind === 'ConfigMap' && o.metadata.name === deploymentOf('cartservice').spec.template.spec.containers[0].envFrom[0].configMapRef.name)!;
    expect(cartConfig.data.REDIS_ADDR).toBe(addressOf('redis-cart'));
  });

  test('frontend: HTTP probes with the session cookie, the Istio annotation, a ClusterIP and the external LoadBalancer', () => {
    const template = deploymentOf('frontend').spec.template;
    const container = template.spec.containers[0];
    for (const probe of [container.readinessProbe, container.livenessProbe]) {
      expect(probe.httpGet).toStrictEqual({ path: '/_healthz', port: 'http', httpHeaders: [{ name: 'Cookie', value: 'shop_session-id=x-readiness-probe' }] });
      expect(probe.initialDelaySeconds).toBe(10);
    }
    expect(template.metadata.annotations['sidecar.istio.io/rewriteAppHTTPProbers']).toBe('true');
    const services = servicesOf('frontend');
    expect(services.map(s => [s.spec.type, s.spec.ports[0].port, s.spec.ports[0].targetPort])).toStrictEqual([['ClusterIP', 80, 8080], ['LoadBalancer', 80, 8080]]);
    expect(services[1].metadata.name).toBe('frontend-external');
  });

  test('redis-cart: the Redis image, TCP probes every 5 seconds, /data on an emptyDir', () => {
    const pod = deploymentOf('redis-cart').spec.template.spec;
    const container = pod.containers[0];
    expect(container.image).toMatch(/^redis:\d+\.\d+\.\d+-alpine$/);
    expect(container.readinessProbe).toMatchObject({ tcpSocket: { port: 'redis' }, periodSeconds: 5 });
    expect(container.livenessProbe).toMatchObject({ tcpSocket: { port: 'redis' }, periodSeconds: 5 });
    const data = container.volumeMounts.find((m: Obj) => m.mountPath === '/data');
    expect(pod.volumes.find((v: Obj) => v.name === data.name).emptyDir).toBeDefined();
    expect(container.resources).toStrictEqual({ limits: { cpu: '125m', memory: '256Mi' }, requests: { cpu: '70m', memory: '200Mi' } });
  });

  test('loadgenerator: waits for the frontend in an init container, no Service, requests and limits', () => {
    const pod = deploymentOf('loadgenerator').spec.template.spec;
    expect(pod.initContainers.map((c: Obj) => [c.name, c.image])).toStrictEqual([['frontend-check', 'busybox:1.36.1']]);
    expect(pod.initContainers[0].command[2]).toContain(`Pinging frontend: ${servicesOf('frontend')[0].metadata.name}:80`);
    expect(servicesOf('loadgenerator')).toStrictEqual([]);
    expect(pod.containers[0].resources).toStrictEqual({ limits: { cpu: '500m', memory: '512Mi' }, requests: { cpu: '300m', memory: '256Mi' } });
  });
});

/*
 * Who calls whom in the original (release/kubernetes-manifests.yaml): the `*_SERVICE_ADDR` variables of the
 * frontend and the checkout and recommendation services, the cart's `REDIS_ADDR` and the load generator's
 * `FRONTEND_ADDR`. Each service admits exactly these callers on its container port.
 */
const CALLERS: Array<[string, number, string[]]> = [
  ['frontend', 8080, ['loadgenerator']],
  ['productcatalogservice', 3550, ['checkoutservice', 'frontend', 'recommendationservice']],
  ['currencyservice', 7000, ['checkoutservice', 'frontend']],
  ['paymentservice', 50051, ['checkoutservice']],
  ['shippingservice', 50051, ['checkoutservice', 'frontend']],
  ['emailservice', 8080, ['checkoutservice']],
  ['adservice', 9555, ['frontend']],
  ['cartservice', 7070, ['checkoutservice', 'frontend']],
  ['recommendationservice', 8080, ['frontend']],
  ['checkoutservice', 5050, ['frontend']],
  ['redis-cart', 6379, ['cartservice']],
];

describe('NetworkPolicies (a deliberate difference: the original has none)', () => {
  const net = new testing.NetworkPolicyEvaluator(objects);
  const pod = (appName: string) => net.pod('Deployment', deploymentOf(appName).metadata.name);
  const workloads = objects.filter(o => o.kind === 'Deployment').map(o => o.metadata.labels['app.kubernetes.io/name'] as string).sort();
  const inbound = (appName: string) => {
    const found = objects.filter(o => o.kind === 'NetworkPolicy' && o.metadata.labels['app.kubernetes.io/name'] === appName);
    expect(found).toHaveLength(1);
    return found[0];
  };

  test.each(CALLERS)('%s admits only its callers (policy rules)', (callee, port, callers) => {
    const policy = inbound(callee);
    expect(policy.spec.policyTypes).toStrictEqual(['Ingress']);
    expect(policy.spec.podSelector.matchLabels['app.kubernetes.io/name']).toBe(callee);
    const named = (policy.spec.ingress as Obj[]).filter(r => r.from !== undefined);
    expect(named.map(r => r.from.map((f: Obj) => f.podSelector.matchLabels['app.kubernetes.io/name'])).flat().sort()).toStrictEqual(callers);
    expect(named.every(r => r.from.length === 1 && r.from[0].namespaceSelector === undefined)).toBe(true);
    expect((policy.spec.ingress as Obj[]).every(r => JSON.stringify(r.ports) === JSON.stringify([{ port, protocol: 'TCP' }]))).toBe(true);
  });

  test.each(CALLERS.filter(([callee]) => callee !== 'frontend'))('%s: the evaluator lets exactly its callers in, on its port only', (callee, port, callers) => {
    const allowed = workloads.filter(caller => caller !== callee && net.allows(pod(caller), pod(callee), port));
    expect(allowed).toStrictEqual(callers);
    for (const caller of callers) {
      expect(net.allows(pod(caller), pod(callee), port + 1)).toBe(false);
    }
    const stranger = { name: 'stranger', namespace: 'other', labels: pod(callers[0]).labels };
    expect(net.allows(stranger, pod(callee), port)).toBe(false);
    expect(net.allows({ ip: '203.0.113.9' }, pod(callee), port)).toBe(false);
  });

  test('the frontend admits any address on 8080 (its LoadBalancer forwards outside traffic) and nothing on other ports', () => {
    const rules = inbound('frontend').spec.ingress as Obj[];
    expect(rules.filter(r => r.from === undefined)).toStrictEqual([{ ports: [{ port: 8080, protocol: 'TCP' }] }]);
    expect(net.allows({ ip: '203.0.113.9' }, pod('frontend'), 8080)).toBe(true);
    expect(net.allows(pod('loadgenerator'), pod('frontend'), 8080)).toBe(true);
    expect(net.allows({ ip: '203.0.113.9' }, pod('frontend'), 8081)).toBe(false);
  });

  test('policy/network-policy-missing warns only about the load generator (a Worker: nothing can isolate it without opening traffic it does not need)', () => {
    const missing = validate(chart).findings.filter(f => f.rule === 'policy/network-policy-missing');
    expect(missing.map(f => `${f.object.kind}/${f.object.name}`)).toStrictEqual([`Deployment/${deploymentOf('loadgenerator').metadata.name}`]);
  });
});

const ESCAPE_HATCH = /JsonPatch|addJsonPatch|ApiObject\.of|new\s+(k8s\.)?Kube[A-Z]\w*\(|\bnew ApiObject\(|from ['"].*imports\//;

describe('example apps use the public API only', () => {
  test('the check recognises escape hatches', () => {
    for (const line of ["ApiObject.of(web.deployment).addJsonPatch(JsonPatch.add('/spec/x', 1));", 'new k8s.KubeService(this, "S", {});',
      'new KubeDeployment(this, "D", {});', "import { KubeService } from '../../../imports/k8s';"]) {
      expect([line, ESCAPE_HATCH.test(line)]).toStrictEqual([line, true]);
    }
    expect(ESCAPE_HATCH.test("new WebApp(this, 'Web', { image });")).toBe(false);
  });

  test('no JSON patch, ApiObject.of or raw L1 object anywhere in src/apps', () => {
    const appsDir = path.join(__dirname, '../../src/apps');
    const files = fs.readdirSync(appsDir, { recursive: true, withFileTypes: true })
      .filter(e => e.isFile() && e.name.endsWith('.ts'))
      .map(e => path.join(e.parentPath, e.name));
    const escapes = files.flatMap(file => fs.readFileSync(file, 'utf8').split('\n').map((line, i) => ({ file, line, n: i + 1 })))
      .filter(({ line }) => ESCAPE_HATCH.test(line))
      .map(({ file, n, line }) => `${path.relative(appsDir, file)}:${n}: ${line.trim()}`);
    expect(escapes).toStrictEqual([]);
  });
});
