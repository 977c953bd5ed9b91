import { capacityOf, CapacityFormat, formatCapacity, ReplicaMode } from '../../../src/delivery/graph';
import { FIXTURE } from './fixture';

const GI = 1024 ** 3;
const MI = 1024 ** 2;
const report = capacityOf(FIXTURE);

test('multiplies per-pod resources by replicas, with the HPA range for autoscaled workloads', () => {
  const web = report.workloads.find(w => w.name === 'web')!;
  expect(web.replicas).toStrictEqual({ min: 2, max: 5, mode: ReplicaMode.AUTOSCALED });
  expect(web.podRequests).toStrictEqual({ cpuMillis: 300, memoryBytes: 320 * MI });
  expect(web.requests).toStrictEqual({ cpuMillis: { min: 600, max: 1500 }, memoryBytes: { min: 640 * MI, max: 1600 * MI } });
  // the proxy container sets no limit
  expect([web.cpuUnlimited, web.memoryUnlimited]).toStrictEqual([true, true]);
  expect(web.limits).toStrictEqual({ cpuMillis: { min: 2000, max: 5000 }, memoryBytes: { min: 1 * GI, max: 2.5 * GI } });
});

test('takes the larger of the containers and the biggest init container, and counts claim templates per replica', () => {
  const db = report.workloads.find(w => w.name === 'db')!;
  expect(db.replicas).toStrictEqual({ min: 3, max: 3, mode: ReplicaMode.FIXED });
  expect(db.podRequests).toStrictEqual({ cpuMillis: 1000, memoryBytes: 1 * GI });
  expect(db.limits).toStrictEqual({ cpuMillis: { min: 6000, max: 6000 }, memoryBytes: { min: 6 * GI, max: 6 * GI } });
  expect(db.storageBytes).toStrictEqual({ min: 30 * GI, max: 30 * GI });
});

test('counts Job parallelism per run and a DaemonSet once', () => {
  expect(report.workloads.map(w => [w.kind, w.name, w.replicas.mode, w.replicas.min])).toStrictEqual([
    ['Deployment', 'web', ReplicaMode.AUTOSCALED, 2],
    ['StatefulSet', 'db', ReplicaMode.FIXED, 3],
    ['DaemonSet', 'agent', ReplicaMode.PER_NODE, 1],
    ['CronJob', 'report', ReplicaMode.PER_RUN, 2],
  ]);
  expect(report.workloads.find(w => w.name === 'report')!.requests.cpuMillis).toStrictEqual({ min: 200, max: 200 });
});

test('sums totals, including standalone claims', () => {
  expect(report.claims).toStrictEqual([{ name: 'uploads', namespace: 'shop', storageBytes: 20 * GI }]);
  expect(report.total).toStrictEqual({
    requests: { cpuMillis: { min: 3810, max: 4710 }, memoryBytes: { min: 4000 * MI, max: 4960 * MI } },
    limits: { cpuMillis: { min: 8450, max: 11450 }, memoryBytes: { min: 7744 * MI, max: 9280 * MI } },
    storageBytes: { min: 50 * GI, max: 50 * GI },
    cpuUnlimited: true,
    memoryUnlimited: true,
  });
});

test('formats the table as text', () => {
  expect(formatCapacity(report, { title: 'Capacity of prod' })).toMatchSnapshot();
});

test('formats the table as markdown', () => {
  const text = formatCapacity(report, { format: CapacityFormat.MARKDOWN });
  expect(text).toContain('| shop | web | Deployment | 2–5 (HPA) | 600m–1.5 | 2–5+ | 640Mi–1.56Gi | 1Gi–2.5Gi+ | - |');
  expect(text).toContain('|  | **Total** |  |  | 3.81–4.71 | 8.45–11.45+ | 3.91Gi–4.84Gi | 7.56Gi–9.06Gi+ | 50Gi |');
  expect(text).toMatchSnapshot();
});
