/**
 * The app-level steps of synthesis, done once per app.
 *
 * cdk8s's `chart.toJson()` re-runs dependency resolution and validation of the whole app for every
 * chart, so apps with many charts synthesize in quadratic time. These functions do the same work
 * with the same semantics once, and render each chart from its own dependency graph.
 *
 * @internal
 */
import { ApiObject, App, Chart, DependencyGraph, Names } from 'cdk8s';
import { IConstruct } from 'constructs';

/**
 * Every construct of the app, computed once: one pre-order walk of the app (what
 * `node.findAll()` returns), which also records where each chart's subtree lies in it, so a
 * chart's `findAll()` is a slice instead of a second walk.
 */
export class ConstructIndex {
  private readonly subtrees = new Map<IConstruct, IConstruct[]>();
  private all?: IConstruct[];
  /** Start and end (exclusive) of each chart's subtree in {@link all}. */
  private readonly chartRanges = new Map<IConstruct, readonly [number, number]>();

  constructor(public readonly app: App) {}

  /** All constructs under `scope` (included), in pre-order. */
  public findAll(scope: IConstruct): IConstruct[] {
    let found = this.subtrees.get(scope);
    if (!found) {
      found = this.fromAppWalk(scope) ?? scope.node.findAll();
      this.subtrees.set(scope, found);
    }
    return found;
  }

  private fromAppWalk(scope: IConstruct): IConstruct[] | undefined {
    if (!this.all) {
      const all: IConstruct[] = [];
      this.walk(this.app, all);
      this.all = all;
    }
    if (scope === this.app) {
      return this.all;
    }
    const range = this.chartRanges.get(scope);
    return range && this.all.slice(range[0], range[1]);
  }

  /** `findAll()`'s pre-order walk (children in `node.children` order). */
  private walk(construct: IConstruct, out: IConstruct[]): void {
    const start = out.length;
    out.push(construct);
    for (const child of construct.node.children) {
      this.walk(child, out);
    }
    if (Chart.isChart(construct)) {
      this.chartRanges.set(construct, [start, out.length]);
    }
  }
}

/**
 * Turns implicit dependencies into explicit chart and API object dependencies, as cdk8s does
 * before synthesis (nested charts, construct dependencies across charts, and construct
 * dependencies down to their API objects).
 *
 * @returns whether any chart depends on another chart (cdk8s then prefixes file names with an index)
 */
export function resolveDependencies(index: ConstructIndex): boolean {
  const all = index.findAll(index.app);
  let hasDependantCharts = false;

  for (const parent of all) {
    if (!Chart.isChart(parent)) {
      continue;
    }
    for (const child of parent.node.children) {
      if (Chart.isChart(child)) {
        parent.node.addDependency(child);
        hasDependantCharts = true;
      }
    }
  }

  for (const { source, target } of dependenciesOf(all)) {
    const sourceChart = Chart.of(source);
    const targetChart = Chart.of(target);
    if (sourceChart !== targetChart) {
      sourceChart.node.addDependency(targetChart);
      hasDependantCharts = true;
    }
  }

  // Listed again: the chart dependencies added above take part, as in cdk8s.
  for (const { source, target } of dependenciesOf(all)) {
    const sourceChart = Chart.of(source);
    const targetChart = Chart.of(target);
    const targetObjects = apiObjectsOf(index, target, targetChart);
    const sourceObjects = apiObjectsOf(index, source, sourceChart);
    for (const t of targetObjects) {
      for (const s of sourceObjects) {
        if (t !== s) {
          s.node.addDependency(t);
        }
      }
    }
  }
  return hasDependantCharts;
}

/**
 * Runs every construct's validations (`node.addValidation`) once and returns all the errors,
 * each prefixed with the construct path as `[path] message`.
 */
export function collectConstructErrors(index: ConstructIndex): string[] {
  const errors: string[] = [];
  for (const construct of index.findAll(index.app)) {
    for (const error of construct.node.validate()) {
      errors.push(`[${construct.node.path}] ${error}`);
    }
  }
  return errors;
}

/** The charts of the app in dependency order (what `app.charts` returns). */
export function chartsInOrder(app: App, index?: ConstructIndex): Chart[] {
  return topology(app, index).filter((c): c is Chart => Chart.isChart(c));
}

/** The API objects a chart renders, in cdk8s's order (objects of nested charts excluded). */
export function apiObjectsInOrder(chart: Chart, index?: ConstructIndex): ApiObject[] {
  return topology(chart, index)
    .filter((c): c is ApiObject => ApiObject.isApiObject(c))
    .filter((o) => Chart.of(o) === chart);
}

/**
 * `new DependencyGraph(scope.node).topology()`, without building the graph when no construct
 * under `scope` has a dependency: every construct is then a root of the graph and the topology is
 * the graph's vertex order, which is `findAll()` order (the graph keys its vertices by path in a
 * plain object, so an integer-like path would move first: such trees still get the real graph).
 */
function topology(scope: IConstruct, index?: ConstructIndex): IConstruct[] {
  const all = index ? index.findAll(scope) : scope.node.findAll();
  for (const construct of all) {
    if (construct.node.dependencies.length > 0 || hasIntegerLikePath(construct)) {
      return new DependencyGraph(scope.node).topology();
    }
  }
  return all;
}

/** Only the root and its children can have a path without `/`. */
function hasIntegerLikePath(construct: IConstruct): boolean {
  const scope = construct.node.scope;
  return (scope === undefined || scope.node.scope === undefined) && /^[0-9]+$/.test(construct.node.path);
}

/**
 * Names chart files like cdk8s does for `YamlOutputType.FILE_PER_CHART`: the chart's DNS label,
 * prefixed with a 4-digit index (`0000-`) when charts depend on each other.
 */
export function chartFileNames(charts: readonly Chart[], indexed: boolean, extension: string): string[] {
  return charts.map((chart, i) => {
    const base = Names.toDnsLabel(chart);
    return `${indexed ? `${i.toString().padStart(4, '0')}-` : ''}${base}${extension}`;
  });
}

function dependenciesOf(all: readonly IConstruct[]): Array<{ source: IConstruct; target: IConstruct }> {
  const dependencies: Array<{ source: IConstruct; target: IConstruct }> = [];
  for (const source of all) {
    for (const target of source.node.dependencies) {
      dependencies.push({ source, target });
    }
  }
  return dependencies;
}

function apiObjectsOf(index: ConstructIndex, scope: IConstruct, chart: Chart): ApiObject[] {
  return index.findAll(scope).filter((c): c is ApiObject => ApiObject.isApiObject(c) && Chart.of(c) === chart);
}
