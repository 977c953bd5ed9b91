import { Testing } from 'cdk8s';
import { ObservedMinifluxChart } from '../../src/apps/observed-miniflux/chart';
import { ExternalObjects } from '../../src';
import { PodSecurityLevel } from '../../src/validation';
import { sourcedObjectsOf, validate } from '../../src/validation';
import { kubeYamlSerializer, NetworkPolicyEvaluator, synthChart } from '../../src/testing';
import { podSpecsOf, pssRestrictedViolations } from '../constructs/pss-restricted';
import { get, parseFluentBit } from '../constructs/sidecar-fluent-bit-parser';

expect.addSnapshotSerializer(kubeYamlSerializer);

describe('ObservedMinifluxChart', () => {
  const chart = new ObservedMinifluxChart(Testing.app(), 'miniflux-observed');
  const manifests: any[] = synthChart(chart);
  const byKind = (kind: string) => manifests.filter(m => m.kind === kind);
  const webPod = byKind('Deployment')[0].spec.template;
  const dbPod = byKind('StatefulSet')[0].spec.template;

  test('snapshot', () => {
    expect(manifests).toMatchSnapshot();
  });

  test('validates with no error and no warning about its own objects, at PSS restricted', () => {
    // The same check as `npm run synth`, with the objects the chart declares as external.
    const report = validate(sourcedObjectsOf(chart), { podSecurity: PodSecurityLevel.RESTRICTED, external: ExternalObjects.of(chart).all });
    expect(report.findings.filter(f => f.severity === 'error')).toEqual([]);
    expect(report.findings.filter(f => f.layer === 'schema')).toEqual([]);
    for (const { spec } of podSpecsOf(manifests)) {
      expect(pssRestrictedViolations(spec)).toEqual([]);
    }
  });

  test('the web pod: app, log shipper; logs shared through the emptyDir only', () => {
    expect(webPod.spec.containers.map((c: any) => c.name)).toEqual(['app', 'log-shipper']);
    const [app, shipper] = webPod.spec.containers;
    expect(app.volumeMounts).toContainEqual({ name: 'app-logs', mountPath: '/var/log/app', readOnly: false });
    expect(shipper.volumeMounts).toContainEqual({ name: 'app-logs', mountPath: '/var/log/app', readOnly: true });
    expect(shipper.ports).toEqual([{ name: 'fluentbit-http', containerPort: 2020 }]);
    expect(shipper.env).toEqual([{ name: 'LOG_OUTPUT_0_PASSWORD', valueFrom: { secretKeyRef: { name: 'loki-credentials', key: 'password' } } }]);
  });

  test('the shipper configuration parses and sends JSON logs to Loki', () => {
    const volume = webPod.spec.volumes.find((v: any) => v.name === 'log-shipper-config');
    const configMap = byKind('ConfigMap').find(m => m.metadata.name === volume.configMap.name);
    const files = Object.fromEntries(Object.entries(configMap.data as Record<string, string>).map(([k, v]) => [`/fluent-bit/config/${k}`, v]));
    const sections = parseFluentBit(files, '/fluent-bit/config/fluent-bit.conf');
    expect(sections.map(s => s.name)).toEqual(['SERVICE', 'INPUT', 'OUTPUT']);
    expect(get(sections[1], 'Path')).toBe('/var/log/app/*.log');
    expect(get(sections[1], 'Parser')).toBe('json');
    expect(get(sections[2], 'Name')).toBe('loki');
    expect(get(sections[2], 'Labels')).toBe('app=miniflux, namespace=miniflux-observed');
    expect(get(sections[2], 'Http_Passwd')).toBe('${LOG_OUTPUT_0_PASSWORD}');
  });

  test('metrics: Miniflux serves them itself; PostgreSQL has its exporter on localhost', () => {
    expect(webPod.metadata.annotations).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '8080', 'prometheus.io/path': '/metrics' });
    expect(dbPod.metadata.annotations).toMatchObject({ 'prometheus.io/port': '9187' });
    const exporter = dbPod.spec.containers.find((c: any) => c.name === 'postgres-exporter');
    expect(exporter.env.find((e: any) => e.name === 'DATA_SOURCE_URI').value).toBe('localhost:5432/miniflux?sslmode=disable');
    expect(exporter.env.find((e: any) => e.name === 'DATA_SOURCE_PASS').valueFrom.secretKeyRef).toEqual({ name: 'miniflux-db', key: 'password' });
    const monitors = byKind('ServiceMonitor');
    expect(monitors.map(m => [m.spec.endpoints[0].port, m.metadata.labels.release])).toEqual([['metrics', 'prometheus'], ['http', 'prometheus']]);
    expect(monitors.every(m => m.spec.namespaceSelector.matchNames[0] === 'miniflux-observed')).toBe(true);
  });

  test('NetworkPolicies: Prometheus scrapes the database exporter, the shipper reaches Loki, nothing else opens', () => {
    const pod = (name: string, namespace: string, labels: Record<string, string>) => ({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace },
      spec: { template: { metadata: { labels }, spec: { containers: [{ name: 'app' }] } } },
    });
    const net = new NetworkPolicyEvaluator([...manifests,
      pod('prometheus', 'monitoring', { app: 'prometheus' }), pod('loki', 'monitoring', { app: 'loki' }), pod('stranger', 'default', { app: 'x' })]);
    const [web, db] = [net.pod('Deployment', chart.web.deployment.name), net.pod('StatefulSet', chart.db.statefulSet.name)];
    const [prometheus, loki, stranger] = ['prometheus', 'loki', 'stranger'].map(name => net.pod('Deployment', name));
    expect(net.allows(prometheus, db, 9187)).toBe(true);
    expect(net.allows(prometheus, db, 5432)).toBe(false);
    expect(net.allows(stranger, db, 9187)).toBe(false);
    expect(net.allows(prometheus, web, 8080)).toBe(true);
    expect(net.allows(web, loki, 3100)).toBe(true);
    expect(net.allows(web, db, 5432)).toBe(true);
    expect(net.allows(web, db, 9187)).toBe(false);
    expect(net.allows(web, { ip: '203.0.113.9' }, 3101)).toBe(false);
    // the web app admits only the ingress-nginx controller and the scrapers (namespace monitoring), on 8080
    const controller = { name: 'controller', namespace: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx' } };
    expect(net.allows(controller, web, 8080)).toBe(true);
    expect(net.allows(stranger, web, 8080)).toBe(false);
    expect(net.allows(prometheus, web, 9187)).toBe(false);
    expect(net.allows(db, web, 8080)).toBe(false);
  });
});
