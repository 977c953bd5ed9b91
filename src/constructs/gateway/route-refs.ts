import { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { plus } from '../core/plus';
import { checkDns1123Label, checkDns1123Subdomain, checkPortNumber } from '../core/validators';
import { ExternalObjects } from '../external-objects/external-objects';
import { declareExternalGateway, Gateway, IGateway } from './gateway';
import { checkWeight, hostnamesIntersect } from './hostnames';

/** Options of a parent reference. */
export interface RouteParentOptions {
  /**
   * The listener of the Gateway (`sectionName`), e.g. `https`.
   * @default - every listener that admits the route
   */
  readonly listener?: string;
}

/** Options of {@link RouteParent.named}. */
export interface NamedRouteParentOptions extends RouteParentOptions {
  /**
   * The Gateway's namespace.
   * @default - the route's namespace
   */
  readonly namespace?: string;
}

/** Options of {@link RouteParent.external}. */
export interface ExternalRouteParentOptions extends NamedRouteParentOptions {
  /**
   * The names of the Gateway's listeners, so that validation refuses a listener it lacks.
   * @default - unknown: the listener name is not checked
   */
  readonly listeners?: string[];
}

/** The kinds of {@link RouteParent}. */
enum ParentKind { CONSTRUCT, NAMED, EXTERNAL }

/** A parent reference after binding: what the route renders. @internal */
export interface BoundParent {
  readonly name: string;
  readonly namespace?: string;
  readonly sectionName?: string;
}

/**
 * The Gateway (and optionally the listener) a route attaches to (`parentRefs`).
 *
 * - `RouteParent.gateway(gateway)`: a {@link Gateway} of the app or one from
 *   `Gateway.fromGatewayName()`; listener names, host names and allowed namespaces are checked at
 *   construction.
 * - `RouteParent.named('public', { namespace: 'gateway-system' })`: a Gateway by name, for
 *   environment overrides written before the app exists; it must be created in the app or declared
 *   external, which the validation rule `cross/gateway-route-parent` checks.
 * - `RouteParent.external('public', { namespace, listeners })`: a Gateway outside the app, declared
 *   as an external object by the route that uses it.
 */
export class RouteParent {
  /** A Gateway construct (of the app, or imported with `Gateway.fromGatewayName()`). */
  public static gateway(gateway: IGateway, options: RouteParentOptions = {}): RouteParent {
    return new RouteParent(ParentKind.CONSTRUCT, gateway?.gatewayName, gateway?.gatewayNamespace, options.listener, gateway);
  }

  /** A Gateway by name, created elsewhere in the app or declared external. */
  public static named(name: string, options: NamedRouteParentOptions = {}): RouteParent {
    return new RouteParent(ParentKind.NAMED, name, options.namespace, options.listener);
  }

  /** A Gateway outside the app, declared external when a route uses it. */
  public static external(name: string, options: ExternalRouteParentOptions = {}): RouteParent {
    return new RouteParent(ParentKind.EXTERNAL, name, options.namespace, options.listener, undefined, options.listeners ? [...options.listeners] : undefined);
  }

  private constructor(
    private readonly kind: ParentKind,
    /** The Gateway's name. */
    public readonly gatewayName: string,
    /** The Gateway's namespace, if given. */
    public readonly gatewayNamespace: string | undefined,
    /** The listener, if given. */
    public readonly listener: string | undefined,
    private readonly gateway?: IGateway,
    private readonly listenerNames?: string[]) {
  }

  /** A short description for messages, e.g. `Gateway "public" in namespace "gateway-system"`. */
  public toString(): string {
    return `Gateway ${JSON.stringify(this.gatewayName)}${this.gatewayNamespace !== undefined ? ` in namespace ${JSON.stringify(this.gatewayNamespace)}` : ''}`;
  }

  /**
   * Checks the reference against what is known of the Gateway (listener name, host names, the
   * namespaces it admits) and declares an external Gateway; errors name `prop` and, for host
   * names, `hostsProp`.
   *
   * @internal
   */
  public _bind(scope: IConstruct, prop: string, routeNamespace: string | undefined, hosts: readonly string[], hostsProp: string): BoundParent {
    if (typeof this.gatewayName !== 'string') {
      throw new ValidationError(scope, `'${prop}' names no Gateway: pass a Gateway construct or a name`);
    }
    checkDns1123Subdomain(scope, `${prop} name`, this.gatewayName);
    if (this.gatewayNamespace !== undefined) {
      checkDns1123Label(scope, `${prop} namespace`, this.gatewayNamespace);
    }
    if (this.listener !== undefined) {
      checkDns1123Label(scope, `${prop}.listener`, this.listener);
    }
    const known = this.gateway?.listenerNames ?? this.listenerNames;
    if (this.listener !== undefined && known !== undefined && !known.includes(this.listener)) {
      throw new ValidationError(scope, `'${prop}.listener' (${JSON.stringify(this.listener)}) is not a listener of ${this} `
        + `(listeners: ${known.map(n => JSON.stringify(n)).join(', ') || 'none'})`);
    }
    if (this.gateway instanceof Gateway) {
      if (this.gatewayNamespace === undefined && routeNamespace !== undefined) {
        throw new ValidationError(scope, `'${prop}': ${this} has no namespace, but the route is in namespace ${JSON.stringify(routeNamespace)}, `
          + 'so the reference could not name it; give the Gateway a namespace (metadata.namespace or its chart\'s)');
      }
      this.checkAgainst(this.gateway, scope, prop, routeNamespace, hosts, hostsProp);
    }
    if (this.kind === ParentKind.EXTERNAL) {
      declareExternalGateway(scope, this.gatewayName, this.gatewayNamespace, this.listenerNames);
    }
    const otherNamespace = this.gatewayNamespace !== undefined && this.gatewayNamespace !== routeNamespace;
    return {
      name: this.gatewayName,
      ...(otherNamespace ? { namespace: this.gatewayNamespace } : {}),
      ...(this.listener !== undefined ? { sectionName: this.listener } : {}),
    };
  }

  /** Host names and namespaces against the listeners of a Gateway of the app. */
  private checkAgainst(gateway: Gateway, scope: IConstruct, prop: string, routeNamespace: string | undefined, hosts: readonly string[],
    hostsProp: string): void {
    const listeners = this.listener !== undefined ? gateway.listeners.filter(l => l.name === this.listener) : gateway.listeners;
    const which = this.listener !== undefined ? `listener ${JSON.stringify(this.listener)} of ${this}` : `${this}`;
    const admitting = listeners.filter(l => l.allowedRoutes._admits(routeNamespace, gateway.gatewayNamespace) !== false);
    if (listeners.length > 0 && admitting.length === 0) {
      throw new ValidationError(scope, `'${prop}': ${which} admits ${listeners[0].allowedRoutes}, not namespace ${JSON.stringify(routeNamespace ?? 'default')}; `
        + 'widen the listener\'s allowedRoutes (e.g. AllowedRoutes.namespaces([...]))');
    }
    hosts.forEach((host, i) => {
      if (admitting.length > 0 && !admitting.some(l => hostnamesIntersect(l.hostname, host))) {
        const names = admitting.map(l => JSON.stringify(l.hostname)).join(', ');
        throw new ValidationError(scope, `'${hostsProp}[${i}]' (${JSON.stringify(host)}) matches no host name of ${which} (${names}); `
          + 'the Gateway would not route it');
      }
    });
  }
}

/**
 * An app that can be a route's backend: its Service and the Service port of its main port
 * (`WebApp` is one).
 */
export interface IRouteTarget {
  /** The app's Service. */
  readonly service: plus.Service;
  /** The Service port of the app's main port. */
  readonly servicePort: number;
}

/** Options of a backend. */
export interface RouteBackendOptions {
  /**
   * The share of the traffic relative to the route rule's other backends (0 to 1,000,000; 0 sends none).
   * @default 1
   */
  readonly weight?: number;
}

/** Options of {@link RouteBackend.app}. */
export interface AppRouteBackendOptions extends RouteBackendOptions {
  /**
   * The Service port.
   * @default - the app's main Service port
   */
  readonly port?: number;
}

/** Options of {@link RouteBackend.serviceName}. */
export interface ServiceNameRouteBackendOptions extends RouteBackendOptions {
  /**
   * The Service's namespace (another namespace needs a ReferenceGrant there).
   * @default - the route's namespace
   */
  readonly namespace?: string;
}

/** A backend after binding: what the route renders. @internal */
export interface BoundBackend {
  readonly name: string;
  readonly namespace?: string;
  readonly port: number;
  readonly weight?: number;
  /** The backend's namespace when it differs from the route's (a ReferenceGrant is generated when `grantable`). */
  readonly crossNamespace?: string;
  /** Whether the Service is an object of the app (then the route generates the ReferenceGrant). */
  readonly inApp: boolean;
}

/**
 * Where a route rule sends traffic (`backendRefs`): an app, a Service of the app, or a Service by
 * name. Several backends of one rule split the traffic by weight (a canary release).
 */
export class RouteBackend {
  /** An app's Service (`WebApp`), on its main Service port unless `port` is given. */
  public static app(app: IRouteTarget, options: AppRouteBackendOptions = {}): RouteBackend {
    return new RouteBackend(app?.service, undefined, options.port ?? app?.servicePort, options.weight);
  }

  /** A Service of the app, on `port`. */
  public static service(service: plus.Service, port: number, options: RouteBackendOptions = {}): RouteBackend {
    return new RouteBackend(service, undefined, port, options.weight);
  }

  /** A Service outside the app, by name (declared as an external object). */
  public static serviceName(name: string, port: number, options: ServiceNameRouteBackendOptions = {}): RouteBackend {
    return new RouteBackend(undefined, { name, namespace: options.namespace }, port, options.weight);
  }

  private constructor(
    private readonly service: plus.Service | undefined,
    private readonly byName: { readonly name: string; readonly namespace?: string } | undefined,
    /** The Service port. */
    public readonly port: number,
    /** The weight, if given. */
    public readonly weight: number | undefined) {
  }

  /** Checks the backend; errors name `prop`. @internal */
  public _bind(scope: IConstruct, prop: string, routeNamespace: string | undefined): BoundBackend {
    if (this.weight !== undefined) {
      checkWeight(scope, `${prop}.weight`, this.weight);
    }
    checkPortNumber(scope, `${prop}.port`, this.port);
    let name: string;
    let namespace: string | undefined;
    if (this.service !== undefined) {
      name = this.service.name;
      namespace = this.service.metadata.namespace;
      if (namespace === undefined && routeNamespace !== undefined) {
        throw new ValidationError(scope, `'${prop}': Service ${JSON.stringify(name)} has no namespace, but the route is in namespace `
          + `${JSON.stringify(routeNamespace)}, so the reference could not name it; give the app a namespace (metadata.namespace or its chart's)`);
      }
      const ports = this.service.ports.map(p => p.port);
      if (!ports.includes(this.port)) {
        throw new ValidationError(scope, `'${prop}.port' (${this.port}) is not a port of Service ${JSON.stringify(name)} (ports: ${ports.join(', ')})`);
      }
    } else if (this.byName !== undefined) {
      checkDns1123Label(scope, `${prop} name`, this.byName.name);
      if (this.byName.namespace !== undefined) {
        checkDns1123Label(scope, `${prop} namespace`, this.byName.namespace);
      }
      name = this.byName.name;
      namespace = this.byName.namespace;
      ExternalObjects.of(scope).declare({ kind: 'Service', name, ...(namespace !== undefined ? { namespace } : {}) });
    } else {
      throw new ValidationError(scope, `'${prop}' names no Service: use RouteBackend.app(), service() or serviceName()`);
    }
    const cross = namespace !== undefined && namespace !== (routeNamespace ?? 'default') ? namespace : undefined;
    return {
      name, port: this.port,
      ...(cross !== undefined ? { namespace: cross, crossNamespace: cross } : {}),
      ...(this.weight !== undefined ? { weight: this.weight } : {}),
      inApp: this.service !== undefined,
    };
  }
}

/** Checks a list of backends (at least one, at most 16); errors name `prop[i]`. @internal */
export function bindBackends(scope: IConstruct, prop: string, backends: readonly RouteBackend[] | undefined,
  routeNamespace: string | undefined): BoundBackend[] {
  if (!Array.isArray(backends) || backends.length === 0) {
    throw new ValidationError(scope, `'${prop}' is empty: a rule needs at least one backend (RouteBackend.app(), service() or serviceName())`);
  }
  if (backends.length > 16) {
    throw new ValidationError(scope, `'${prop}' has ${backends.length} backends: a rule takes at most 16`);
  }
  return backends.map((backend, i) => {
    if (!(backend instanceof RouteBackend)) {
      throw new ValidationError(scope, `'${prop}[${i}]' must be a RouteBackend: use RouteBackend.app(), service() or serviceName()`);
    }
    return backend._bind(scope, `${prop}[${i}]`, routeNamespace);
  });
}

/** Checks a list of parents (at least one, at most 32); errors name `prop[i]`. @internal */
export function bindParents(scope: IConstruct, prop: string, parents: readonly RouteParent[] | undefined, routeNamespace: string | undefined,
  hosts: readonly string[], hostsProp: string): BoundParent[] {
  if (!Array.isArray(parents) || parents.length === 0) {
    throw new ValidationError(scope, `'${prop}' is empty: a route attaches to at least one Gateway (RouteParent.gateway(), named() or external())`);
  }
  if (parents.length > 32) {
    throw new ValidationError(scope, `'${prop}' has ${parents.length} parents: a route takes at most 32`);
  }
  const bound = parents.map((parent, i) => {
    if (!(parent instanceof RouteParent)) {
      throw new ValidationError(scope, `'${prop}[${i}]' must be a RouteParent: use RouteParent.gateway(), named() or external()`);
    }
    return parent._bind(scope, `${prop}[${i}]`, routeNamespace, hosts, hostsProp);
  });
  const seen = new Set<string>();
  bound.forEach((p, i) => {
    const key = `${p.namespace ?? ''}/${p.name}/${p.sectionName ?? ''}`;
    if (seen.has(key)) {
      throw new ValidationError(scope, `'${prop}[${i}]' repeats a parent (${parents[i]}${p.sectionName ? `, listener ${JSON.stringify(p.sectionName)}` : ''}); each must appear once`);
    }
    seen.add(key);
  });
  return bound;
}
