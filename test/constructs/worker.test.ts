import { ApiObject, Chart, Testing } from 'cdk8s';
import { DisruptionBudget, PercentOrCount } from '../../src/constructs/workload/availability';
import { HealthCheck } from '../../src/constructs/pod/health-check';
import { Image } from '../../src/constructs/pod/image';
import { ResourcePreset, Resources } from '../../src/constructs/pod/resources';
import { Worker, WorkerProps } from '../../src/constructs/worker';
import { kubeYamlSerializer } from '../../src/testing';
import { podSpecsOf, pssRestrictedViolations } from './pss-restricted';

expect.addSnapshotSerializer(kubeYamlSerializer);

const IMAGE = Image.of('ghcr.io/acme/mailer:1.0.3');

function synthWorker(props: Partial<WorkerProps> = {}): { chart: Chart; worker: Worker; manifests: any[] } {
  const chart = Testing.chart();
  const worker = new Worker(chart, 'Mailer', { image: IMAGE, ...props });
  return { chart, worker, manifests: Testing.synth(chart) };
}

function ofKind(manifests: any[], kind: string): any[] {
  return manifests.filter(m => m.kind === kind);
}

describe('Worker snapshots', () => {
  test('defaults', () => {
    expect(synthWorker().manifests).toMatchSnapshot();
  });

  test('autoscaling with a metrics port and an exec health check', () => {
    expect(synthWorker({
      command: ['./mailer', 'consume'],
      ports: [{ name: 'metrics', number: 9100 }],
      health: HealthCheck.exec(['./mailer', 'healthcheck']),
      resources: Resources.preset(ResourcePreset.MEDIUM),
      autoscaling: { minReplicas: 2, maxReplicas: 8, cpuUtilization: 60 },
      config: { QUEUE: 'mail' },
    }).manifests).toMatchSnapshot();
  });
});

describe('Worker defaults', () => {
  test('renders a ServiceAccount, a Deployment and a PDB, and no Service', () => {
    // GIVEN / WHEN
    const { worker, manifests } = synthWorker();
    // THEN
    expect(manifests.map(m => m.kind)).toEqual(['ServiceAccount', 'Deployment', 'PodDisruptionBudget']);
    expect(ApiObject.of(worker).kind).toBe('Deployment');
    expect(worker.deployment.name).toBe(ofKind(manifests, 'Deployment')[0].metadata.name);
  });

  test('component label is worker and the selector holds name and instance', () => {
    const { worker, manifests } = synthWorker();
    const deployment = ofKind(manifests, 'Deployment')[0];
    expect(deployment.metadata.labels['app.kubernetes.io/component']).toBe('worker');
    expect(worker.labels.selector).toEqual({
      'app.kubernetes.io/name': 'mailer',
      'app.kubernetes.io/instance': 'test-mailer-c8fa5611',
    });
    expect(deployment.spec.selector.matchLabels).toMatchObject(worker.labels.selector);
  });

  test('two replicas with maxUnavailable 1 PDB', () => {
    const { worker, manifests } = synthWorker();
    expect(worker.replicas).toBe(2);
    expect(ofKind(manifests, 'Deployment')[0].spec.replicas).toBe(2);
    expect(ofKind(manifests, 'PodDisruptionBudget')[0].spec.maxUnavailable).toBe(1);
  });

  test('no ports and no probes', () => {
    const container = ofKind(synthWorker().manifests, 'Deployment')[0].spec.template.spec.containers[0];
    expect(container.ports).toBeUndefined();
    expect(container.readinessProbe).toBeUndefined();
    expect(container.livenessProbe).toBeUndefined();
    expect(container.startupProbe).toBeUndefined();
  });

  test('pods pass PSS restricted', () => {
    for (const { spec } of podSpecsOf(synthWorker({ autoscaling: { maxReplicas: 4 } }).manifests)) {
      expect(pssRestrictedViolations(spec)).toEqual([]);
    }
  });
});

describe('Worker props', () => {
  test('one replica has no PDB', () => {
    const { worker, manifests } = synthWorker({ replicas: 1 });
    expect(worker.pdb).toBeUndefined();
    expect(worker.disruptionBudget.enabled).toBe(false);
    expect(ofKind(manifests, 'PodDisruptionBudget')).toEqual([]);
  });

  test('explicit disruption budget', () => {
    const { manifests } = synthWorker({ replicas: 3, disruptionBudget: DisruptionBudget.minAvailable(PercentOrCount.percent(50)) });
    expect(ofKind(manifests, 'PodDisruptionBudget')[0].spec).toMatchObject({ minAvailable: '50%' });
  });

  test('autoscaling owns the replica count', () => {
    const { worker, manifests } = synthWorker({ autoscaling: { maxReplicas: 5 } });
    expect(worker.autoscaling).toEqual({ minReplicas: 2, maxReplicas: 5, cpuUtilization: 70, memoryUtilization: undefined });
    expect(ofKind(manifests, 'Deployment')[0].spec.replicas).toBeUndefined();
    const hpa = ofKind(manifests, 'HorizontalPodAutoscaler')[0];
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: worker.deployment.name });
    expect(hpa.spec.minReplicas).toBe(2);
    expect(hpa.spec.maxReplicas).toBe(5);
  });

  test('a port gives the default TCP health check', () => {
    const container = ofKind(synthWorker({ ports: [{ name: 'metrics', number: 9100 }] }).manifests, 'Deployment')[0]
      .spec.template.spec.containers[0];
    expect(container.readinessProbe.tcpSocket).toEqual({ port: 'metrics' });
  });

  test('component and appName overrides', () => {
    const deployment = ofKind(synthWorker({ appName: 'mail', component: 'consumer' }).manifests, 'Deployment')[0];
    expect(deployment.metadata.labels['app.kubernetes.io/name']).toBe('mail');
    expect(deployment.metadata.labels['app.kubernetes.io/component']).toBe('consumer');
  });
});

describe('Worker errors', () => {
  test('negative replicas', () => {
    expect(() => synthWorker({ replicas: -1 })).toThrow('[test/Mailer] \'replicas\' (-1) must be a non-negative integer');
  });

  test('autoscaling minimum above maximum', () => {
    expect(() => synthWorker({ autoscaling: { minReplicas: 4, maxReplicas: 3 } }))
      .toThrow('[test/Mailer] \'autoscaling.minReplicas\' (4) must be less than or equal to \'autoscaling.maxReplicas\' (3)');
  });

  test('autoscaling without a CPU request', () => {
    expect(() => synthWorker({ resources: Resources.of({}), autoscaling: { maxReplicas: 3 } }))
      .toThrow('[test/Mailer] \'autoscaling.cpuUtilization\' needs a CPU request: set \'resources\' with a cpu.request or a preset');
  });
});
