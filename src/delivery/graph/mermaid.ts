/**
 * The graph as a Mermaid flowchart: one subgraph per namespace, node shapes by kind, dashed
 * nodes for objects referenced but not defined, edge styles by kind.
 */
import { AppGraph, EdgeKind, GraphEdge, GraphNode, NodeKind } from './model';

/** Options of {@link toMermaid}. */
export interface MermaidOptions {
  /**
   * A title shown above the chart (Mermaid front matter).
   * @default - no title
   */
  readonly title?: string;
}

const SHAPES: Record<NodeKind, [string, string]> = {
  [NodeKind.INGRESS]: ['>', ']'],
  [NodeKind.GATEWAY]: ['>', ']'],
  [NodeKind.HTTP_ROUTE]: ['[\\', '/]'],
  [NodeKind.GRPC_ROUTE]: ['[\\', '/]'],
  [NodeKind.SERVICE]: ['([', '])'],
  [NodeKind.DEPLOYMENT]: ['[', ']'],
  [NodeKind.STATEFUL_SET]: ['[[', ']]'],
  [NodeKind.DAEMON_SET]: ['[[', ']]'],
  [NodeKind.CRON_JOB]: ['{{', '}}'],
  [NodeKind.JOB]: ['{{', '}}'],
  [NodeKind.CONFIG_MAP]: ['[/', '/]'],
  [NodeKind.SECRET]: ['[/', '\\]'],
  [NodeKind.PERSISTENT_VOLUME_CLAIM]: ['[(', ')]'],
  [NodeKind.EXTERNAL]: ['((', '))'],
};

const ARROWS: Record<EdgeKind, string> = {
  [EdgeKind.ROUTES]: '-->',
  [EdgeKind.ATTACHES]: '-->',
  [EdgeKind.SELECTS]: '-->',
  [EdgeKind.CONFIG]: '-.->',
  [EdgeKind.SECRET]: '-.->',
  [EdgeKind.MOUNTS]: '-.->',
  [EdgeKind.TRAFFIC]: '-.->',
  [EdgeKind.CONNECTS]: '==>',
};

/** Renders the graph as Mermaid `flowchart LR` text (deterministic). */
export function toMermaid(graph: AppGraph, options: MermaidOptions = {}): string {
  const lines: string[] = [];
  if (options.title) lines.push('---', `title: ${JSON.stringify(options.title)}`, '---');
  lines.push('flowchart LR');
  for (const namespace of graph.namespaces) {
    lines.push(`  subgraph ns_${namespace.replace(/[^A-Za-z0-9]/g, '_')}["${escape(`namespace ${namespace}`)}"]`, '    direction LR');
    graph.nodes.filter(n => n.namespace === namespace).forEach(n => lines.push(`    ${nodeLine(n)}`));
    lines.push('  end');
  }
  graph.nodes.filter(n => n.namespace === undefined).forEach(n => lines.push(`  ${nodeLine(n)}`));
  graph.edges.forEach(e => lines.push(`  ${edgeLine(e)}`));
  const classes: Array<[string, (n: GraphNode) => boolean, string]> = [
    ['ingress', n => n.kind === NodeKind.INGRESS, 'fill:#e8f1fb,stroke:#2f6fb0'],
    ['gateway', n => [NodeKind.GATEWAY, NodeKind.HTTP_ROUTE, NodeKind.GRPC_ROUTE].includes(n.kind), 'fill:#e3f4f7,stroke:#1b7f91'],
    ['service', n => n.kind === NodeKind.SERVICE, 'fill:#e6f5ec,stroke:#2e8b57'],
    ['workload', n => [NodeKind.DEPLOYMENT, NodeKind.STATEFUL_SET, NodeKind.DAEMON_SET, NodeKind.CRON_JOB, NodeKind.JOB].includes(n.kind), 'fill:#fff4e0,stroke:#c77700'],
    ['config', n => n.kind === NodeKind.CONFIG_MAP, 'fill:#f3eefb,stroke:#7a54b0'],
    ['secret', n => n.kind === NodeKind.SECRET, 'fill:#fbeef0,stroke:#b0405a'],
    ['storage', n => n.kind === NodeKind.PERSISTENT_VOLUME_CLAIM, 'fill:#eef0f3,stroke:#5a6470'],
    ['peer', n => n.kind === NodeKind.EXTERNAL, 'fill:#ffffff,stroke:#888888'],
    ['database', n => n.database, 'stroke-width:3px'],
    ['external', n => n.external, 'stroke-dasharray:5 5'],
  ];
  for (const [name, test, style] of classes) {
    const ids = graph.nodes.filter(test).map(n => n.id);
    if (ids.length > 0) lines.push(`  classDef ${name} ${style}`, `  class ${ids.join(',')} ${name}`);
  }
  graph.edges.forEach((e, i) => {
    if (!e.allowed) lines.push(`  linkStyle ${i} stroke:#d0312d,stroke-dasharray:4 4`);
  });
  return `${lines.join('\n')}\n`;
}

function nodeLine(node: GraphNode): string {
  const [open, close] = SHAPES[node.kind];
  const parts = [node.kind === NodeKind.EXTERNAL ? 'external' : node.kind, node.name];
  if (node.detail) parts.push(node.detail);
  return `${node.id}${open}"${parts.map(escape).join('<br/>')}"${close}`;
}

function edgeLine(edge: GraphEdge): string {
  const label = edge.allowed ? edge.label : `${edge.label} (blocked)`.trim();
  const arrow = ARROWS[edge.kind];
  return `${edge.from} ${arrow}${label ? `|"${escape(label)}"|` : ''} ${edge.to}`;
}

/** Escapes text for a quoted Mermaid label (entity codes for quotes and markup characters). */
export function escape(text: string): string {
  return text.replace(/[#"<>&]/g, c => `#${c.charCodeAt(0)};`);
}
