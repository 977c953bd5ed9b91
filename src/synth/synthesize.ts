/**
 * In-memory synthesis of a cdk8s app: one YAML file per chart plus the objects with their sources.
 */
import { App, Chart, YamlOutputType } from 'cdk8s';
import { ExternalObjects } from '../constructs/external-objects/external-objects';
import type { ValidationConfig } from '../validation/config';
import { ExternalObjectRef } from '../validation/rule';
import { KubeObject, SourcedObject } from '../validation/types';
import {
  apiObjectsInOrder,
  chartFileNames,
  chartsInOrder,
  collectConstructErrors,
  ConstructIndex,
  resolveDependencies,
} from './app-steps';
import { withFastRender } from './fast-render';
import { layoutFileNames, withKustomizations } from './layout';
import { SynthError } from './synth-error';
import { toYamlDocuments } from './yaml-emitter';

/** What a validation hook reports about the synthesized objects. */
export interface SynthValidationReport {
  /**
   * Problems that fail the synth. Each message should name the object and its construct path
   * (e.g. `[web/Deployment/Resource] Deployment web-deployment-c8d4f2a1: spec.replicas: ...`).
   */
  readonly errors: readonly string[];
  /** Problems that are printed but do not fail the synth. */
  readonly warnings: readonly string[];
}

/** What the app tells the validation hook besides its objects. */
export interface SynthValidationContext {
  /** Objects the app references but does not create, declared through `ExternalObjects`. */
  readonly external: readonly ExternalObjectRef[];
}

/**
 * A validation hook: receives every synthesized object (in output order, with its construct
 * path) and reports errors and warnings. It runs after the construct validations and before
 * anything is written.
 */
export interface SynthValidator {
  (objects: readonly SourcedObject[], context: SynthValidationContext): SynthValidationReport;
  /**
   * The settings the hook validates with (level, Pod Security profile, rule severities, extra
   * external objects). `runSynth` records those that differ from the defaults in the generated
   * validation config file of each output folder, so `cdk8s-patterns validate` uses them too.
   *
   * @default - the engine's defaults
   */
  readonly settings?: ValidationConfig;
}

/** Options for {@link synthesizeApp}. */
export interface SynthOptions {
  /**
   * Validates the synthesized objects; errors fail the synth, warnings are returned.
   *
   * @default - only the constructs' own validations run
   */
  readonly validate?: SynthValidator;
}

/** One synthesized manifest file. */
export interface SynthFile {
  /** File name relative to the output folder, e.g. `web.k8s.yaml`. */
  readonly name: string;
  /** The YAML text of the file. */
  readonly content: string;
}

/** One synthesized chart. */
export interface SynthChart {
  /** The chart construct. */
  readonly chart: Chart;
  /** The file the chart is written to. */
  readonly file: SynthFile;
  /** The chart's objects in output order. */
  readonly objects: readonly SourcedObject[];
}

/** The result of {@link synthesizeApp}: everything that would be written, in memory. */
export interface SynthResult {
  /** One entry per chart, in dependency order. */
  readonly charts: readonly SynthChart[];
  /** One file per chart, in dependency order, then one `kustomization.yaml` per environment folder. */
  readonly files: readonly SynthFile[];
  /** Every object of the app, in output order. */
  readonly objects: readonly SourcedObject[];
  /** Warnings from the validation hook. */
  readonly warnings: readonly string[];
  /** The objects the app declares as living outside it (`ExternalObjects`), sorted. */
  readonly external: readonly ExternalObjectRef[];
}

/**
 * Synthesizes an app in memory.
 *
 * Dependency resolution and construct validation run once for the whole app (not once per chart
 * as with `chart.toJson()`), then every chart is rendered from its own dependency graph, in the
 * same order as cdk8s. Files are named like cdk8s's `FILE_PER_CHART` output and written with the
 * deterministic YAML emitter.
 *
 * @throws SynthError listing every problem: construct validation errors, objects that cannot be
 *   rendered, dependency cycles and validation hook errors.
 */
export function synthesizeApp(app: App, options: SynthOptions = {}): SynthResult {
  const problems: string[] = [];
  // A chart under a plain root construct (not an App) gets cdk8s's defaults.
  const outputType = app.yamlOutputType ?? YamlOutputType.FILE_PER_CHART;
  if (outputType !== YamlOutputType.FILE_PER_CHART) {
    throw new SynthError([
      `App yamlOutputType ${YamlOutputType[outputType]} is not supported: cdk8s-patterns writes one file per chart (YamlOutputType.FILE_PER_CHART)`,
    ]);
  }

  const index = new ConstructIndex(app);
  let indexed: boolean;
  let charts: Chart[];
  try {
    indexed = resolveDependencies(index);
    charts = chartsInOrder(app, index);
  } catch (e) {
    throw new SynthError([errorMessage(e), ...collectConstructErrors(index)]);
  }
  problems.push(...collectConstructErrors(index));

  const extension = app.outputFileExtension ?? '.k8s.yaml';
  // Charts of an environment go to `<folder>/<chart>.k8s.yaml` (see layout.ts).
  const layout = layoutFileNames(charts, chartFileNames(charts, indexed, extension), extension);
  if (layout.problems.length > 0) {
    throw new SynthError([...layout.problems, ...problems]);
  }
  const names = layout.names;
  const rendered: SynthChart[] = [];
  let renderFailed = false;
  withFastRender(() => charts.forEach((chart, i) => {
    const objects: SourcedObject[] = [];
    try {
      for (const apiObject of apiObjectsInOrder(chart, index)) {
        try {
          objects.push({ object: apiObject.toJson() as KubeObject, source: { constructPath: apiObject.node.path } });
        } catch (e) {
          renderFailed = true;
          problems.push(renderProblem(apiObject.node.path, e));
        }
      }
    } catch (e) {
      renderFailed = true;
      problems.push(`[${chart.node.path}] ${errorMessage(e)}`);
    }
    const content = toYamlDocuments(objects.map((o) => o.object));
    rendered.push({ chart, file: { name: names[i], content }, objects });
  }));

  const objects = rendered.flatMap((c) => c.objects);
  const external = ExternalObjects.of(app).all;
  const warnings: string[] = [];
  if (options.validate && !renderFailed) {
    try {
      const report = options.validate(objects, { external });
      problems.push(...report.errors);
      warnings.push(...report.warnings);
    } catch (e) {
      problems.push(`validation failed to run: ${errorMessage(e)}`);
    }
  }
  if (problems.length > 0) {
    throw new SynthError(problems, warnings);
  }
  return { charts: rendered, files: withKustomizations(rendered), objects, warnings, external };
}

/** Synthesizes one chart of an app and returns its objects (the app-level steps still run once). */
export function synthesizeChartObjects(chart: Chart): KubeObject[] {
  const result = synthesizeApp(App.of(chart));
  const found = result.charts.find((c) => c.chart === chart);
  return found ? found.objects.map((o) => o.object) : [];
}

function renderProblem(path: string, e: unknown): string {
  // cdk8s wraps render errors as "Failed serializing construct at path 'p' with name 'n': Error: cause".
  const match = /^Failed serializing construct at path '.*?' with name '(.*?)': (?:Error: )?([\s\S]*)$/.exec(errorMessage(e));
  return match ? `[${path}] cannot render object '${match[1]}': ${match[2]}` : `[${path}] ${errorMessage(e)}`;
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
