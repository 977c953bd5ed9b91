import { App } from 'cdk8s';
import { PodinfoChart } from './podinfo/chart';
import { MinifluxChart } from './miniflux/chart';
import { ObservedMinifluxChart } from './observed-miniflux/chart';

export { PodinfoChart, PodinfoChartProps } from './podinfo/chart';
export { MinifluxChart, MinifluxChartProps } from './miniflux/chart';
export { ObservedMinifluxChart, ObservedMinifluxChartProps } from './observed-miniflux/chart';

/**
 * Instantiates every example chart in `app` (called by the synth entry point `src/apps/main.ts`).
 */
export function addExampleCharts(app: App): void {
  new PodinfoChart(app, 'podinfo');
  new MinifluxChart(app, 'miniflux');
  new ObservedMinifluxChart(app, 'miniflux-observed');
}
