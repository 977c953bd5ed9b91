import { App } from 'cdk8s';
import { PodinfoChart } from './podinfo/chart';

export { PodinfoChart, PodinfoChartProps } from './podinfo/chart';

/**
 * Instantiates every example chart in `app` (called by the synth entry point `src/apps/main.ts`).
 */
export function addExampleCharts(app: App): void {
  new PodinfoChart(app, 'podinfo');
}
