/**
 * Test helpers for apps built with cdk8s-patterns: synthesize charts to plain objects, find
 * objects by kind and name, and print snapshots as YAML. Nothing here imports jest.
 *
 * @example
 * import { testing, validate } from 'cdk8s-patterns';
 * expect.addSnapshotSerializer(testing.kubeYamlSerializer);
 * const objects = testing.synthChart(chart);
 * expect(testing.findObject(objects, 'Deployment').spec).toMatchObject({ replicas: 2 });
 * expect(objects).toMatchSnapshot();
 * expect(validate(objects).ok).toBe(true); // same verdict as validate(chart) and synth: the array carries the chart's external objects
 */
export { synthChart, synthApp } from './synth';
export { findObject, findObjects } from './find';
export { kubeYamlSerializer } from './snapshot-serializer';
export * from './network-policy';
export type { YamlSnapshotSerializer } from './snapshot-serializer';
