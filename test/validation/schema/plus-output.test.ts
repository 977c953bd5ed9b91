import { Cron, Testing } from 'cdk8s';
import { plus } from '../../../src/constructs/core/plus';
import { SCHEMA_RULES } from '../../../src/validation/schema';
import { PodSecurityLevel } from '../../../src/validation/rule';

describe('what cdk8s-plus-28 renders passes the strict schema', () => {
  test('workloads, services, config, autoscaling and ingress', () => {
    // GIVEN a chart with the main cdk8s-plus constructs
    const chart = Testing.chart();
    const web = new plus.Deployment(chart, 'Web', {
      containers: [{ image: 'nginx', portNumber: 80, envVariables: { A: plus.EnvValue.fromValue('1') } }],
    });
    const service = web.exposeViaService({ name: 'web' });
    new plus.ConfigMap(chart, 'Config', { data: { a: 'b' } });
    new plus.Secret(chart, 'Secret', { stringData: { a: 'b' } });
    new plus.CronJob(chart, 'Job', { schedule: Cron.daily(), containers: [{ image: 'busybox' }] });
    new plus.HorizontalPodAutoscaler(chart, 'Hpa', { target: web, maxReplicas: 3 });
    new plus.Ingress(chart, 'Ingress', { rules: [{ path: '/', backend: plus.IngressBackend.fromService(service) }] });
    new plus.StatefulSet(chart, 'Db', { containers: [{ image: 'postgres', portNumber: 5432 }], service });
    // WHEN the schema rules run on the synthesized objects
    const objects = chart.toJson();
    const findings = objects.flatMap((o) =>
      SCHEMA_RULES.flatMap((r) =>
        r.check(o, { podSecurity: PodSecurityLevel.BASELINE, external: [] }).map((v) => `${o.kind} ${r.id} ${v.path}: ${v.message}`),
      ),
    );
    // THEN nothing is reported
    expect(objects.map((o) => o.kind).sort()).toEqual([
      'ConfigMap', 'CronJob', 'Deployment', 'HorizontalPodAutoscaler', 'Ingress', 'Secret', 'Service', 'StatefulSet',
    ]);
    expect(findings).toEqual([]);
  });
});
