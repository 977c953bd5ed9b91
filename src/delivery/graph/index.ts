/**
 * The `graph` feature: a picture of an application (Mermaid and SVG) and its capacity table.
 *
 * The functions load their modules on their first call (../lazy.ts): the package root re-exports
 * this barrel, and an app that only synthesizes never draws its graph.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import { lazyModule } from '../lazy';
import type * as BuildGraph from './build-graph';
import type * as Capacity from './capacity';
import type * as CapacityFormatting from './capacity-format';
import type * as Environments from './environments';
import type * as Layout from './layout';
import type * as Mermaid from './mermaid';
import type * as Svg from './svg';

export { AppGraph, EdgeKind, GraphEdge, GraphNode, NodeKind, NodeRole } from './model';
export { CapacityFormat, EnvironmentError, ReplicaMode, ROOT_ENVIRONMENT } from './values';
export type { BuildGraphOptions } from './build-graph';
export type { MermaidOptions } from './mermaid';
export type { SvgOptions } from './svg';
export type { GraphLayout, PlacedNode, RoutedEdge, Band, Point, Size } from './layout';
export type { CapacityReport, WorkloadCapacity, ClaimCapacity, ReplicaRange, Range, ResourceAmounts, ResourceRanges } from './capacity';
export type { FormatCapacityOptions } from './capacity-format';
export type { EnvironmentFolder } from './environments';

const buildGraphModule = lazyModule(() => require('./build-graph') as typeof BuildGraph);
const capacityModule = lazyModule(() => require('./capacity') as typeof Capacity);
const capacityFormatModule = lazyModule(() => require('./capacity-format') as typeof CapacityFormatting);
const environmentsModule = lazyModule(() => require('./environments') as typeof Environments);
const layoutModule = lazyModule(() => require('./layout') as typeof Layout);
const mermaidModule = lazyModule(() => require('./mermaid') as typeof Mermaid);
const svgModule = lazyModule(() => require('./svg') as typeof Svg);

/** Builds the graph of `objects` (deterministic: the same objects give the same graph). */
export const buildGraph: typeof BuildGraph.buildGraph = buildGraphModule.fn('buildGraph');
/** Renders the graph as Mermaid `flowchart LR` text (deterministic). */
export const toMermaid: typeof Mermaid.toMermaid = mermaidModule.fn('toMermaid');
/** Renders the graph as an SVG document. */
export const renderSvg: typeof Svg.renderSvg = svgModule.fn('renderSvg');
/** Lays out `graph`; `sizeOf` gives each node's box size. */
export const layoutGraph: typeof Layout.layoutGraph = layoutModule.fn('layoutGraph');
/** Computes the capacity of `objects`. */
export const capacityOf: typeof Capacity.capacityOf = capacityModule.fn('capacityOf');
/** The replica range of every workload, keyed `Kind|namespace|name`. */
export const replicaRanges: typeof Capacity.replicaRanges = capacityModule.fn('replicaRanges');
/** Formats the report; ranges print as `min–max`, the last row holds the totals. */
export const formatCapacity: typeof CapacityFormatting.formatCapacity = capacityFormatModule.fn('formatCapacity');
/** Millicores as Kubernetes writes them: `250m`, `1`, `1.5`. */
export const formatCpu: typeof CapacityFormatting.formatCpu = capacityFormatModule.fn('formatCpu');
/** Bytes in binary units: `512Mi`, `1.5Gi`, `5Gi`. */
export const formatBytes: typeof CapacityFormatting.formatBytes = capacityFormatModule.fn('formatBytes');
/** `2`, `2–6 (HPA)`, `1/node`, `1/run`. */
export const formatReplicas: typeof CapacityFormatting.formatReplicas = capacityFormatModule.fn('formatReplicas');
/**
 * Lists the environments of `dir`, sorted by name: every sub-folder with a `kustomization.yaml` or
 * manifest files (hidden folders aside), and {@link ROOT_ENVIRONMENT} for the manifest files at the
 * root of `dir` (also when there is nothing else).
 */
export const listEnvironments: typeof Environments.listEnvironments = environmentsModule.fn('listEnvironments');
/** Picks the environment called `name`; throws listing the known ones when there is none. */
export const selectEnvironment: typeof Environments.selectEnvironment = environmentsModule.fn('selectEnvironment');
/**
 * Reads the objects of an environment: the `resources` of its `kustomization.yaml` in order when
 * there is one, else every `*.yaml`, `*.yml` and `*.json` file in name order.
 */
export const readEnvironment: typeof Environments.readEnvironment = environmentsModule.fn('readEnvironment');
