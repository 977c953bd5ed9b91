/**
 * Synthesizing charts and apps to plain objects in tests.
 */
import { App, Chart } from 'cdk8s';
import { synthesizeApp, synthesizeChartObjects } from '../synth/synthesize';
import { KubeObject } from '../validation/types';

/**
 * Synthesizes one chart to plain Kubernetes objects, in output order.
 *
 * Runs the same pipeline as `npm run synth` (dependency resolution and construct validations once
 * for the whole app), so it is faster than `chart.toJson()` on apps with many charts.
 *
 * @throws SynthError listing every construct validation error of the app
 */
export function synthChart(chart: Chart): KubeObject[] {
  return synthesizeChartObjects(chart);
}

/**
 * Synthesizes every chart of an app to plain Kubernetes objects, in output order.
 *
 * @throws SynthError listing every construct validation error of the app
 */
export function synthApp(app: App): KubeObject[] {
  return synthesizeApp(app).objects.map((o) => o.object);
}
