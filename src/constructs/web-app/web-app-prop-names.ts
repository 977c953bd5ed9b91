import { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { PropNames, propNamesOf, unknownPropProblem } from '../core/prop-names';
import {
  AUTOSCALING_OPTIONS_NAMES, ROLLING_UPDATE_OPTIONS_NAMES, WORKLOAD_ITEM_NAMES, WORKLOAD_NESTED_NAMES, WORKLOAD_PROPS,
} from '../workload/workload-prop-names';
import { AdditionalServiceOptions, IngressOptions, ServicePortOptions, WebAppProps } from './web-app-props';
import { AppGrpcRouteOptions, AppHttpRouteOptions } from './web-app-route';
import { HeaderMatch } from '../gateway/http-route';
import { INBOUND_NAMES } from '../networking/inbound';

/**
 * The prop names of `WebApp` (typed `Record<keyof WebAppProps, true>`: a new prop breaks the build
 * until it is listed), for the run-time checks of untyped props and overrides.
 *
 * @internal
 */
export const WEB_APP_PROP_NAMES: PropNames = propNamesOf<WebAppProps>('WebAppProps', {
  ...WORKLOAD_PROPS, replicas: true, serviceType: true, servicePort: true, ingress: true, route: true, grpcRoute: true, autoscaling: true,
  disruptionBudget: true, rollingUpdate: true, rolloutStrategy: true, additionalServices: true, inbound: true,
}, {
  ...WORKLOAD_NESTED_NAMES,
  ingress: propNamesOf<IngressOptions>('IngressOptions', {
    hosts: true, paths: true, pathType: true, className: true, tls: true, port: true, annotations: true,
  }),
  route: propNamesOf<AppHttpRouteOptions>('AppHttpRouteOptions', {
    parents: true, hosts: true, paths: true, pathMatch: true, headers: true, port: true, timeout: true, httpsRedirect: true,
  }, undefined, { headers: propNamesOf<HeaderMatch>('HeaderMatch', { name: true, value: true }) }),
  grpcRoute: propNamesOf<AppGrpcRouteOptions>('AppGrpcRouteOptions', { parents: true, hosts: true, methods: true, port: true }),
  inbound: INBOUND_NAMES,
  autoscaling: AUTOSCALING_OPTIONS_NAMES,
  rollingUpdate: ROLLING_UPDATE_OPTIONS_NAMES,
}, WORKLOAD_ITEM_NAMES);

/**
 * The prop names of an additional Service (`additionalServices` values, `addService` options),
 * with its `ports` items.
 *
 * @internal
 */
export const ADDITIONAL_SERVICE_NAMES: PropNames = propNamesOf<AdditionalServiceOptions>('AdditionalServiceOptions', {
  type: true, ports: true, name: true, annotations: true,
}, undefined, {
  ports: propNamesOf<ServicePortOptions>('ServicePortOptions', { port: true, targetPort: true }),
});

/**
 * Throws a `ValidationError` on the app `id` under `scope` for the first unknown prop of an
 * `additionalServices` entry (`additionalServices.External.nme`: did you mean `name`?), and for
 * `additionalServices` given as an array (its elements are checked first, by index).
 *
 * @internal
 */
export function checkAdditionalServiceNames(scope: IConstruct, id: string, additionalServices: unknown): void {
  if (additionalServices === undefined || additionalServices === null || typeof additionalServices !== 'object') {
    return;
  }
  const entries: [string, unknown][] = Array.isArray(additionalServices)
    ? additionalServices.map((v, i) => [`[${i}]`, v])
    : Object.entries(additionalServices).map(([k, v]) => [`.${k}`, v]);
  const at = { node: { path: scope.node.path ? `${scope.node.path}/${id}` : id } } as unknown as IConstruct;
  for (const [key, options] of entries) {
    const problem = unknownPropProblem(options, ADDITIONAL_SERVICE_NAMES, `additionalServices${key}.`);
    if (problem !== undefined) {
      throw new ValidationError(at, problem);
    }
  }
  if (Array.isArray(additionalServices)) {
    throw new ValidationError(at, '\'additionalServices\' must be an object of Services by construct id '
      + '(e.g. { External: { type: ServiceType.LOAD_BALANCER } }), not an array');
  }
}
