/* eslint-disable @typescript-eslint/no-require-imports */
import type * as GatewayApi from '../../../imports/gateway.networking.k8s.io';

let loaded: typeof GatewayApi | undefined;

/**
 * The generated Gateway API classes and enums (`imports/gateway.networking.k8s.io`, 176 KB of
 * JavaScript), loaded when the first Gateway, route or ReferenceGrant is constructed instead of
 * with the package: an app without Gateway API objects (most WebApps) never loads them. The
 * constructs import the module's types with `import type` and take its values from here.
 */
export function gatewayApi(): typeof GatewayApi {
  return (loaded ??= require('../../../imports/gateway.networking.k8s.io') as typeof GatewayApi);
}
