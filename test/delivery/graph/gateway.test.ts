/**
 * The graph draws Gateway API objects: Gateways (with their listeners) attaching HTTPRoutes and
 * GRPCRoutes, which route to Services; a Gateway outside the objects is drawn as not defined here.
 */
import { buildGraph, EdgeKind, NodeKind, toMermaid } from '../../../src/delivery/graph';
import { KubeObject } from '../../../src/validation/types';

const API = 'gateway.networking.k8s.io/v1';
const OBJECTS: KubeObject[] = [
  {
    apiVersion: API, kind: 'Gateway', metadata: { name: 'public', namespace: 'shop' },
    spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }, { name: 'https', protocol: 'HTTPS', port: 443, hostname: '*.example.com' }] },
  },
  {
    apiVersion: API, kind: 'HTTPRoute', metadata: { name: 'web', namespace: 'shop' },
    spec: {
      parentRefs: [{ name: 'public', sectionName: 'https' }, { name: 'edge', namespace: 'infra' }],
      hostnames: ['shop.example.com'],
      rules: [{ backendRefs: [{ name: 'web', port: 80, weight: 90 }, { name: 'web-canary', port: 80, weight: 10 }] }],
    },
  },
  {
    apiVersion: API, kind: 'GRPCRoute', metadata: { name: 'cart', namespace: 'shop' },
    spec: { parentRefs: [{ name: 'public', sectionName: 'https' }], rules: [{ backendRefs: [{ name: 'cart', port: 7070 }] }] },
  },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { ports: [{ port: 80 }] } },
  { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'mesh', namespace: 'shop' }, spec: {} },
];

const graph = buildGraph(OBJECTS);
const edge = (from: string, to: string) => graph.edges.filter(e => e.from === from && e.to === to).map(e => ({ kind: e.kind, label: e.label }));

test('Gateways and routes are nodes; an Istio Gateway is not', () => {
  expect(graph.nodes.filter(n => [NodeKind.GATEWAY, NodeKind.HTTP_ROUTE, NodeKind.GRPC_ROUTE].includes(n.kind))
    .map(n => [n.id, n.kind, n.external, n.detail])).toStrictEqual([
    ['gw_infra__edge', NodeKind.GATEWAY, true, 'not defined here'],
    ['gw_shop__public', NodeKind.GATEWAY, false, 'http HTTP:80, https HTTPS:443 *.example.com'],
    ['httproute_shop__web', NodeKind.HTTP_ROUTE, false, 'shop.example.com'],
    ['grpcroute_shop__cart', NodeKind.GRPC_ROUTE, false, 'any host'],
  ]);
});

test('a Gateway attaches its routes (by listener) and routes go to their Services with weights', () => {
  expect(edge('gw_shop__public', 'httproute_shop__web')).toStrictEqual([{ kind: EdgeKind.ATTACHES, label: 'https' }]);
  expect(edge('gw_infra__edge', 'httproute_shop__web')).toStrictEqual([{ kind: EdgeKind.ATTACHES, label: '' }]);
  expect(edge('gw_shop__public', 'grpcroute_shop__cart')).toStrictEqual([{ kind: EdgeKind.ATTACHES, label: 'https' }]);
  expect(edge('httproute_shop__web', 'svc_shop__web')).toStrictEqual([{ kind: EdgeKind.ROUTES, label: ':80 weight 90' }]);
  expect(edge('httproute_shop__web', 'svc_shop__web_canary')).toStrictEqual([{ kind: EdgeKind.ROUTES, label: ':80 weight 10' }]);
  expect(edge('grpcroute_shop__cart', 'svc_shop__cart')).toStrictEqual([{ kind: EdgeKind.ROUTES, label: ':7070' }]);
});

test('the Mermaid picture draws them', () => {
  const text = toMermaid(graph);
  expect(text).toContain('gw_shop__public>"Gateway<br/>public<br/>http HTTP:80, https HTTPS:443 *.example.com"]');
  expect(text).toContain('gw_shop__public -->|"https"| httproute_shop__web');
  expect(text).toContain('httproute_shop__web -->|":80 weight 90"| svc_shop__web');
});
