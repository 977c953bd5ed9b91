/**
 * Gateway listeners: the certificates of TLS listeners are Secrets of type kubernetes.io/tls that
 * exist in the bundle or are declared external (gateway-api v1.4 `apis/v1/gateway_types.go`,
 * GatewayTLSConfig.CertificateRefs: a Secret of the core group by default, in the Gateway's
 * namespace unless `namespace` is set).
 */
import { BundleRule, BundleViolation } from '../../rule';
import { Layer, Severity } from '../../types';
import { asArray, asObject, asString } from '../common/field';
import { BundleIndex, findExternal, namespaceKey } from './_support/bundle-index';
import { describeNs, GATEWAY_MODEL } from './gateway-model';

const TLS_SECRET_TYPE = 'kubernetes.io/tls';

/** `cross/gateway-tls-secret`: listener certificates exist and have type kubernetes.io/tls. */
export const gatewayTlsSecretRule: BundleRule = {
  id: 'cross/gateway-tls-secret',
  layer: Layer.CROSS,
  defaultSeverity: Severity.ERROR,
  scope: 'bundle',
  description: 'Every Secret a Gateway listener names in tls.certificateRefs is a Secret of type kubernetes.io/tls in the bundle, or a declared external Secret.',
  example: 'spec.listeners[1].tls.certificateRefs[0].name: Not found: "public-tls": no Secret "public-tls" in namespace "gateway-system"; '
    + 'add it or declare it as an external object',
  check(objects, context) {
    const index = BundleIndex.of(objects);
    const out: BundleViolation[] = [];
    for (const gateway of index.analysis(GATEWAY_MODEL).gateways.values()) {
      asArray(asObject(gateway.entry.object.spec)?.listeners).forEach((item, i) => {
        asArray(asObject(asObject(item)?.tls)?.certificateRefs).forEach((ref, j) => {
          const r = asObject(ref) ?? {};
          const name = asString(r.name);
          if (name === undefined || (asString(r.kind) ?? 'Secret') !== 'Secret' || (asString(r.group) ?? '') !== '') {
            return;
          }
          const namespace = asString(r.namespace);
          const ns = namespace !== undefined ? namespaceKey(namespace) : gateway.entry.ns;
          const path = `spec.listeners[${i}].tls.certificateRefs[${j}].name`;
          const secret = index.find('Secret', ns, name);
          if (secret !== undefined) {
            const type = asString(secret.object.type) ?? 'Opaque';
            if (type !== TLS_SECRET_TYPE) {
              out.push({
                index: gateway.entry.index, path,
                message: `Invalid value: ${JSON.stringify(name)}: Secret ${JSON.stringify(name)} has type ${JSON.stringify(type)}, not "${TLS_SECRET_TYPE}"`,
              });
            }
          } else if (!findExternal(context, 'Secret', ns, name)) {
            out.push({
              index: gateway.entry.index, path,
              message: `Not found: ${JSON.stringify(name)}: no Secret ${JSON.stringify(name)} in ${describeNs(ns)}; add it or declare it as an external object`,
            });
          }
        });
      });
    }
    return out;
  },
};
