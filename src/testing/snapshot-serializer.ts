/**
 * A jest snapshot serializer that prints Kubernetes objects as YAML documents.
 *
 * Register it per test file with `expect.addSnapshotSerializer(testing.kubeYamlSerializer)`, or
 * for every test with `snapshotSerializers: ['cdk8s-patterns/testing/snapshot-serializer']`
 * in the jest configuration (this module exports `test` and `serialize` itself).
 * It does not import jest.
 */
import { toYamlDocuments } from '../synth/yaml-emitter';

/** The part of jest's `SnapshotSerializer` (`NewPlugin`) interface this serializer implements. */
export interface YamlSnapshotSerializer {
  /** Whether the value is a Kubernetes object or a non-empty list of them. */
  test(value: unknown): boolean;
  /** The value as YAML documents separated by `---`. */
  serialize(value: unknown, config?: unknown, indentation?: string): string;
}

/**
 * Whether a value is a Kubernetes object (a plain object with string `apiVersion` and `kind`)
 * or a non-empty array of them.
 */
export function test(value: unknown): boolean {
  if (Array.isArray(value)) {
    return value.length > 0 && value.every(isKubeObject);
  }
  return isKubeObject(value);
}

/**
 * Prints Kubernetes objects as YAML documents (`---` between them), with the deterministic
 * emitter the synth uses, so snapshots read like the files in `dist/`.
 *
 * @param value what `test` accepted
 * @param _config jest's printing configuration (unused)
 * @param indentation jest's indentation of nested values, applied to every line after the first
 */
export function serialize(value: unknown, _config?: unknown, indentation = ''): string {
  const documents = Array.isArray(value) ? value : [value];
  const text = toYamlDocuments(documents).trimEnd();
  return indentation === '' ? text : text.split('\n').join(`\n${indentation}`);
}

/** The serializer as an object, for `expect.addSnapshotSerializer()`. */
export const kubeYamlSerializer: YamlSnapshotSerializer = { test, serialize };

function isKubeObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const object = value as { apiVersion?: unknown; kind?: unknown };
  return typeof object.apiVersion === 'string' && typeof object.kind === 'string';
}
