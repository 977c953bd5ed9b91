/**
 * Plain cdk8s-plus-28, N apps in one chart, written with cdk8s's own `app.synth()`.
 */
import { App, Chart } from 'cdk8s';
import { BenchCase, CaseGroup } from '../lib/bench-case';
import { benchAppSpec, ONE_CHART_ID } from '../fixtures/app-spec';
import { addPlainPlusApp } from '../fixtures/plain-plus-app';
import { countApiObjects } from './_count';

/** Plain cdk8s-plus-28 code, one chart holding every app, synthesized by cdk8s to a temp dir. */
export const plusOneChart: BenchCase = {
  id: 'plus-one-chart',
  title: 'cdk8s-plus-28, one chart, app.synth()',
  group: CaseGroup.SYNTH,
  unit: 'apps',
  run(n, context) {
    const app = new App({ outdir: context.workDir });
    const chart = new Chart(app, ONE_CHART_ID);
    for (let i = 0; i < n; i++) {
      addPlainPlusApp(chart, benchAppSpec(i));
    }
    app.synth();
    return { countObjects: () => countApiObjects(app) };
  },
};
