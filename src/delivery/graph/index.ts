/**
 * The `graph` feature: a picture of an application (Mermaid and SVG) and its capacity table.
 */
export { AppGraph, EdgeKind, GraphEdge, GraphNode, NodeKind, NodeRole } from './model';
export { buildGraph, BuildGraphOptions } from './build-graph';
export { toMermaid, MermaidOptions } from './mermaid';
export { renderSvg, SvgOptions } from './svg';
export { layoutGraph, GraphLayout, PlacedNode, RoutedEdge, Band, Point, Size } from './layout';
export {
  capacityOf, replicaRanges, CapacityReport, WorkloadCapacity, ClaimCapacity, ReplicaMode, ReplicaRange, Range,
  ResourceAmounts, ResourceRanges,
} from './capacity';
export { formatCapacity, formatCpu, formatBytes, formatReplicas, CapacityFormat, FormatCapacityOptions } from './capacity-format';
export { listEnvironments, selectEnvironment, readEnvironment, EnvironmentFolder, EnvironmentError, ROOT_ENVIRONMENT } from './environments';
