import { Size, Testing } from 'cdk8s';
import {
  AccessMode, Image, PercentOrCount, RolloutStrategy, Severity, testing, validate, VolumeSource, WebApp, WebAppProps, Worker,
} from '../../src';

/*
 * Recreate for apps that hold a ReadWriteOnce volume (the WordPress tutorial's wp-pv-claim), and a
 * clear error when such a claim sits under a Deployment that runs or surges to more than one pod.
 */

const WP_CONTENT = { name: 'wordpress-data', path: '/var/www/html', source: VolumeSource.newClaim({ size: Size.gibibytes(20) }) };

function build(props: Partial<WebAppProps>): Record<string, any> {
  const chart = Testing.chart();
  new WebApp(chart, 'Wordpress', { image: Image.of('wordpress:6.7.1-apache'), ...props });
  const deployment = testing.findObject(testing.synthChart(chart), 'Deployment') as Record<string, any>;
  expect(validate(chart).findings.filter(f => f.severity === Severity.ERROR)).toStrictEqual([]);
  return deployment;
}

describe('rolloutStrategy', () => {
  test('Recreate: strategy type Recreate without rollingUpdate', () => {
    const deployment = build({ replicas: 1, rolloutStrategy: RolloutStrategy.RECREATE, volumes: [WP_CONTENT] });
    expect(deployment.spec.strategy).toStrictEqual({ type: 'Recreate' });
  });

  test('the default stays a rolling update with maxSurge 25%, maxUnavailable 0', () => {
    expect(build({}).spec.strategy).toStrictEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } });
  });

  test('a ReadWriteOnce claim with one replica and a rolling update that does not surge is fine', () => {
    const deployment = build({ replicas: 1, rollingUpdate: { maxSurge: PercentOrCount.count(0), maxUnavailable: PercentOrCount.count(1) }, volumes: [WP_CONTENT] });
    expect(deployment.spec.strategy.type).toBe('RollingUpdate');
  });

  test('a ReadWriteMany claim may be shared by several replicas', () => {
    const shared = { ...WP_CONTENT, source: VolumeSource.newClaim({ size: Size.gibibytes(20), accessMode: AccessMode.READ_WRITE_MANY }) };
    expect(build({ replicas: 3, volumes: [shared] }).spec.replicas).toBe(3);
  });

  test('on a Worker', () => {
    const chart = Testing.chart();
    new Worker(chart, 'Indexer', { image: Image.of('ghcr.io/acme/indexer:1.0.0'), replicas: 1, rolloutStrategy: RolloutStrategy.RECREATE });
    expect((testing.findObject(testing.synthChart(chart), 'Deployment') as Record<string, any>).spec.strategy).toStrictEqual({ type: 'Recreate' });
  });
});

describe('rolloutStrategy and ReadWriteOnce claims: bad input', () => {
  test.each<[string, Partial<WebAppProps>, string]>([
    ['Recreate with rolling-update options', { rolloutStrategy: RolloutStrategy.RECREATE, rollingUpdate: { maxSurge: PercentOrCount.count(1) } },
      '[test/Wordpress] \'rollingUpdate\' applies to RolloutStrategy.ROLLING_UPDATE only: leave it out with \'rolloutStrategy\' RolloutStrategy.RECREATE'],
    ['an unknown strategy (JavaScript)', { rolloutStrategy: 'BlueGreen' as RolloutStrategy },
      '[test/Wordpress] \'rolloutStrategy\' ("BlueGreen") must be RolloutStrategy.ROLLING_UPDATE or RolloutStrategy.RECREATE'],
  ])('%s', (_case, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test.each<[string, Partial<WebAppProps>, string]>([
    ['several replicas', { replicas: 2, volumes: [WP_CONTENT] },
      '[test/Wordpress] \'volumes[0]\' claim "wordpress-data" is ReadWriteOnce but the Deployment runs 2 replicas: only one node can attach it; '
      + 'use replicas: 1 with rolloutStrategy: RolloutStrategy.RECREATE, a ReadWriteMany claim, or a StatefulSet (Database)'],
    ['autoscaling', { autoscaling: { maxReplicas: 4 }, volumes: [WP_CONTENT] },
      '[test/Wordpress] \'volumes[0]\' claim "wordpress-data" is ReadWriteOnce but the Deployment autoscales to 4 replicas: only one node can attach it; '
      + 'use replicas: 1 with rolloutStrategy: RolloutStrategy.RECREATE, a ReadWriteMany claim, or a StatefulSet (Database)'],
    ['a surging rolling update', { replicas: 1, volumes: [WP_CONTENT] },
      '[test/Wordpress] \'volumes[0]\' claim "wordpress-data" is ReadWriteOnce but the rolling update surges (maxSurge 25%): '
      + 'the new pod may start on another node while the old one holds the volume; use rolloutStrategy: RolloutStrategy.RECREATE'],
  ])('a ReadWriteOnce claim under %s fails the synth', (_case, props, message) => {
    const chart = Testing.chart();
    new WebApp(chart, 'Wordpress', { image: Image.of('wordpress:6.7.1-apache'), ...props });
    expect(() => testing.synthChart(chart)).toThrow(message);
  });

  test('a claim added after construction (addVolume) is checked too', () => {
    const chart = Testing.chart();
    const web = new WebApp(chart, 'Wordpress', { image: Image.of('wordpress:6.7.1-apache'), replicas: 3 });
    web.addVolume(WP_CONTENT);
    expect(() => testing.synthChart(chart)).toThrow('[test/Wordpress] \'volume\' claim "wordpress-data" is ReadWriteOnce but the Deployment runs 3 replicas');
  });
});
