import { App } from 'cdk8s';
import { WordpressChart } from '../../src/apps/wordpress/chart';
import { Environment, Environments, PodSecurityLevel, SECURITY_OPT_OUT_ANNOTATION, Severity, testing, validate } from '../../src';

/*
 * The Kubernetes "WordPress and MySQL with Persistent Volumes" tutorial with the public API: the
 * semantics that carry over, written as expectations.
 */

type Obj = Record<string, any>;
const chart = new WordpressChart(new App(), 'wordpress');
const objects = testing.synthChart(chart) as Obj[];
const mysql = objects.find(o => o.kind === 'StatefulSet')!;
const wordpress = objects.find(o => o.kind === 'Deployment')!;
const env = (o: Obj) => Object.fromEntries((o.spec.template.spec.containers[0].env as Obj[]).map(e => [e.name, e.value ?? e.valueFrom]));
const secret = (key: string) => ({ secretKeyRef: expect.objectContaining({ name: 'mysql-pass', key }) });

describe('WordPress and MySQL', () => {
  test('no validation error under Pod Security "baseline"; under "restricted" the root opt-out is reported', () => {
    expect(validate(chart, { podSecurity: PodSecurityLevel.BASELINE }).findings.filter(f => f.severity === Severity.ERROR)).toStrictEqual([]);
    const restricted = validate(chart).findings.filter(f => f.severity === Severity.ERROR);
    expect(restricted.length).toBeGreaterThan(0);
    expect(new Set(restricted.map(f => `${f.object.kind} ${f.rule}`))).toStrictEqual(new Set(['Deployment policy/pod-security']));
  });

  test('in an environment that chooses "baseline" for its Namespace it validates clean under the default run, with one note naming the opt-out', () => {
    const app = new App();
    new Environments(app, 'Environments', {
      environments: [Environment.of({ name: 'blog', namespace: 'wordpress', podSecurity: PodSecurityLevel.BASELINE })],
      build: (scope, e) => new WordpressChart(scope, 'wordpress', e.chartProps()),
    });
    const report = validate(app);
    expect(report.findings.filter(f => f.severity === Severity.ERROR)).toStrictEqual([]);
    const notes = report.findings.filter(f => f.rule === 'policy/pod-security-relaxed');
    expect(notes.map(f => [f.severity, f.object.kind, f.constructPath, f.path])).toStrictEqual([
      [Severity.WARNING, 'Deployment', 'blog/wordpress/Wordpress/Resource/Resource', 'spec.template.spec'],
    ]);
    expect(notes[0].message).toBe(
      'Forbidden by PodSecurity "restricted:v1.28", allowed by "baseline:v1.28" of Namespace "wordpress" (pod-security.kubernetes.io/enforce=baseline): '
      + 'runAsNonRoot != true (pod must not set securityContext.runAsNonRoot=false); '
      + 'runAsNonRoot != true (container "app" must not set securityContext.runAsNonRoot=false); '
      + 'unrestricted capabilities (container "app" must not include "CHOWN" in securityContext.capabilities.add); '
      + 'unrestricted capabilities (container "app" must not include "DAC_OVERRIDE" in securityContext.capabilities.add); '
      + 'unrestricted capabilities (container "app" must not include "FOWNER" in securityContext.capabilities.add); '
      + 'unrestricted capabilities (container "app" must not include "SETGID" in securityContext.capabilities.add); '
      + 'unrestricted capabilities (container "app" must not include "SETUID" in securityContext.capabilities.add); '
      + 'security opt-out: "the official wordpress image starts Apache as root: it binds port 80, owns /var/www/html and drops to www-data"',
    );
  });

  test('MySQL: the image, the wordpress database and user, the passwords from mysql-pass, 20 GiB at /var/lib/mysql', () => {
    const container = mysql.spec.template.spec.containers[0];
    expect(container.image).toMatch(/^mysql:8\.0\.\d+$/);
    expect(env(mysql)).toMatchObject({
      MYSQL_DATABASE: 'wordpress', MYSQL_USER: 'wordpress', MYSQL_PASSWORD: secret('password'), MYSQL_ROOT_PASSWORD: secret('password'),
    });
    expect(container.ports).toStrictEqual([{ containerPort: 3306, name: 'mysql' }]);
    const [claim] = mysql.spec.volumeClaimTemplates;
    expect([claim.spec.accessModes, claim.spec.resources.requests.storage]).toStrictEqual([['ReadWriteOnce'], '20Gi']);
    expect(container.volumeMounts.find((m: Obj) => m.name === claim.metadata.name).mountPath).toBe('/var/lib/mysql');
  });

  test('WordPress: the image, the WORDPRESS_DB_* variables, port 80 behind a LoadBalancer, Recreate, 20 GiB at /var/www/html', () => {
    const pod = wordpress.spec.template.spec;
    const container = pod.containers[0];
    expect(container.image).toBe('wordpress:6.2.1-apache');
    const mysqlService = objects.find(o => o.kind === 'Service' && o.metadata.labels['app.kubernetes.io/name'] === 'wordpress-mysql' && o.spec.clusterIP !== 'None')!;
    expect(env(wordpress)).toMatchObject({
      WORDPRESS_DB_HOST: `${mysqlService.metadata.name}.wordpress.svc`, WORDPRESS_DB_USER: 'wordpress',
      WORDPRESS_DB_NAME: 'wordpress', WORDPRESS_DB_PASSWORD: secret('password'),
    });
    expect(container.ports).toStrictEqual([{ containerPort: 80, name: 'wordpress' }]);
    const service = objects.find(o => o.kind === 'Service' && o.metadata.labels['app.kubernetes.io/name'] === 'wordpress')!;
    expect([service.spec.type, service.spec.ports[0].port, service.spec.ports[0].targetPort]).toStrictEqual(['LoadBalancer', 80, 80]);
    expect([wordpress.spec.replicas, wordpress.spec.strategy]).toStrictEqual([1, { type: 'Recreate' }]);
    const claim = objects.find(o => o.kind === 'PersistentVolumeClaim')!;
    expect([claim.spec.accessModes, claim.spec.resources.requests.storage]).toStrictEqual([['ReadWriteOnce'], '20Gi']);
    const volume = pod.volumes.find((v: Obj) => v.persistentVolumeClaim?.claimName === claim.metadata.name);
    expect(container.volumeMounts.find((m: Obj) => m.name === volume.name).mountPath).toBe('/var/www/html');
  });

  test('NetworkPolicies (a deliberate difference): MySQL admits only WordPress on 3306; WordPress admits port 80 only and reaches only MySQL and DNS', () => {
    const policies = objects.filter(o => o.kind === 'NetworkPolicy');
    const selects = (p: Obj, o: Obj) => Object.entries(p.spec.podSelector.matchLabels).every(([k, v]) => o.spec.template.metadata.labels[k] === v);
    const [db] = policies.filter(p => selects(p, mysql));
    expect(db.spec.policyTypes).toStrictEqual(['Ingress']);
    expect(db.spec.ingress).toHaveLength(1);
    expect(db.spec.ingress[0].ports).toStrictEqual([{ port: 3306, protocol: 'TCP' }]);
    expect(Object.entries(db.spec.ingress[0].from[0].podSelector.matchLabels).every(([k, v]) => wordpress.spec.template.metadata.labels[k] === v)).toBe(true);
    const egress = policies.filter(p => selects(p, wordpress)).flatMap(p => (p.spec.egress ?? []) as Obj[]);
    expect(egress.map(e => e.ports)).toStrictEqual([
      [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }],
      [{ port: 3306, protocol: 'TCP' }],
    ]);
    // WordPress's inbound policy: any address (its LoadBalancer forwards outside traffic), on port 80 only
    const inbound = policies.filter(p => selects(p, wordpress) && p.spec.policyTypes.includes('Ingress'));
    expect(inbound.map(p => p.spec.ingress)).toStrictEqual([[{ ports: [{ port: 80, protocol: 'TCP' }] }]]);
  });

  test('the evaluator: outside traffic reaches WordPress on 80 only, MySQL only from WordPress; no workload without a NetworkPolicy', () => {
    const net = new testing.NetworkPolicyEvaluator(objects);
    const [web, db] = [net.pod('Deployment', wordpress.metadata.name), net.pod('StatefulSet', mysql.metadata.name)];
    const visitor = { ip: '203.0.113.9' };
    const neighbour = { name: 'neighbour', namespace: 'wordpress', labels: { 'app.kubernetes.io/name': 'other' } };
    expect(net.allows(visitor, web, 80)).toBe(true);
    expect(net.allows(visitor, web, 8080)).toBe(false);
    expect(net.allows(neighbour, web, 22)).toBe(false);
    expect(net.allows(web, db, 3306)).toBe(true);
    expect(net.allows(neighbour, db, 3306)).toBe(false);
    expect(net.allows(visitor, db, 3306)).toBe(false);
    expect(validate(chart).findings.filter(f => f.rule === 'policy/network-policy-missing')).toStrictEqual([]);
  });

  test('Apache runs as the image user with a recorded reason; the wait container keeps the secure defaults', () => {
    expect(wordpress.metadata.annotations[SECURITY_OPT_OUT_ANNOTATION]).toMatch(/starts Apache as root/);
    const pod = wordpress.spec.template.spec;
    expect(pod.containers[0].securityContext).toMatchObject({ runAsNonRoot: false, capabilities: { drop: ['ALL'] } });
    expect(pod.containers[0].securityContext.runAsUser).toBeUndefined();
    expect(pod.initContainers[0].securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001, capabilities: { drop: ['ALL'] } });
  });
});
