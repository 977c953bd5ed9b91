/**
 * Output layout: charts under a construct marked as an output folder (an environment) are written
 * to `<folder>/<chart>.k8s.yaml`, and each folder gets a `kustomization.yaml` listing its files in
 * apply order, so `kubectl apply -k dist/<folder>` works. Other charts keep cdk8s's file names at
 * the root of the output folder.
 */
import { Chart, Names } from 'cdk8s';
import { IConstruct } from 'constructs';
import { KUSTOMIZATION_FILE, kustomizationYaml } from './kustomization';
import type { SynthChart, SynthFile } from './synthesize';

const OUTPUT_FOLDER = Symbol.for('cdk8s-patterns.output-folder');

/** How the charts under a scope are written. */
export interface OutputFolderSpec {
  /** The folder below the output root (one path segment, e.g. `prod`). */
  readonly folder: string;
  /** The chart listed first in the folder's `kustomization.yaml` (e.g. the Namespace chart). */
  readonly firstChart?: Chart;
  /**
   * Write a `kustomization.yaml` listing the folder's files.
   * @default true
   */
  readonly kustomization?: boolean;
}

/** A chart's place in the layout. */
interface Placement {
  readonly scope: IConstruct;
  readonly spec: OutputFolderSpec;
}

/**
 * Marks `scope` so that every chart under it is written to `spec.folder` with a `kustomization.yaml`.
 */
export function markOutputFolder(scope: IConstruct, spec: OutputFolderSpec): void {
  Object.defineProperty(scope, OUTPUT_FOLDER, { value: spec, enumerable: false });
}

/** The output folder of the nearest marked scope above (or at) `construct`. */
export function outputFolderOf(construct: IConstruct): OutputFolderSpec | undefined {
  return placementOf(construct)?.spec;
}

/**
 * File names of `charts` in the layout: `defaults[i]` (cdk8s's name) for charts outside any output
 * folder, `<folder>/<chart path below the folder, as a DNS label><extension>` for the others.
 *
 * @returns the names, or the problems (two scopes with the same folder, two charts with the same file)
 */
export function layoutFileNames(charts: readonly Chart[], defaults: readonly string[], extension: string): { names: string[]; problems: string[] } {
  const problems: string[] = [];
  const folders = new Map<string, IConstruct>();
  const taken = new Map<string, Chart>();
  const names = charts.map((chart, i) => {
    const placement = placementOf(chart);
    if (placement === undefined) {
      return defaults[i];
    }
    const { scope, spec } = placement;
    const owner = folders.get(spec.folder);
    if (owner === undefined) {
      folders.set(spec.folder, scope);
    } else if (owner !== scope) {
      problems.push(`[${scope.node.path}] output folder '${spec.folder}' is already used by '${owner.node.path}': give each environment its own 'folder'`);
    }
    const name = `${spec.folder}/${relativeLabel(chart, scope)}${extension}`;
    const other = taken.get(name);
    if (other !== undefined) {
      problems.push(`[${chart.node.path}] file '${name}' is already written by chart '${other.node.path}': rename one of the charts`);
    }
    taken.set(name, chart);
    return name;
  });
  for (const [folder, scope] of folders) {
    if (defaults.some((d, i) => placementOf(charts[i]) === undefined && d.split('/')[0] === folder)) {
      problems.push(`[${scope.node.path}] output folder '${folder}' clashes with a chart file of the same name at the output root`);
    }
  }
  return { names, problems };
}

/**
 * The files to write: every chart's file, then one `kustomization.yaml` per output folder listing
 * that folder's files in apply order (the folder's first chart, then the others in chart order).
 */
export function withKustomizations(charts: readonly SynthChart[]): SynthFile[] {
  const byFolder = new Map<string, { spec: OutputFolderSpec; charts: SynthChart[] }>();
  for (const c of charts) {
    const spec = outputFolderOf(c.chart);
    if (spec === undefined || spec.kustomization === false) {
      continue;
    }
    const entry = byFolder.get(spec.folder) ?? { spec, charts: [] };
    entry.charts.push(c);
    byFolder.set(spec.folder, entry);
  }
  const kustomizations: SynthFile[] = [];
  for (const [folder, { spec, charts: inFolder }] of byFolder) {
    const ordered = [
      ...inFolder.filter((c) => c.chart === spec.firstChart),
      ...inFolder.filter((c) => c.chart !== spec.firstChart),
    ];
    const resources = ordered.map((c) => c.file.name.slice(folder.length + 1));
    kustomizations.push({ name: `${folder}/${KUSTOMIZATION_FILE}`, content: kustomizationYaml(resources) });
  }
  return [...charts.map((c) => c.file), ...kustomizations];
}

/**
 * The output folders among `files`: the first path segment of every `<folder>/kustomization.yaml`,
 * in file order (the environments of an app, e.g. `['dev', 'staging', 'prod']`).
 */
export function environmentNames(files: readonly SynthFile[]): string[] {
  const names: string[] = [];
  for (const file of files) {
    const parts = file.name.split('/');
    if (parts.length === 2 && parts[1] === KUSTOMIZATION_FILE && !names.includes(parts[0])) {
      names.push(parts[0]);
    }
  }
  return names;
}

function placementOf(construct: IConstruct): Placement | undefined {
  const scopes = construct.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const spec = (scopes[i] as unknown as Record<symbol, OutputFolderSpec | undefined>)[OUTPUT_FOLDER];
    if (spec !== undefined) {
      return { scope: scopes[i], spec };
    }
  }
  return undefined;
}

/** The chart's path below `scope` as a DNS label, like cdk8s names (`Default`/`Resource` dropped). */
function relativeLabel(chart: Chart, scope: IConstruct): string {
  const below = chart.node.scopes.slice(scope.node.scopes.length).map((c) => c.node.id);
  const parts = below.filter((p) => p !== 'Default' && p !== 'Resource');
  const label = parts.map((p) => p.toLowerCase().replace(/[^a-z0-9.-]+/g, '-')).join('-').replace(/^-+|-+$/g, '');
  return label === '' ? Names.toDnsLabel(chart) : label;
}
