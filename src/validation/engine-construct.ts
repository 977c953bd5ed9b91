/**
 * Charts and apps as the engine's input: synthesized in memory like `cdk8s-patterns synth`, with the
 * external objects their constructs declare (`ExternalObjects`), so `validate(chart)`, the jest
 * matcher and `testing.synthChart()` reach the verdict synth reaches.
 */
import { App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ExternalObjects } from '../constructs/external-objects/external-objects';
import { synthesizeApp } from '../synth/synthesize';
import { ValidationInput, ValidationTargetError } from './engine-target';

/**
 * A chart's objects (only its own, in output order) with the external objects declared in the chart
 * or at app level; an app's (or root construct's) objects with every declared external object.
 * The whole app is synthesized either way (construct validations run once for it).
 *
 * @throws SynthError when the app does not synthesize (construct validation errors)
 * @throws ValidationTargetError for a construct that is neither a chart nor the root of an app
 */
export function constructInput(target: IConstruct): ValidationInput {
  if (Chart.isChart(target)) return chartInput(target);
  if (target.node.scope === undefined) return appInput(target as App);
  throw new ValidationTargetError(`cannot validate the construct ${target.node.path} (${target.constructor?.name ?? 'Construct'}): `
    + 'pass its Chart or its App');
}

/** See {@link constructInput}: the chart's own objects and the external objects declared in it or at app level. */
export function chartInput(chart: Chart): ValidationInput {
  const result = synthesizeApp(App.of(chart));
  const found = result.charts.find((c) => c.chart === chart);
  return { objects: found?.objects ?? [], external: ExternalObjects.of(chart).declaredIn([chart]) };
}

/** An app's objects and every external object declared in it (what synth validates). */
export function appInput(app: App): ValidationInput {
  const result = synthesizeApp(app);
  return { objects: result.objects, external: result.external };
}
