/**
 * A small layered (Sugiyama-style) layout for the graph, left to right:
 *
 * 1. ranks: the role of a node gives its least column (Ingress 0, Service 1, workload 2,
 *    config/storage 3); every edge pushes its target at least one column right of its source
 *    (longest path over an acyclic subset of the edges); sources are then pulled right next to
 *    their first target;
 * 2. one horizontal band per namespace (nodes outside namespaces last); edges spanning several
 *    columns inside a band get a dummy point per column;
 * 3. order within a column by barycenter sweeps (down and up, a few passes) to reduce crossings;
 * 4. coordinates: columns as wide as their widest node, each node moved towards the average
 *    height of its neighbours without overlapping the one above.
 */
import { AppGraph, cmp, GraphEdge, GraphNode, NodeKind, NodeRole, roleOf } from './model';

/** A point in SVG coordinates. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** The size of a node box. */
export interface Size {
  readonly width: number;
  readonly height: number;
}

/** A placed node (top-left corner and size). */
export interface PlacedNode extends Point, Size {
  readonly node: GraphNode;
  readonly rank: number;
}

/** A routed edge: the points it passes through, first on the source, last on the target. */
export interface RoutedEdge {
  readonly edge: GraphEdge;
  readonly points: readonly Point[];
}

/** A namespace band. */
export interface Band extends Point, Size {
  /** The namespace; undefined for the band of external peers. */
  readonly namespace?: string;
}

/** The result of {@link layoutGraph}. */
export interface GraphLayout extends Size {
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly RoutedEdge[];
  readonly bands: readonly Band[];
}

/** Spacing of the layout, in pixels. */
export const SPACING = { column: 110, row: 22, bandGap: 26, bandPadding: 18, bandTitle: 26, margin: 20 };

interface Item {
  readonly id: string;
  readonly size: Size;
  rank: number;
  order: number;
  y: number;
}

/** Lays out `graph`; `sizeOf` gives each node's box size. */
export function layoutGraph(graph: AppGraph, sizeOf: (node: GraphNode) => Size): GraphLayout {
  const ranks = assignRanks(graph);
  const byId = new Map(graph.nodes.map(n => [n.id, n]));
  const bandKeys = [...graph.namespaces.map(ns => ns as string | undefined), undefined]
    .filter(ns => graph.nodes.some(n => n.namespace === ns));
  const maxRank = Math.max(0, ...ranks.values());
  const columnWidth = new Array<number>(maxRank + 1).fill(0);
  graph.nodes.forEach(n => { columnWidth[ranks.get(n.id)!] = Math.max(columnWidth[ranks.get(n.id)!], sizeOf(n).width); });
  const columnX: number[] = [];
  columnWidth.reduce((x, w, i) => { columnX[i] = x; return x + w + SPACING.column; }, SPACING.margin);
  const width = columnX[maxRank] + columnWidth[maxRank] + SPACING.margin;

  const placed = new Map<string, PlacedNode>();
  const dummyPoints = new Map<GraphEdge, Point[]>();
  const bands: Band[] = [];
  let top = SPACING.margin;
  for (const namespace of bandKeys) {
    const items = new Map<string, Item>();
    for (const node of graph.nodes.filter(n => n.namespace === namespace)) {
      items.set(node.id, { id: node.id, size: sizeOf(node), rank: ranks.get(node.id)!, order: items.size, y: 0 });
    }
    // dummy items for long edges inside the band
    const links: Array<[string, string]> = [];
    const chains = new Map<GraphEdge, string[]>();
    for (const edge of graph.edges) {
      const from = items.get(edge.from);
      const to = items.get(edge.to);
      if (!from || !to) continue;
      const chain = [from.id];
      for (let r = from.rank + 1; r < to.rank; r++) {
        const id = `~${edge.from}~${edge.to}~${edge.kind}~${r}`;
        items.set(id, { id, size: { width: 0, height: 2 }, rank: r, order: from.order + 0.5, y: 0 });
        chain.push(id);
      }
      chain.push(to.id);
      chains.set(edge, chain);
      for (let i = 1; i < chain.length; i++) links.push([chain[i - 1], chain[i]]);
    }
    const columns = orderColumns([...items.values()], links, maxRank);
    const bandTop = top + SPACING.bandTitle;
    placeVertically(columns, links, items, bandTop);
    const bottom = Math.max(bandTop, ...[...items.values()].map(i => i.y + i.size.height));
    for (const item of items.values()) {
      const node = byId.get(item.id);
      if (!node) continue;
      const x = columnX[item.rank] + Math.round((columnWidth[item.rank] - item.size.width) / 2);
      placed.set(item.id, { node, rank: item.rank, x, y: item.y, ...item.size });
    }
    for (const [edge, chain] of chains) {
      dummyPoints.set(edge, chain.slice(1, -1).map(id => {
        const item = items.get(id)!;
        return { x: columnX[item.rank] + columnWidth[item.rank] / 2, y: item.y + 1 };
      }));
    }
    const bandHeight = bottom + SPACING.bandPadding - top;
    bands.push({ namespace, x: SPACING.margin / 2, y: top, width: width - SPACING.margin, height: bandHeight });
    top += bandHeight + SPACING.bandGap;
  }

  const edges = graph.edges.map(edge => {
    const from = placed.get(edge.from)!;
    const to = placed.get(edge.to)!;
    const start = { x: from.x + from.width, y: from.y + from.height / 2 };
    const end = { x: to.x, y: to.y + to.height / 2 };
    return { edge, points: [start, ...(dummyPoints.get(edge) ?? []), end] };
  });
  return { width, height: top - SPACING.bandGap + SPACING.margin, nodes: graph.nodes.map(n => placed.get(n.id)!), edges, bands };
}

/** The column of every node. */
export function assignRanks(graph: AppGraph): Map<string, number> {
  const rank = new Map<string, number>();
  const incoming = new Set(graph.edges.map(e => e.to));
  for (const node of graph.nodes) {
    const role = roleOf(node.kind);
    // external peers that only send traffic start on the left
    rank.set(node.id, node.kind === NodeKind.EXTERNAL && !incoming.has(node.id) ? NodeRole.ENTRY : role);
  }
  // an acyclic subset of the edges, structural edges first
  const order = [...graph.edges].sort((a, b) => roleOf(kindOf(graph, a.from)) - roleOf(kindOf(graph, b.from)) || cmp(a.from, b.from) || cmp(a.to, b.to));
  const successors = new Map<string, string[]>();
  const reaches = (from: string, target: string): boolean => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (id === target) return true;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(successors.get(id) ?? []));
    }
    return false;
  };
  const dag: GraphEdge[] = [];
  for (const edge of order) {
    if (edge.from === edge.to || reaches(edge.to, edge.from)) continue;
    successors.set(edge.from, [...(successors.get(edge.from) ?? []), edge.to]);
    dag.push(edge);
  }
  for (let pass = 0, changed = true; changed && pass <= graph.nodes.length; pass++) {
    changed = false;
    for (const edge of dag) {
      if (rank.get(edge.to)! < rank.get(edge.from)! + 1) {
        rank.set(edge.to, rank.get(edge.from)! + 1);
        changed = true;
      }
    }
  }
  // pull nodes without incoming edges right, next to their nearest target
  const targets = new Set(dag.map(e => e.to));
  for (let pass = 0, changed = true; changed && pass <= graph.nodes.length; pass++) {
    changed = false;
    for (const node of graph.nodes) {
      const next = successors.get(node.id);
      if (targets.has(node.id) || !next) continue;
      const want = Math.min(...next.map(id => rank.get(id)!)) - 1;
      if (want > rank.get(node.id)!) {
        rank.set(node.id, want);
        changed = true;
      }
    }
  }
  return rank;
}

function kindOf(graph: AppGraph, id: string): NodeKind {
  return graph.nodes.find(n => n.id === id)!.kind;
}

/** Orders the items of each column by barycenter sweeps; returns the columns. */
function orderColumns(items: Item[], links: Array<[string, string]>, maxRank: number): Item[][] {
  const columns: Item[][] = Array.from({ length: maxRank + 1 }, () => []);
  items.forEach(i => columns[i.rank].push(i));
  const byId = new Map(items.map(i => [i.id, i]));
  const renumber = (column: Item[]) => column.forEach((item, i) => { item.order = i; });
  columns.forEach(c => { c.sort((a, b) => a.order - b.order); renumber(c); });
  const preds = new Map<string, string[]>();
  const succs = new Map<string, string[]>();
  for (const [a, b] of links) {
    preds.set(b, [...(preds.get(b) ?? []), a]);
    succs.set(a, [...(succs.get(a) ?? []), b]);
  }
  const sweep = (column: Item[], neighbours: Map<string, string[]>) => {
    const key = new Map(column.map(item => {
      const list = (neighbours.get(item.id) ?? []).map(id => byId.get(id)!.order);
      return [item.id, list.length > 0 ? list.reduce((s, o) => s + o, 0) / list.length : item.order];
    }));
    column.sort((a, b) => key.get(a.id)! - key.get(b.id)! || a.order - b.order);
    renumber(column);
  };
  for (let pass = 0; pass < 4; pass++) {
    for (let r = 1; r <= maxRank; r++) sweep(columns[r], preds);
    for (let r = maxRank - 1; r >= 0; r--) sweep(columns[r], succs);
  }
  return columns;
}

/** Stacks each column, then moves items towards their neighbours' average height. */
function placeVertically(columns: Item[][], links: Array<[string, string]>, items: Map<string, Item>, top: number): void {
  const stack = (column: Item[], desired: (item: Item) => number) => {
    let next = top;
    for (const item of column) {
      item.y = Math.max(Math.round(desired(item)), next);
      next = item.y + item.size.height + (item.size.width === 0 ? SPACING.row / 2 : SPACING.row);
    }
  };
  columns.forEach(c => stack(c, () => top));
  const neighbours = new Map<string, string[]>();
  for (const [a, b] of links) {
    neighbours.set(a, [...(neighbours.get(a) ?? []), b]);
    neighbours.set(b, [...(neighbours.get(b) ?? []), a]);
  }
  const center = (item: Item) => item.y + item.size.height / 2;
  for (let pass = 0; pass < 4; pass++) {
    for (const column of pass % 2 === 0 ? columns : [...columns].reverse()) {
      stack(column, item => {
        const list = (neighbours.get(item.id) ?? []).map(id => center(items.get(id)!));
        return list.length > 0 ? list.reduce((s, y) => s + y, 0) / list.length - item.size.height / 2 : item.y;
      });
    }
  }
  const shift = Math.min(...[...items.values()].map(i => i.y)) - top;
  items.forEach(item => { item.y -= shift; });
}
