/**
 * Plain cdk8s-plus-28, one chart per app, written with cdk8s's own `app.synth()`.
 */
import { App, Chart } from 'cdk8s';
import { BenchCase, CaseGroup } from '../lib/bench-case';
import { benchAppSpec } from '../fixtures/app-spec';
import { addPlainPlusApp } from '../fixtures/plain-plus-app';
import { countApiObjects } from './_count';

/** Plain cdk8s-plus-28 code, one chart per app (N charts, N files), synthesized by cdk8s. */
export const plusChartPerApp: BenchCase = {
  id: 'plus-chart-per-app',
  title: 'cdk8s-plus-28, chart per app, app.synth()',
  group: CaseGroup.SYNTH,
  unit: 'apps',
  run(n, context) {
    const app = new App({ outdir: context.workDir });
    for (let i = 0; i < n; i++) {
      const spec = benchAppSpec(i);
      addPlainPlusApp(new Chart(app, spec.id), spec);
    }
    app.synth();
    return { countObjects: () => countApiObjects(app) };
  },
};
