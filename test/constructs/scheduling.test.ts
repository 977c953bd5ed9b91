import { Duration, Testing } from 'cdk8s';
import {
  Image, NodeLabelOperator, PodAntiAffinity, SchedulingOptions, Severity, SpreadMode, TaintEffect, testing, TolerationOperator, validate, WebApp,
} from '../../src';

/* Where the pods run, typed: node selector and affinity, anti-affinity, tolerations, priority class, spread. */

function podOf(scheduling: SchedulingOptions, spread?: boolean): Record<string, any> {
  const chart = Testing.chart();
  new WebApp(chart, 'Web', { image: Image.of('ghcr.io/acme/web:1.4.2'), scheduling, spread });
  expect(validate(chart).findings.filter(f => f.severity === Severity.ERROR)).toStrictEqual([]);
  return (testing.findObject(testing.synthChart(chart), 'Deployment') as Record<string, any>).spec.template.spec;
}

describe('scheduling', () => {
  test('nothing set: any node, the default soft spread over hostname and zone', () => {
    const pod = podOf({});
    expect([pod.nodeSelector, pod.affinity, pod.tolerations, pod.priorityClassName]).toStrictEqual([undefined, undefined, undefined, undefined]);
    expect(pod.topologySpreadConstraints.map((c: any) => `${c.topologyKey} ${c.maxSkew} ${c.whenUnsatisfiable}`))
      .toStrictEqual(['kubernetes.io/hostname 1 ScheduleAnyway', 'topology.kubernetes.io/zone 1 ScheduleAnyway']);
  });

  test('a required per-node anti-affinity on the app selector', () => {
    const pod = podOf({ podAntiAffinity: PodAntiAffinity.REQUIRED_PER_NODE });
    expect(pod.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution).toStrictEqual([{
      labelSelector: { matchLabels: { 'app.kubernetes.io/instance': 'test-web-c8b65d84', 'app.kubernetes.io/name': 'web' } },
      topologyKey: 'kubernetes.io/hostname',
    }]);
  });

  test('tolerations: Exists without key tolerates everything; NoExecute with a period', () => {
    const pod = podOf({ tolerations: [
      { operator: TolerationOperator.EXISTS },
      { key: 'node.kubernetes.io/unreachable', operator: TolerationOperator.EXISTS, effect: TaintEffect.NO_EXECUTE, tolerationPeriod: Duration.seconds(30) },
    ] });
    expect(pod.tolerations).toStrictEqual([
      { operator: 'Exists' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
    ]);
  });

  test('the spread replaces the default one', () => {
    const pod = podOf({ spread: { topologyKeys: ['topology.kubernetes.io/zone'], mode: SpreadMode.DO_NOT_SCHEDULE } });
    expect(pod.topologySpreadConstraints.map((c: any) => `${c.topologyKey} ${c.maxSkew} ${c.whenUnsatisfiable}`))
      .toStrictEqual(['topology.kubernetes.io/zone 1 DoNotSchedule']);
  });
});

describe('scheduling: bad input', () => {
  test.each<[string, SchedulingOptions, string]>([
    ['In without values', { requiredNodeLabels: [{ key: 'kubernetes.io/arch', operator: NodeLabelOperator.IN }] },
      '[test/Web] \'scheduling.requiredNodeLabels[0].values\' must list at least one value for NodeLabelOperator.IN'],
    ['Exists with values', { requiredNodeLabels: [{ key: 'gpu', operator: NodeLabelOperator.EXISTS, values: ['yes'] }] },
      '[test/Web] \'scheduling.requiredNodeLabels[0].values\' must be empty for NodeLabelOperator.EXISTS'],
    ['a preference weight above 100', { preferredNodeLabels: [{ weight: 101, requirements: [{ key: 'gpu', operator: NodeLabelOperator.EXISTS }] }] },
      '[test/Web] \'scheduling.preferredNodeLabels[0].weight\' (101) must be an integer between 1 and 100'],
    ['a toleration without key that is not Exists', { tolerations: [{ value: 'x' }] },
      '[test/Web] \'scheduling.tolerations[0]\' without a key must use TolerationOperator.EXISTS (it tolerates every taint)'],
    ['Exists with a value', { tolerations: [{ key: 'dedicated', operator: TolerationOperator.EXISTS, value: 'web' }] },
      '[test/Web] \'scheduling.tolerations[0].value\' ("web") must be left out with TolerationOperator.EXISTS'],
    ['a toleration period without NoExecute', { tolerations: [{ key: 'dedicated', value: 'web', tolerationPeriod: Duration.seconds(5) }] },
      '[test/Web] \'scheduling.tolerations[0].tolerationPeriod\' applies to TaintEffect.NO_EXECUTE only'],
    ['a priority class that is not a DNS name', { priorityClassName: 'High' },
      '[test/Web] \'scheduling.priorityClassName\' ("High") must be a DNS-1123 subdomain'],
    ['a node selector value the API server rejects', { nodeSelector: { pool: 'a b' } },
      '[test/Web] \'scheduling.nodeSelector.pool\' ("a b") must be a valid label value'],
    ['a spread over no key', { spread: { topologyKeys: [] } },
      '[test/Web] \'scheduling.spread.topologyKeys\' must list at least one node label; use spread: false on the workload for no spread'],
    ['maxSkew 0', { spread: { maxSkew: 0 } },
      '[test/Web] \'scheduling.spread.maxSkew\' (0) must be an integer >= 1'],
    ['an unknown anti-affinity (JavaScript)', { podAntiAffinity: 'strict' as PodAntiAffinity },
      '[test/Web] \'scheduling.podAntiAffinity\' ("strict") must be a PodAntiAffinity'],
  ])('%s', (_case, scheduling, message) => {
    expect(() => podOf(scheduling)).toThrow(message);
  });

  test('a spread with spread: false', () => {
    expect(() => podOf({ spread: { maxSkew: 2 } }, false))
      .toThrow('[test/Web] \'scheduling.spread\' is set but \'spread\' is false: leave one of them out');
  });
});
