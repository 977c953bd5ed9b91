/**
 * Synthesizing charts and apps to plain objects in tests.
 */
import { App, Chart } from 'cdk8s';
import { appInput, chartInput } from '../validation/engine-construct';
import { carryValidationContext, ValidationInput } from '../validation/engine-target';
import { KubeObject, ObjectSource } from '../validation/types';

/**
 * Synthesizes one chart to plain Kubernetes objects, in output order.
 *
 * Runs the same pipeline as `npm run synth` (dependency resolution and construct validations once
 * for the whole app), so it is faster than `chart.toJson()` on apps with many charts.
 *
 * The array carries (non-enumerable, so snapshots and `toEqual` do not see it) the external objects
 * declared in the chart or at app level and each object's construct path: `validate(objects)` and
 * `expect(objects).toBeValidKubernetes()` then agree with `validate(chart)` and with synth. A copy
 * of the array (`filter`, `map`, spread) does not carry them.
 *
 * @throws SynthError listing every construct validation error of the app
 */
export function synthChart(chart: Chart): KubeObject[] {
  return plainObjects(chartInput(chart));
}

/**
 * Synthesizes every chart of an app to plain Kubernetes objects, in output order.
 *
 * Like {@link synthChart}, the array carries every external object the app declares and each
 * object's construct path, for `validate(objects)`.
 *
 * @throws SynthError listing every construct validation error of the app
 */
export function synthApp(app: App): KubeObject[] {
  return plainObjects(appInput(app));
}

function plainObjects(input: ValidationInput): KubeObject[] {
  const sources = new WeakMap<object, ObjectSource>();
  const objects = input.objects.map(({ object, source }) => {
    sources.set(object, source);
    return object;
  });
  return carryValidationContext(objects, { external: input.external, sources });
}
