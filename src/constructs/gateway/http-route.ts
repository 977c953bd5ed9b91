import { ApiObject, Duration, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import type { HttpRouteSpecRules, HttpRouteSpecRulesMatches, HttpRouteSpecRulesMatchesPathType } from '../../../imports/gateway.networking.k8s.io';
import { ValidationError } from '../core/errors';
import { checkPortNumber } from '../core/validators';
import { checkGatewayDuration, checkHeaderName, checkHttpPath, gatewayDuration } from './hostnames';
import { gatewayApi } from './gateway-api';
import { grantBackends, ReferenceGrant } from './reference-grant';
import { backendRefsOf, RouteBaseProps, RouteBasics } from './route-base';
import { bindBackends, BoundBackend, RouteBackend } from './route-refs';

/** How a path matches. */
export enum PathMatchType {
  /** The path and everything below it, by `/`-separated elements (`/api` matches `/api/v1`, not `/apis`). */
  PREFIX = 'PathPrefix',
  /** The exact path. */
  EXACT = 'Exact',
}

/** A path match of an HTTPRoute rule. */
export class PathMatch {
  /** The path and everything below it. */
  public static prefix(path: string): PathMatch {
    return new PathMatch(PathMatchType.PREFIX, path);
  }

  /** The exact path. */
  public static exact(path: string): PathMatch {
    return new PathMatch(PathMatchType.EXACT, path);
  }

  private constructor(
    /** How the path matches. */
    public readonly type: PathMatchType,
    /** The path. */
    public readonly path: string) {
  }
}

/** A request header that must have a value (exact match; header names are case-insensitive). */
export interface HeaderMatch {
  /** The header name, e.g. `x-canary`. */
  readonly name: string;
  /** The exact value. */
  readonly value: string;
}

/** What requests a rule takes: all conditions of one match must hold. */
export interface HttpRouteMatch {
  /**
   * The path.
   * @default PathMatch.prefix('/')
   */
  readonly path?: PathMatch;
  /**
   * Headers that must all be present with their values.
   * @default - any headers
   */
  readonly headers?: HeaderMatch[];
}

/** The status code of a redirect. */
export enum RedirectStatusCode {
  /** 301 Moved Permanently. */
  MOVED_PERMANENTLY = 301,
  /** 302 Found. */
  FOUND = 302,
}

/** Options of {@link HttpRedirect.toHttps}. */
export interface HttpsRedirectOptions {
  /**
   * The status code.
   * @default RedirectStatusCode.MOVED_PERMANENTLY
   */
  readonly statusCode?: RedirectStatusCode;
  /**
   * The HTTPS port, when not 443.
   * @default - the scheme's port (443)
   */
  readonly port?: number;
}

/** A redirect answered by the Gateway itself (`RequestRedirect` filter). */
export class HttpRedirect {
  /** To the same host and path over HTTPS (HTTP to HTTPS). */
  public static toHttps(options: HttpsRedirectOptions = {}): HttpRedirect {
    return new HttpRedirect(options.statusCode ?? RedirectStatusCode.MOVED_PERMANENTLY, options.port);
  }

  private constructor(
    /** The status code. */
    public readonly statusCode: RedirectStatusCode,
    /** The port, if not the scheme's. */
    public readonly port?: number) {
  }
}

/** A rule of an HTTPRoute: which requests, and where they go. */
export interface HttpRouteRule {
  /**
   * The requests the rule takes (any one match).
   * @default - every request (path prefix `/`)
   */
  readonly matches?: HttpRouteMatch[];
  /**
   * Where the requests go; several backends split the traffic by weight. Required unless `redirect` is set.
   * @default - none (only with `redirect`)
   */
  readonly backends?: RouteBackend[];
  /**
   * A redirect answered by the Gateway instead of a backend.
   * @default - no redirect
   */
  readonly redirect?: HttpRedirect;
  /**
   * The time the Gateway waits for the whole response (`timeouts.request`).
   * @default - the implementation's default
   */
  readonly timeout?: Duration;
  /**
   * The time for one attempt to a backend (`timeouts.backendRequest`); at most `timeout`.
   * @default - the implementation's default
   */
  readonly backendTimeout?: Duration;
}

/** Properties of an {@link HttpRoute}. */
export interface HttpRouteProps extends RouteBaseProps {
  /** The rules, at most 16. At least one. */
  readonly rules: HttpRouteRule[];
}

/**
 * An HTTPRoute (`gateway.networking.k8s.io/v1`): HTTP requests for some host names and paths,
 * from the listeners of Gateways, to Services. A `WebApp` creates its own with `route`; create one
 * directly for a route over several apps, e.g. a canary split:
 *
 * ```ts
 * new HttpRoute(chart, 'Shop', {
 *   parents: [RouteParent.gateway(gateway, { listener: 'https' })],
 *   hostnames: ['shop.example.com'],
 *   rules: [{ backends: [RouteBackend.app(stable, { weight: 90 }), RouteBackend.app(canary, { weight: 10 })] }],
 * });
 * ```
 *
 * Backends in another namespace of the app get their ReferenceGrant.
 *
 * @see https://gateway-api.sigs.k8s.io/api-types/httproute/
 */
export class HttpRoute extends Construct {
  /** The HTTPRoute object (escape hatch: `route.resource.addJsonPatch(...)`). */
  public readonly resource: ApiObject;
  /** The route's name. */
  public readonly name: string;
  /** The host names. */
  public readonly hostnames: string[];
  /** The ReferenceGrants created for backends in other namespaces. */
  public readonly referenceGrants: ReferenceGrant[];

  private readonly _spec: Record<string, unknown>;

  constructor(scope: Construct, id: string, props: HttpRouteProps) {
    super(scope, id);
    const basics = new RouteBasics(this, props);
    const rulesProp = basics.checkRules(props.rules);
    const backends: BoundBackend[] = [];
    const rules = props.rules.map((rule, i) => renderRule(basics, `${rulesProp}[${i}]`, rule ?? {}, backends));
    const matches = rules.reduce((n, r) => n + (r.matches?.length ?? 0), 0);
    if (matches > 128) {
      throw new ValidationError(basics.errors, `'${rulesProp}' have ${matches} matches together: a route takes at most 128`);
    }
    this._spec = basics.spec(rules);
    this.hostnames = basics.hostnames;
    this.resource = new (gatewayApi().HttpRoute)(this, 'Resource', {
      metadata: props.metadata ?? {},
      spec: Lazy.any({ produce: () => this._spec }) as never,
    });
    this.name = this.resource.name;
    this.referenceGrants = grantBackends(this, 'HTTPRoute', basics.namespace, backends);
  }
}

/** Checks and renders one rule; adds its backends to `backends`. */
function renderRule(basics: RouteBasics, prop: string, rule: HttpRouteRule, backends: BoundBackend[]): HttpRouteSpecRules {
  const errors = basics.errors;
  const matches = basics.checkMatches(prop, rule.matches);
  const rendered: HttpRouteSpecRulesMatches[] = matches.map((match, j) => renderMatch(basics, `${prop}.matches[${j}]`, match ?? {}));
  const redirect = rule.redirect;
  if (redirect !== undefined && !(redirect instanceof HttpRedirect)) {
    throw new ValidationError(errors, `'${prop}.redirect' must be an HttpRedirect: use HttpRedirect.toHttps()`);
  }
  if (redirect !== undefined && rule.backends !== undefined && rule.backends.length > 0) {
    throw new ValidationError(errors, `'${prop}' has both a redirect and backends: a redirect is answered by the Gateway, so leave out 'backends'`);
  }
  if (redirect?.port !== undefined) {
    checkPortNumber(errors, `${prop}.redirect.port`, redirect.port);
  }
  const bound = redirect === undefined ? bindBackends(errors, `${prop}.backends`, rule.backends, basics.namespace) : [];
  backends.push(...bound);
  const timeout = durationOf(basics, `${prop}.timeout`, rule.timeout);
  const backendTimeout = durationOf(basics, `${prop}.backendTimeout`, rule.backendTimeout);
  if (timeout !== undefined && backendTimeout !== undefined && backendTimeout > timeout) {
    throw new ValidationError(errors, `'${prop}.backendTimeout' (${gatewayDuration(backendTimeout)}) must not exceed '${prop}.timeout' (${gatewayDuration(timeout)})`);
  }
  return {
    ...(rendered.length ? { matches: rendered } : {}),
    ...(redirect !== undefined ? {
      filters: [{
        type: gatewayApi().HttpRouteSpecRulesFiltersType.REQUEST_REDIRECT,
        requestRedirect: {
          scheme: gatewayApi().HttpRouteSpecRulesFiltersRequestRedirectScheme.HTTPS,
          statusCode: redirect.statusCode as number as never,
          ...(redirect.port !== undefined ? { port: redirect.port } : {}),
        },
      }],
    } : {}),
    ...(bound.length ? {
      backendRefs: backendRefsOf(bound),
    } : {}),
    ...(timeout !== undefined || backendTimeout !== undefined ? {
      timeouts: {
        ...(timeout !== undefined ? { request: gatewayDuration(timeout) } : {}),
        ...(backendTimeout !== undefined ? { backendRequest: gatewayDuration(backendTimeout) } : {}),
      },
    } : {}),
  };
}

function renderMatch(basics: RouteBasics, prop: string, match: HttpRouteMatch): HttpRouteSpecRulesMatches {
  const errors = basics.errors;
  const path = match.path;
  if (path !== undefined) {
    if (!(path instanceof PathMatch)) {
      throw new ValidationError(errors, `'${prop}.path' must be a PathMatch: use PathMatch.prefix() or PathMatch.exact()`);
    }
    checkHttpPath(errors, `${prop}.path`, path.path);
  }
  const headers = match.headers ?? [];
  checkHeaderMatches(errors, `${prop}.headers`, headers);
  return {
    ...(path !== undefined ? { path: { type: path.type as unknown as HttpRouteSpecRulesMatchesPathType, value: path.path } } : {}),
    ...(headers.length ? {
      headers: headers.map(h => ({ type: gatewayApi().HttpRouteSpecRulesMatchesHeadersType.EXACT, name: h.name, value: h.value })),
    } : {}),
  };
}

/**
 * Throws unless `headers` are at most 16 exact header matches with distinct (case-insensitive)
 * names and values of 1 to 4096 characters.
 *
 * @internal
 */
export function checkHeaderMatches(errors: IConstruct, prop: string, headers: readonly HeaderMatch[]): void {
  if (!Array.isArray(headers) || headers.length > 16) {
    throw new ValidationError(errors, `'${prop}' must be an array of at most 16 header matches`);
  }
  const seen = new Set<string>();
  headers.forEach((header, k) => {
    checkHeaderName(errors, `${prop}[${k}].name`, header?.name);
    if (typeof header.value !== 'string' || header.value.length === 0 || header.value.length > 4096) {
      throw new ValidationError(errors, `'${prop}[${k}].value' (${JSON.stringify(header.value)}) must be a string of 1 to 4096 characters`);
    }
    if (seen.has(header.name.toLowerCase())) {
      throw new ValidationError(errors, `'${prop}[${k}].name' (${JSON.stringify(header.name)}) repeats a header: header names are case-insensitive and each appears once`);
    }
    seen.add(header.name.toLowerCase());
  });
}

/**
 * The milliseconds of a route timeout, checked; errors name `prop`.
 *
 * @internal
 */
export function routeTimeoutMs(errors: IConstruct, prop: string, duration: Duration | undefined): number | undefined {
  if (duration === undefined) {
    return undefined;
  }
  if (!(duration instanceof Duration)) {
    throw new ValidationError(errors, `'${prop}' must be a Duration, e.g. Duration.seconds(30)`);
  }
  const ms = duration.toMilliseconds();
  checkGatewayDuration(errors, prop, ms);
  return ms;
}

function durationOf(basics: RouteBasics, prop: string, duration: Duration | undefined): number | undefined {
  return routeTimeoutMs(basics.errors, prop, duration);
}
