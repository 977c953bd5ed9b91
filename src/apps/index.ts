import { App } from 'cdk8s';
import { Construct } from 'constructs';
import { Environment, Environments } from '../index';
import { EXAMPLE_ENVIRONMENTS } from './environments';
import { MinifluxChart } from './miniflux/chart';
import { ObservedMinifluxChart } from './observed-miniflux/chart';
import { PodinfoChart } from './podinfo/chart';

export { PodinfoChart, PodinfoChartProps } from './podinfo/chart';
export { MinifluxChart, MinifluxChartProps } from './miniflux/chart';
export { ObservedMinifluxChart, ObservedMinifluxChartProps } from './observed-miniflux/chart';
export { OnlineBoutiqueChart, OnlineBoutiqueChartProps } from './online-boutique/chart';
export { WordpressChart, WordpressChartProps } from './wordpress/chart';
export { DEV, STAGING, PROD, EXAMPLE_ENVIRONMENTS } from './environments';

/**
 * The example apps in one environment: podinfo, Miniflux and the observed Miniflux, in the
 * environment's namespace, with hosts under its domain; podinfo autoscales only in prod.
 */
export function buildExampleApps(scope: Construct, env: Environment): void {
  new PodinfoChart(scope, 'podinfo', env.chartProps({ host: env.host('podinfo'), autoscaling: env.name === 'prod' }));
  new MinifluxChart(scope, 'miniflux', env.chartProps({ host: env.host('rss') }));
  new ObservedMinifluxChart(scope, 'miniflux-observed', env.chartProps({ host: env.host('observed.rss') }));
}

/**
 * Instantiates the example apps in dev, staging and prod (called by the synth entry point
 * `src/apps/main.ts`): `dist/<env>/` gets one file per chart and a `kustomization.yaml`.
 */
export function addExampleCharts(app: App): void {
  new Environments(app, 'Environments', { environments: EXAMPLE_ENVIRONMENTS, build: buildExampleApps });
}

/** The example app as an app module (`cdk8s-patterns synth --app src/apps/index.ts`); without `--app` the CLI runs src/apps/main.ts, which cdk8s.yaml names. */
export default addExampleCharts;
