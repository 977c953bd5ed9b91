import { buildGraph, EdgeKind, NodeKind } from '../../../src/delivery/graph';
import { FIXTURE } from './fixture';

const graph = buildGraph(FIXTURE);
const edge = (from: string, to: string) => graph.edges.filter(e => e.from === from && e.to === to)
  .map(e => ({ kind: e.kind, label: e.label, allowed: e.allowed }));

test('has a node per Ingress, Service, workload, ConfigMap, Secret and claim, plus referenced and external ones', () => {
  expect(graph.nodes.map(n => [n.id, n.kind, n.external, n.database, n.detail])).toStrictEqual([
    ['ing_shop__web', NodeKind.INGRESS, false, false, 'shop.example.com'],
    ['svc_shop__db', NodeKind.SERVICE, false, true, 'ClusterIP :5432'],
    ['svc_shop__web', NodeKind.SERVICE, false, false, 'ClusterIP :80'],
    ['deploy_shop__web', NodeKind.DEPLOYMENT, false, false, 'replicas 2–5 (HPA)'],
    ['sts_shop__db', NodeKind.STATEFUL_SET, false, true, 'replicas 3'],
    ['ds_shop__agent', NodeKind.DAEMON_SET, false, false, 'replicas 1/node'],
    ['cj_shop__report', NodeKind.CRON_JOB, false, false, 'schedule 0 2 * * *'],
    ['cm_shop__db_config', NodeKind.CONFIG_MAP, false, false, '1 key'],
    ['cm_shop__web_config', NodeKind.CONFIG_MAP, false, false, '2 keys'],
    ['secret_shop__db_credentials', NodeKind.SECRET, true, false, 'not defined here'],
    ['secret_shop__report_token', NodeKind.SECRET, false, false, '1 key'],
    ['secret_shop__web_tls', NodeKind.SECRET, true, false, 'not defined here'],
    ['pvc_shop__data_db__', NodeKind.PERSISTENT_VOLUME_CLAIM, false, false, 'claim template, 10Gi each'],
    ['pvc_shop__uploads', NodeKind.PERSISTENT_VOLUME_CLAIM, false, false, '20Gi'],
    ['ext_shop__10_0_0_0_8', NodeKind.EXTERNAL, true, false, ''],
    ['ext_shop__all_pods_in_namespaces_kubernetes_io_metadata_name_ingress_nginx', NodeKind.EXTERNAL, true, false, ''],
  ]);
  expect(graph.namespaces).toStrictEqual(['shop']);
});

test('routes an Ingress to its Service and TLS Secret, and a Service to the pods it selects', () => {
  expect(edge('ing_shop__web', 'svc_shop__web')).toStrictEqual([{ kind: EdgeKind.ROUTES, label: ':80', allowed: true }]);
  expect(edge('ing_shop__web', 'secret_shop__web_tls')).toStrictEqual([{ kind: EdgeKind.SECRET, label: 'tls', allowed: true }]);
  expect(edge('svc_shop__web', 'deploy_shop__web')).toStrictEqual([{ kind: EdgeKind.SELECTS, label: ':80→8080', allowed: true }]);
  expect(edge('svc_shop__db', 'sts_shop__db')).toStrictEqual([{ kind: EdgeKind.SELECTS, label: ':5432', allowed: true }]);
});

test('links workloads to their ConfigMaps, Secrets and claims (env, envFrom, volumes, claim templates)', () => {
  expect(edge('deploy_shop__web', 'cm_shop__web_config')).toStrictEqual([{ kind: EdgeKind.CONFIG, label: 'envFrom', allowed: true }]);
  expect(edge('deploy_shop__web', 'secret_shop__db_credentials')).toStrictEqual([{ kind: EdgeKind.SECRET, label: 'env', allowed: true }]);
  expect(edge('deploy_shop__web', 'pvc_shop__uploads')).toStrictEqual([{ kind: EdgeKind.MOUNTS, label: 'volume', allowed: true }]);
  expect(edge('sts_shop__db', 'cm_shop__db_config')).toStrictEqual([{ kind: EdgeKind.CONFIG, label: 'volume', allowed: true }]);
  expect(edge('sts_shop__db', 'pvc_shop__data_db__')).toStrictEqual([{ kind: EdgeKind.MOUNTS, label: 'data', allowed: true }]);
  expect(edge('cj_shop__report', 'secret_shop__report_token')).toStrictEqual([{ kind: EdgeKind.SECRET, label: 'volume', allowed: true }]);
});

test('a DB_HOST variable naming a Service is a database connection, allowed by the database policy', () => {
  expect(edge('deploy_shop__web', 'svc_shop__db')).toStrictEqual([{ kind: EdgeKind.CONNECTS, label: 'DB_HOST :5432', allowed: true }]);
  // folded into the connection: no separate traffic edge to the database pods
  expect(edge('deploy_shop__web', 'sts_shop__db')).toStrictEqual([]);
});

test('egress to database pods is a connection; blocked when the database ingress policy does not admit the client', () => {
  expect(edge('cj_shop__report', 'sts_shop__db')).toStrictEqual([{ kind: EdgeKind.CONNECTS, label: ':5432', allowed: false }]);
});

test('policy peers outside the objects become external nodes; DNS rules are left out by default', () => {
  expect(edge('cj_shop__report', 'ext_shop__10_0_0_0_8')).toStrictEqual([{ kind: EdgeKind.TRAFFIC, label: ':443', allowed: true }]);
  expect(edge('ext_shop__all_pods_in_namespaces_kubernetes_io_metadata_name_ingress_nginx', 'deploy_shop__web'))
    .toStrictEqual([{ kind: EdgeKind.TRAFFIC, label: ':http', allowed: true }]);
  expect(graph.nodes.filter(n => n.name.includes('kube-system'))).toStrictEqual([]);
  const withDns = buildGraph(FIXTURE, { includeDns: true });
  expect(withDns.edges.filter(e => e.label === ':53/UDP').map(e => [e.from, e.to])).toStrictEqual([
    ['cj_shop__report', 'ext_shop__all_pods_in_namespaces_kubernetes_io_metadata_name_kube_system'],
  ]);
});

test('is deterministic and independent of the input order', () => {
  expect(buildGraph([...FIXTURE].reverse())).toStrictEqual(graph);
});
