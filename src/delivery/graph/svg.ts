/**
 * The graph as a standalone SVG document, laid out and rendered in-process (no browser, no
 * network): namespace bands, boxes with kind, name and detail, edges as curves with arrowheads
 * and port labels, and a legend. The output is deterministic.
 */
import { layoutGraph, Point, RoutedEdge, Size, SPACING } from './layout';
import { AppGraph, EdgeKind, GraphNode, NodeKind } from './model';
import { textWidth } from './text-measure';

/** Options of {@link renderSvg}. */
export interface SvgOptions {
  /**
   * A title drawn at the top (and in the SVG `<title>`).
   * @default - no title
   */
  readonly title?: string;
}

interface NodeStyle {
  readonly fill: string;
  readonly stroke: string;
  readonly radius: number;
  readonly label: string;
}

const NODE_STYLES: Record<NodeKind, NodeStyle> = {
  [NodeKind.INGRESS]: { fill: '#e8f1fb', stroke: '#2f6fb0', radius: 2, label: 'Ingress' },
  [NodeKind.GATEWAY]: { fill: '#e3f4f7', stroke: '#1b7f91', radius: 2, label: 'Gateway' },
  [NodeKind.HTTP_ROUTE]: { fill: '#e3f4f7', stroke: '#1b7f91', radius: 6, label: 'HTTPRoute' },
  [NodeKind.GRPC_ROUTE]: { fill: '#e3f4f7', stroke: '#1b7f91', radius: 6, label: 'GRPCRoute' },
  [NodeKind.SERVICE]: { fill: '#e6f5ec', stroke: '#2e8b57', radius: 18, label: 'Service' },
  [NodeKind.DEPLOYMENT]: { fill: '#fff4e0', stroke: '#c77700', radius: 6, label: 'Deployment' },
  [NodeKind.STATEFUL_SET]: { fill: '#fff4e0', stroke: '#c77700', radius: 6, label: 'StatefulSet' },
  [NodeKind.DAEMON_SET]: { fill: '#fff4e0', stroke: '#c77700', radius: 6, label: 'DaemonSet' },
  [NodeKind.CRON_JOB]: { fill: '#fdf7d8', stroke: '#a08400', radius: 6, label: 'CronJob' },
  [NodeKind.JOB]: { fill: '#fdf7d8', stroke: '#a08400', radius: 6, label: 'Job' },
  [NodeKind.CONFIG_MAP]: { fill: '#f3eefb', stroke: '#7a54b0', radius: 0, label: 'ConfigMap' },
  [NodeKind.SECRET]: { fill: '#fbeef0', stroke: '#b0405a', radius: 0, label: 'Secret' },
  [NodeKind.PERSISTENT_VOLUME_CLAIM]: { fill: '#eef0f3', stroke: '#5a6470', radius: 10, label: 'PersistentVolumeClaim' },
  [NodeKind.EXTERNAL]: { fill: '#ffffff', stroke: '#888888', radius: 18, label: 'External' },
};

interface EdgeStyle {
  readonly color: string;
  readonly width: number;
  readonly dash?: string;
  readonly label: string;
}

const EDGE_STYLES: Record<EdgeKind, EdgeStyle> = {
  [EdgeKind.ROUTES]: { color: '#2f6fb0', width: 1.6, label: 'routes to' },
  [EdgeKind.ATTACHES]: { color: '#1b7f91', width: 1.6, label: 'attaches route' },
  [EdgeKind.SELECTS]: { color: '#2e8b57', width: 1.6, label: 'selects pods' },
  [EdgeKind.CONFIG]: { color: '#7a54b0', width: 1, dash: '3 3', label: 'reads config' },
  [EdgeKind.SECRET]: { color: '#b0405a', width: 1, dash: '3 3', label: 'reads secret' },
  [EdgeKind.MOUNTS]: { color: '#5a6470', width: 1, dash: '3 3', label: 'mounts volume' },
  [EdgeKind.TRAFFIC]: { color: '#c77700', width: 1.4, dash: '7 4', label: 'NetworkPolicy allows' },
  [EdgeKind.CONNECTS]: { color: '#1f4e8c', width: 2.6, label: 'database connection' },
};
const BLOCKED = '#d0312d';

const FONT = { kind: 10, name: 12, detail: 10, label: 10 };
const PAD = 10;
const MIN_WIDTH = 110;

/** The box size of a node: wide enough for its kind, name and detail lines. */
export function nodeSize(node: GraphNode): Size {
  const lines = [textWidth(kindText(node), FONT.kind), textWidth(node.name, FONT.name, true)];
  if (node.detail) lines.push(textWidth(node.detail, FONT.detail));
  return { width: Math.max(MIN_WIDTH, Math.max(...lines) + 2 * PAD), height: node.detail ? 52 : 38 };
}

/** Renders the graph as an SVG document. */
export function renderSvg(graph: AppGraph, options: SvgOptions = {}): string {
  const layout = layoutGraph(graph, nodeSize);
  const titleHeight = options.title ? 30 : 0;
  const legend = legendItems(graph);
  const legendTop = layout.height + titleHeight;
  const legendHeight = 24 + Math.ceil(legend.length / 4) * 22;
  const width = Math.max(layout.width, 4 * 190 + 2 * SPACING.margin);
  const height = legendTop + legendHeight;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">`);
  out.push(`<title>${xml(options.title ?? 'Application graph')}</title>`);
  out.push('<defs>');
  for (const [name, color] of [...Object.entries(EDGE_STYLES).map(([k, s]) => [k, s.color]), ['blocked', BLOCKED]]) {
    out.push(`<marker id="arrow-${name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${color}"/></marker>`);
  }
  out.push('</defs>');
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  if (options.title) out.push(`<text x="${SPACING.margin}" y="${SPACING.margin + 8}" font-size="16" font-weight="bold" fill="#222">${xml(options.title)}</text>`);
  out.push(`<g transform="translate(0,${titleHeight})">`);
  out.push('<g class="bands">');
  for (const band of layout.bands) {
    const label = band.namespace === undefined ? 'outside the namespaces' : `namespace ${band.namespace}`;
    out.push(`<g class="band" data-namespace="${xml(band.namespace ?? '')}"><rect x="${band.x}" y="${band.y}" width="${band.width}" height="${band.height}" rx="8" fill="#fafbfc" stroke="#d5dae0"/>`
      + `<text x="${band.x + 10}" y="${band.y + 17}" font-size="12" font-weight="bold" fill="#5a6470">${xml(label)}</text></g>`);
  }
  out.push('</g>', '<g class="edges">');
  layout.edges.forEach(routed => out.push(edgeSvg(routed)));
  out.push('</g>', '<g class="nodes">');
  for (const placed of layout.nodes) {
    const { node, x, y, width: w, height: h } = placed;
    const style = NODE_STYLES[node.kind];
    const dash = node.external ? ' stroke-dasharray="5 3"' : '';
    const strokeWidth = node.database ? 2.5 : 1.2;
    out.push(`<g class="node node-${node.kind.toLowerCase()}${node.external ? ' external' : ''}${node.database ? ' database' : ''}" id="node-${node.id}" `
      + `data-kind="${node.kind}" data-name="${xml(node.name)}" data-namespace="${xml(node.namespace ?? '')}" transform="translate(${x},${y})">`);
    out.push(`<rect width="${w}" height="${h}" rx="${style.radius}" fill="${style.fill}" stroke="${style.stroke}" stroke-width="${strokeWidth}"${dash}/>`);
    if (node.database) out.push(`<rect x="3" y="3" width="${w - 6}" height="${h - 6}" rx="${Math.max(0, style.radius - 3)}" fill="none" stroke="${style.stroke}" stroke-width="0.8"/>`);
    out.push(`<text x="${PAD}" y="14" font-size="${FONT.kind}" fill="${style.stroke}">${xml(kindText(node))}</text>`);
    out.push(`<text x="${PAD}" y="29" font-size="${FONT.name}" font-weight="bold" fill="#222">${xml(node.name)}</text>`);
    if (node.detail) out.push(`<text x="${PAD}" y="44" font-size="${FONT.detail}" fill="#555">${xml(node.detail)}</text>`);
    out.push('</g>');
  }
  out.push('</g>', '</g>');
  out.push(legendSvg(legend, legendTop, width));
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function kindText(node: GraphNode): string {
  const extras = [node.database ? 'database' : '', node.external && node.kind !== NodeKind.EXTERNAL ? 'external' : ''].filter(Boolean);
  return `${NODE_STYLES[node.kind].label}${extras.length > 0 ? ` · ${extras.join(', ')}` : ''}`;
}

function edgeSvg({ edge, points }: RoutedEdge): string {
  const style = EDGE_STYLES[edge.kind];
  const color = edge.allowed ? style.color : BLOCKED;
  const dash = !edge.allowed ? ' stroke-dasharray="4 4"' : style.dash ? ` stroke-dasharray="${style.dash}"` : '';
  const marker = edge.allowed ? edge.kind : 'blocked';
  const parts = [`<g class="edge edge-${edge.kind}${edge.allowed ? '' : ' blocked'}" data-from="${edge.from}" data-to="${edge.to}">`,
    `<path d="${curve(points)}" fill="none" stroke="${color}" stroke-width="${style.width}"${dash} marker-end="url(#arrow-${marker})"/>`];
  const label = edge.allowed ? edge.label : `${edge.label} blocked`.trim();
  if (label) {
    const [a, b] = [points[0], points[1]];
    const mid = { x: Math.round((a.x + b.x) / 2), y: Math.round((a.y + b.y) / 2) };
    const w = textWidth(label, FONT.label) + 8;
    parts.push(`<rect x="${mid.x - w / 2}" y="${mid.y - 8}" width="${w}" height="15" rx="3" fill="#ffffff" fill-opacity="0.9"/>`,
      `<text x="${mid.x}" y="${mid.y + 3}" font-size="${FONT.label}" text-anchor="middle" fill="${color}">${xml(label)}</text>`);
  }
  parts.push('</g>');
  return parts.join('');
}

/** A smooth path through the points with horizontal tangents at each point. */
function curve(points: readonly Point[]): string {
  const r = (n: number) => Math.round(n * 10) / 10;
  let d = `M${r(points[0].x)},${r(points[0].y)}`;
  for (let i = 1; i < points.length; i++) {
    const [p, q] = [points[i - 1], points[i]];
    const dx = Math.max(40, Math.abs(q.x - p.x) / 2);
    d += ` C${r(p.x + dx)},${r(p.y)} ${r(q.x - dx)},${r(q.y)} ${r(q.x)},${r(q.y)}`;
  }
  return d;
}

type LegendItem = { readonly node: NodeKind; readonly database?: boolean; readonly external?: boolean } | { readonly edge: EdgeKind; readonly blocked?: boolean };

function legendItems(graph: AppGraph): LegendItem[] {
  const items: LegendItem[] = [];
  const kinds = Object.values(NodeKind).filter(k => graph.nodes.some(n => n.kind === k));
  for (const kind of kinds) items.push({ node: kind });
  if (graph.nodes.some(n => n.database)) items.push({ node: graph.nodes.find(n => n.database)!.kind, database: true });
  if (graph.nodes.some(n => n.external && n.kind !== NodeKind.EXTERNAL)) items.push({ node: NodeKind.SECRET, external: true });
  for (const kind of Object.values(EdgeKind).filter(k => graph.edges.some(e => e.kind === k))) items.push({ edge: kind });
  if (graph.edges.some(e => !e.allowed)) items.push({ edge: EdgeKind.TRAFFIC, blocked: true });
  return items;
}

function legendSvg(items: readonly LegendItem[], top: number, width: number): string {
  const out = [`<g class="legend" transform="translate(${SPACING.margin},${top})">`,
    `<line x1="0" y1="4" x2="${width - 2 * SPACING.margin}" y2="4" stroke="#d5dae0"/>`,
    '<text x="0" y="20" font-size="11" font-weight="bold" fill="#5a6470">Legend</text>'];
  items.forEach((item, i) => {
    const x = 60 + (i % 4) * 190;
    const y = 12 + Math.floor(i / 4) * 22;
    if ('node' in item) {
      const style = NODE_STYLES[item.node];
      const dash = item.external ? ' stroke-dasharray="4 2"' : '';
      const label = item.database ? 'database (double border)' : item.external ? 'not defined here (dashed)' : style.label;
      out.push(`<rect x="${x}" y="${y}" width="26" height="14" rx="${Math.min(style.radius, 7)}" fill="${style.fill}" stroke="${style.stroke}" stroke-width="${item.database ? 2.5 : 1.2}"${dash}/>`,
        `<text x="${x + 32}" y="${y + 11}" font-size="10" fill="#333">${xml(label)}</text>`);
    } else {
      const style = EDGE_STYLES[item.edge];
      const color = item.blocked ? BLOCKED : style.color;
      const dash = item.blocked ? ' stroke-dasharray="4 4"' : style.dash ? ` stroke-dasharray="${style.dash}"` : '';
      const marker = item.blocked ? 'blocked' : item.edge;
      out.push(`<path d="M${x},${y + 7} L${x + 26},${y + 7}" stroke="${color}" stroke-width="${style.width}"${dash} marker-end="url(#arrow-${marker})"/>`,
        `<text x="${x + 32}" y="${y + 11}" font-size="10" fill="#333">${xml(item.blocked ? 'blocked by the other end' : style.label)}</text>`);
    }
  });
  out.push('</g>');
  return out.join('\n');
}

/** Escapes text for XML content and attribute values. */
export function xml(text: string): string {
  return text.replace(/[<>&"']/g, c => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', '\'': '&apos;' })[c]!);
}
