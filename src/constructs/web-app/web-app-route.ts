import { ApiObjectMetadata, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { ValidationError } from '../core/errors';
import { plus } from '../core/plus';
import { GrpcMethodMatch, GrpcRoute } from '../gateway/grpc-route';
import { checkHttpPath } from '../gateway/hostnames';
import {
  checkHeaderMatches, HeaderMatch, HttpRedirect, HttpRoute, HttpRouteMatch, PathMatch, PathMatchType, routeTimeoutMs,
} from '../gateway/http-route';
import { withErrorContext } from '../gateway/route-base';
import { RouteBackend, RouteParent } from '../gateway/route-refs';

/**
 * An HTTPRoute from Gateway listeners to the app's Service: the Gateway API successor of
 * `ingress` (both may be set during a migration).
 *
 * @see https://gateway-api.sigs.k8s.io/api-types/httproute/
 */
export interface AppHttpRouteOptions {
  /**
   * The Gateways (and listeners) the route attaches to: `RouteParent.gateway(gateway, { listener: 'https' })`,
   * `RouteParent.named('public', { namespace })` or `RouteParent.external('public', { namespace, listeners })`.
   */
  readonly parents: RouteParent[];
  /**
   * Host names (DNS names or `*.` wildcards, no IPs), each compatible with a listener.
   * @default - the listeners' host names
   */
  readonly hosts?: string[];
  /**
   * Paths routed to the app, on every host.
   * @default ['/']
   */
  readonly paths?: string[];
  /**
   * How paths match.
   * @default PathMatchType.PREFIX
   */
  readonly pathMatch?: PathMatchType;
  /**
   * Headers every routed request must carry (exact values), e.g. `[{ name: 'x-canary', value: 'true' }]`.
   * @default - any headers
   */
  readonly headers?: HeaderMatch[];
  /**
   * The app port (by name) the route sends traffic to.
   * @default - the first port
   */
  readonly port?: string;
  /**
   * The time the Gateway waits for a response.
   * @default - the implementation's default
   */
  readonly timeout?: Duration;
  /**
   * Listeners (usually the plain HTTP one) on which requests for the hosts are redirected to
   * HTTPS, by a second HTTPRoute (id `HttpsRedirect`).
   * @default - no redirect
   */
  readonly httpsRedirect?: RouteParent[];
}

/**
 * A GRPCRoute from Gateway listeners to the app's Service (an app that serves gRPC).
 *
 * @see https://gateway-api.sigs.k8s.io/api-types/grpcroute/
 */
export interface AppGrpcRouteOptions {
  /** The Gateways (and listeners) the route attaches to. */
  readonly parents: RouteParent[];
  /**
   * Host names, each compatible with a listener.
   * @default - the listeners' host names
   */
  readonly hosts?: string[];
  /**
   * The gRPC services and methods routed to the app (any one).
   * @default - every call
   */
  readonly methods?: GrpcMethodMatch[];
  /**
   * The app port (by name) the route sends traffic to.
   * @default - the first port
   */
  readonly port?: string;
}

/** The routes a WebApp creates. @internal */
export interface AppRoutes {
  readonly httpRoute?: HttpRoute;
  readonly httpsRedirectRoute?: HttpRoute;
  readonly grpcRoute?: GrpcRoute;
}

/**
 * Creates the HTTPRoute (id `HttpRoute`), its HTTPS redirect (id `HttpsRedirect`) and the
 * GRPCRoute (id `GrpcRoute`) of a WebApp; errors name the app and its props (`route.hosts[0]`).
 *
 * @internal
 */
export function createAppRoutes(app: Construct, options: { route?: AppHttpRouteOptions; grpcRoute?: AppGrpcRouteOptions },
  service: plus.Service, servicePortOf: (prop: string, portName: string | undefined) => number, metadata: ApiObjectMetadata): AppRoutes {
  const out: { -readonly [K in keyof AppRoutes]: AppRoutes[K] } = {};
  const route = options.route;
  if (route !== undefined) {
    const pathMatch = route.pathMatch ?? PathMatchType.PREFIX;
    if (!Object.values(PathMatchType).includes(pathMatch)) {
      throw new ValidationError(app, `'route.pathMatch' (${JSON.stringify(pathMatch)}) is unknown: use PathMatchType.PREFIX or EXACT`);
    }
    const paths = route.paths ?? ['/'];
    if (!Array.isArray(paths) || paths.length === 0) {
      throw new ValidationError(app, '\'route.paths\' must not be empty: leave it out to route every path (\'/\')');
    }
    if (paths.length > 64) {
      throw new ValidationError(app, `'route.paths' has ${paths.length} paths: a route rule takes at most 64`);
    }
    paths.forEach((path, i) => checkHttpPath(app, `route.paths[${i}]`, path));
    if (new Set(paths).size !== paths.length) {
      throw new ValidationError(app, `'route.paths' (${JSON.stringify(paths)}) must not contain duplicates`);
    }
    checkHeaderMatches(app, 'route.headers', route.headers ?? []);
    routeTimeoutMs(app, 'route.timeout', route.timeout);
    const port = servicePortOf('route.port', route.port);
    const matches: HttpRouteMatch[] = paths.map(path => ({
      path: pathMatch === PathMatchType.EXACT ? PathMatch.exact(path) : PathMatch.prefix(path),
      ...(route.headers !== undefined ? { headers: route.headers } : {}),
    }));
    out.httpRoute = new HttpRoute(app, 'HttpRoute', withErrorContext({
      parents: route.parents,
      ...(route.hosts !== undefined ? { hostnames: route.hosts } : {}),
      rules: [{
        matches,
        backends: [RouteBackend.service(service, port)],
        ...(route.timeout !== undefined ? { timeout: route.timeout } : {}),
      }],
      metadata,
    }, { scope: app, props: { parents: 'route.parents', hostnames: 'route.hosts', rules: 'route.rule', metadata: 'metadata' } }));
    if (route.httpsRedirect !== undefined) {
      out.httpsRedirectRoute = new HttpRoute(app, 'HttpsRedirect', withErrorContext({
        parents: route.httpsRedirect,
        ...(route.hosts !== undefined ? { hostnames: route.hosts } : {}),
        rules: [{ redirect: HttpRedirect.toHttps() }],
        metadata: { ...metadata, ...(metadata.name !== undefined ? { name: `${metadata.name}-https-redirect` } : {}) },
      }, { scope: app, props: { parents: 'route.httpsRedirect', hostnames: 'route.hosts', rules: 'route.httpsRedirect rule', metadata: 'metadata' } }));
    }
  }
  const grpc = options.grpcRoute;
  if (grpc !== undefined) {
    const port = servicePortOf('grpcRoute.port', grpc.port);
    out.grpcRoute = new GrpcRoute(app, 'GrpcRoute', withErrorContext({
      parents: grpc.parents,
      ...(grpc.hosts !== undefined ? { hostnames: grpc.hosts } : {}),
      rules: [{ ...(grpc.methods !== undefined ? { matches: grpc.methods } : {}), backends: [RouteBackend.service(service, port)] }],
      metadata: { ...metadata, ...(metadata.name !== undefined && options.route !== undefined ? { name: `${metadata.name}-grpc` } : {}) },
    }, { scope: app, props: { parents: 'grpcRoute.parents', hostnames: 'grpcRoute.hosts', rules: 'grpcRoute.rule', metadata: 'metadata' } }));
  }
  return out;
}
