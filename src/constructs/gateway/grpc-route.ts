import { ApiObject, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import type { GrpcRouteSpecRules } from '../../../imports/gateway.networking.k8s.io';
import { ValidationError } from '../core/errors';
import { gatewayApi } from './gateway-api';
import { grantBackends, ReferenceGrant } from './reference-grant';
import { backendRefsOf, RouteBaseProps, RouteBasics } from './route-base';
import { bindBackends, BoundBackend, RouteBackend } from './route-refs';

/** A gRPC service name, e.g. `hipstershop.CartService` (case-insensitive, dot-separated identifiers). */
const GRPC_SERVICE = /^\.?[a-zA-Z_][a-zA-Z_0-9]*(\.[a-zA-Z_][a-zA-Z_0-9]*)*$/;
/** A gRPC method name, e.g. `GetCart`. */
const GRPC_METHOD = /^[A-Za-z_][A-Za-z_0-9]*$/;

/** The gRPC calls a GRPCRoute rule takes: a whole service, or one method of it. */
export class GrpcMethodMatch {
  /** Every method of a service, e.g. `GrpcMethodMatch.service('hipstershop.CartService')`. */
  public static service(service: string): GrpcMethodMatch {
    return new GrpcMethodMatch(service);
  }

  /** One method of a service, e.g. `GrpcMethodMatch.method('hipstershop.CartService', 'GetCart')`. */
  public static method(service: string, method: string): GrpcMethodMatch {
    return new GrpcMethodMatch(service, method);
  }

  private constructor(
    /** The fully qualified service name. */
    public readonly service: string,
    /** The method, if only one. */
    public readonly method?: string) {
  }

  /** Checks the names; errors name `prop`. @internal */
  public _validate(scope: IConstruct, prop: string): void {
    if (typeof this.service !== 'string' || this.service.length > 1024 || !GRPC_SERVICE.test(this.service)) {
      throw new ValidationError(scope, `'${prop}' service (${JSON.stringify(this.service)}) must be a fully qualified gRPC service name such as 'hipstershop.CartService'`);
    }
    if (this.method !== undefined && (typeof this.method !== 'string' || this.method.length > 1024 || !GRPC_METHOD.test(this.method))) {
      throw new ValidationError(scope, `'${prop}' method (${JSON.stringify(this.method)}) must be a gRPC method name such as 'GetCart'`);
    }
  }
}

/** A rule of a GRPCRoute. */
export interface GrpcRouteRule {
  /**
   * The calls the rule takes (any one match).
   * @default - every call
   */
  readonly matches?: GrpcMethodMatch[];
  /** Where the calls go; several backends split them by weight. At least one. */
  readonly backends: RouteBackend[];
}

/** Properties of a {@link GrpcRoute}. */
export interface GrpcRouteProps extends RouteBaseProps {
  /** The rules, at most 16. At least one. */
  readonly rules: GrpcRouteRule[];
}

/**
 * A GRPCRoute (`gateway.networking.k8s.io/v1`): gRPC calls for some host names, services and
 * methods, from the listeners of Gateways, to Services. A `WebApp` creates its own with `grpcRoute`.
 *
 * @see https://gateway-api.sigs.k8s.io/api-types/grpcroute/
 */
export class GrpcRoute extends Construct {
  /** The GRPCRoute object (escape hatch). */
  public readonly resource: ApiObject;
  /** The route's name. */
  public readonly name: string;
  /** The host names. */
  public readonly hostnames: string[];
  /** The ReferenceGrants created for backends in other namespaces. */
  public readonly referenceGrants: ReferenceGrant[];

  private readonly _spec: Record<string, unknown>;

  constructor(scope: Construct, id: string, props: GrpcRouteProps) {
    super(scope, id);
    const basics = new RouteBasics(this, props);
    const rulesProp = basics.checkRules(props.rules);
    const backends: BoundBackend[] = [];
    const api = gatewayApi();
    const rules = props.rules.map((rule, i): GrpcRouteSpecRules => {
      const prop = `${rulesProp}[${i}]`;
      const matches = basics.checkMatches(prop, rule?.matches);
      matches.forEach((match, j) => {
        if (!(match instanceof GrpcMethodMatch)) {
          throw new ValidationError(basics.errors, `'${prop}.matches[${j}]' must be a GrpcMethodMatch: use GrpcMethodMatch.service() or method()`);
        }
        match._validate(basics.errors, `${prop}.matches[${j}]`);
      });
      const bound = bindBackends(basics.errors, `${prop}.backends`, rule?.backends, basics.namespace);
      backends.push(...bound);
      return {
        ...(matches.length ? {
          matches: matches.map(m => ({
            method: { type: api.GrpcRouteSpecRulesMatchesMethodType.EXACT, service: m.service, ...(m.method !== undefined ? { method: m.method } : {}) },
          })),
        } : {}),
        backendRefs: backendRefsOf(bound),
      };
    });
    this._spec = basics.spec(rules);
    this.hostnames = basics.hostnames;
    this.resource = new api.GrpcRoute(this, 'Resource', {
      metadata: props.metadata ?? {},
      spec: Lazy.any({ produce: () => this._spec }) as never,
    });
    this.name = this.resource.name;
    this.referenceGrants = grantBackends(this, 'GRPCRoute', basics.namespace, backends);
  }
}
