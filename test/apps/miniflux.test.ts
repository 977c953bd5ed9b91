import { Testing } from 'cdk8s';
import { MinifluxChart } from '../../src/apps/miniflux/chart';
import { kubeYamlSerializer, NetworkPolicyEvaluator, PodEndpoint, synthChart } from '../../src/testing';
import { podSpecsOf, pssRestrictedViolations } from '../constructs/pss-restricted';

expect.addSnapshotSerializer(kubeYamlSerializer);

describe('MinifluxChart', () => {
  const chart = new MinifluxChart(Testing.app(), 'miniflux');
  const manifests: any[] = synthChart(chart);
  const byKind = (kind: string) => manifests.filter(m => m.kind === kind);
  const deployment = byKind('Deployment')[0];
  const cronJob = byKind('CronJob')[0];
  const webPod = deployment.spec.template.spec;
  const taskPod = cronJob.spec.jobTemplate.spec.template.spec;

  test('snapshot', () => {
    expect(manifests).toMatchSnapshot();
  });

  test('objects of the example', () => {
    expect(manifests.map(m => `${m.kind}/${m.metadata.name}`)).toEqual([
      'ServiceAccount/miniflux-db-serviceaccount-c80a3638',
      'Service/miniflux-db-headless-c859b1a0',
      'StatefulSet/miniflux-db-c8d8f5b1',
      'Service/miniflux-db-service-c8c88fb9',
      'PodDisruptionBudget/miniflux-db-pdb-c8db5ae1',
      'NetworkPolicy/miniflux-db-networkpolicy-c8634bb5',
      'ServiceAccount/miniflux-web-serviceaccount-c80cd9c2',
      'Deployment/miniflux-web-c89c61f3',
      'ConfigMap/miniflux-web-config-c8569b29',
      'Service/miniflux-web-service-c8a7e72a',
      'Ingress/miniflux-web-ingress-c85fc593',
      'NetworkPolicy/miniflux-web-inbound-c8a5eee1',
      'PodDisruptionBudget/miniflux-web-pdb-c8269d10',
      'NetworkPolicy/miniflux-web-connections-dns-c897d014',
      'NetworkPolicy/miniflux-web-connections-db-egress-c83ac04a',
      'NetworkPolicy/miniflux-web-connections-egress-c8ab2081',
      'ServiceAccount/miniflux-cleanup-serviceaccount-c885a9be',
      'CronJob/miniflux-cleanup-c8123191',
      'ConfigMap/miniflux-cleanup-config-c81bc330',
      'NetworkPolicy/miniflux-cleanup-connections-dns-c8c1f5c4',
      'NetworkPolicy/miniflux-cleanup-connections-db-egress-c8efd6ea',
    ]);
    expect(manifests.every(m => m.metadata.namespace === 'miniflux')).toBe(true);
  });

  test('the app and the task get the connection variables, the URL last and without secret values', () => {
    expect(webPod.containers[0].env[0]).toEqual({ name: 'ADMIN_PASSWORD', valueFrom: { secretKeyRef: { name: 'miniflux-admin', key: 'password', optional: false } } });
    for (const env of [webPod.containers[0].env.slice(1), taskPod.containers[0].env]) {
      expect(env.map((v: any) => v.name)).toEqual(['DB_HOST', 'DB_PORT', 'DB_NAME', 'DB_USER', 'DB_PASSWORD', 'DATABASE_URL']);
      expect(env[0].value).toBe(chart.db.connection.host);
      expect(env[3]).toEqual({ name: 'DB_USER', valueFrom: { secretKeyRef: { name: 'miniflux-db', key: 'username' } } });
      expect(env[4]).toEqual({ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'miniflux-db', key: 'password' } } });
      expect(env[5].value).toBe('postgresql://$(DB_USER):$(DB_PASSWORD)@$(DB_HOST):$(DB_PORT)/$(DB_NAME)');
    }
    expect(JSON.stringify(manifests)).not.toMatch(/"kind":"Secret"/);
  });

  test('both pods wait for PostgreSQL first', () => {
    for (const pod of [webPod, taskPod]) {
      expect(pod.initContainers.map((c: any) => c.name)).toEqual(['wait-for-db']);
      expect(pod.initContainers[0].image).toBe(chart.db.waitFor.image);
    }
  });

  test('the nightly cleanup runs Miniflux\'s cleanup tasks at 03:15 Berlin time', () => {
    expect(cronJob.spec).toMatchObject({ schedule: '15 3 * * *', timeZone: 'Europe/Berlin', concurrencyPolicy: 'Forbid' });
    expect(taskPod.containers[0].command).toEqual(['/usr/bin/miniflux', '-run-cleanup-tasks']);
    expect(cronJob.spec.jobTemplate.spec).toMatchObject({ activeDeadlineSeconds: 3600, backoffLimit: 2 });
  });

  test('every pod passes PSS restricted', () => {
    const specs = podSpecsOf(manifests);
    expect(specs.map(s => s.kind)).toEqual(['StatefulSet', 'Deployment', 'CronJob']);
    for (const { spec } of specs) {
      expect(pssRestrictedViolations(spec)).toEqual([]);
    }
  });

  test('the NetworkPolicies allow exactly the declared connections', () => {
    // GIVEN the example's pods, an unrelated pod in the namespace, and the cluster DNS
    const net = new NetworkPolicyEvaluator(manifests);
    const web = net.pod('Deployment', deployment.metadata.name);
    const task = net.pod('CronJob', cronJob.metadata.name);
    const db = net.pod('StatefulSet', byKind('StatefulSet')[0].metadata.name);
    const unrelated: PodEndpoint = { name: 'unrelated', namespace: 'miniflux', labels: { 'app.kubernetes.io/name': 'debug' } };
    const otherNamespace: PodEndpoint = { name: 'elsewhere', namespace: 'shop', labels: web.labels };
    const dns: PodEndpoint = { name: 'kube-dns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } };
    const internet = { ip: '93.184.216.34' };
    const port = chart.db.connection.port;
    // THEN clients reach the database port, nothing else reaches it
    expect(port).toBe(5432);
    expect(net.allows(web, db, port)).toBe(true);
    expect(net.allows(task, db, port)).toBe(true);
    expect(net.allows(unrelated, db, port)).toBe(false);
    expect(net.allows(otherNamespace, db, port)).toBe(false);
    // clients reach no other port of the database
    expect(net.allows(web, db, 5433)).toBe(false);
    expect(net.allows(task, db, 22)).toBe(false);
    // DNS is allowed over UDP and TCP, and nothing else in kube-system
    for (const pod of [web, task]) {
      expect(net.allows(pod, dns, 53, 'UDP')).toBe(true);
      expect(net.allows(pod, dns, 53, 'TCP')).toBe(true);
      expect(net.allows(pod, dns, 9153)).toBe(false);
    }
    // the web app may fetch feeds over HTTP(S); the task may not leave the cluster
    expect(net.allows(web, internet, 443)).toBe(true);
    expect(net.allows(web, internet, 80)).toBe(true);
    expect(net.allows(web, internet, 25)).toBe(false);
    expect(net.allows(task, internet, 443)).toBe(false);
    // the web app and the task do not talk to each other's pods beyond what is declared
    expect(net.allows(task, web, 8080)).toBe(false);
    // the web app admits only the ingress-nginx controller, on its port (inbound)
    const controller: PodEndpoint = { name: 'controller', namespace: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx' } };
    const otherInIngressNamespace: PodEndpoint = { name: 'other', namespace: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'cert-manager' } };
    expect(net.allows(controller, web, 8080)).toBe(true);
    expect(net.allows(controller, web, 8081)).toBe(false);
    expect(net.allows(otherInIngressNamespace, web, 8080)).toBe(false);
    expect(net.allows(unrelated, web, 8080)).toBe(false);
    expect(net.allows(internet, web, 8080)).toBe(false);
    expect(net.allows(controller, db, port)).toBe(false);
  });
});
