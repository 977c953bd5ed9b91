/**
 * The one module that imports cdk8s-plus-28.
 *
 * Every construct reaches cdk8s-plus (L2) and its generated k8s types (L1) through this
 * file, so moving to a newer cdk8s-plus line means changing the import below.
 *
 * Not exported from the package root, but the public declarations refer to `plus.Deployment`,
 * `plus.Container`, ... through it, so it stays in the published declarations: do not mark it
 * internal (stripInternal would drop the re-export and leave those types unresolved).
 */
export * as plus from 'cdk8s-plus-28';
export { k8s } from 'cdk8s-plus-28';

import type { ConfigMap } from 'cdk8s-plus-28';

/**
 * Makes a cdk8s-plus ConfigMap check its keys as own keys. cdk8s-plus checks `key in data` before
 * it adds a key, so without this a key named like an `Object.prototype` member (`constructor`,
 * `toString`) is refused as "already used".
 *
 * @internal
 */
export function withOwnKeyChecks(configMap: ConfigMap): ConfigMap {
  const target = configMap as unknown as { _data?: object; _binaryData?: object; verifyKeyAvailable?: (key: string) => void };
  if (typeof target.verifyKeyAvailable === 'function') {
    target.verifyKeyAvailable = (key: string): void => {
      if (Object.hasOwn(target._data ?? {}, key) || Object.hasOwn(target._binaryData ?? {}, key)) {
        throw new Error(`unable to add a ConfigMap entry with key "${key}". It is already used`);
      }
    };
  }
  return configMap;
}
