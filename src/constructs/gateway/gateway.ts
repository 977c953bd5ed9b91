import { ApiObject, ApiObjectMetadata, Chart, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import type {
  GatewaySpecListeners, GatewaySpecListenersAllowedRoutes, GatewaySpecListenersAllowedRoutesNamespacesFrom,
} from '../../../imports/gateway.networking.k8s.io';
import { ValidationError } from '../core/errors';
import {
  checkAnnotations, checkDns1123Label, checkDns1123Subdomain, checkLabels, checkPortNumber, isDns1123Label,
} from '../core/validators';
import { ExternalObjects } from '../external-objects/external-objects';
import { gatewayApi } from './gateway-api';
import { checkHostname } from './hostnames';

/** The label every namespace carries with its own name (Kubernetes 1.21+). */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** The most listeners a Gateway may have (`maxItems` of `spec.listeners`). */
const MAX_LISTENERS = 64;

/** The protocol of a Gateway listener (the route kinds it accepts follow from it). */
export enum ListenerProtocol {
  /** Plain HTTP: HTTPRoutes, and GRPCRoutes over cleartext HTTP/2. */
  HTTP = 'HTTP',
  /** HTTP over TLS terminated at the Gateway: HTTPRoutes and GRPCRoutes. Needs `tls`. */
  HTTPS = 'HTTPS',
}

/** Options of a cert-manager certificate for a listener. */
export interface GatewayCertManagerOptions {
  /**
   * The Secret cert-manager writes the certificate to (in the Gateway's namespace).
   * @default - `<gateway name>-<listener name>-tls`
   */
  readonly secretName?: string;
}

/**
 * The certificate of an HTTPS listener: an existing `kubernetes.io/tls` Secret in the Gateway's
 * namespace, or one that cert-manager issues from the Gateway's annotation (its gateway-shim
 * creates a Certificate per listener with a `hostname`).
 *
 * @see https://cert-manager.io/docs/usage/gateway/
 */
export class GatewayTls {
  /** An existing `kubernetes.io/tls` Secret in the Gateway's namespace. */
  public static fromSecretName(secretName: string): GatewayTls {
    return new GatewayTls(secretName);
  }

  /** A certificate from a cert-manager `Issuer` in the Gateway's namespace (annotation `cert-manager.io/issuer`). */
  public static certManagerIssuer(issuerName: string, options: GatewayCertManagerOptions = {}): GatewayTls {
    return new GatewayTls(options.secretName, 'cert-manager.io/issuer', issuerName);
  }

  /** A certificate from a cert-manager `ClusterIssuer` (annotation `cert-manager.io/cluster-issuer`). */
  public static certManagerClusterIssuer(issuerName: string, options: GatewayCertManagerOptions = {}): GatewayTls {
    return new GatewayTls(options.secretName, 'cert-manager.io/cluster-issuer', issuerName);
  }

  private constructor(
    /** The TLS Secret name. @default - `<gateway name>-<listener name>-tls` for cert-manager */
    public readonly secretName?: string,
    /** @internal */
    public readonly _annotation?: string,
    /** @internal */
    public readonly _issuer?: string) {
  }
}

/** The kinds of {@link AllowedRoutes}. */
enum AllowedFrom { SAME = 'Same', ALL = 'All', NAMES = 'Names', LABELS = 'Labels' }

/**
 * The namespaces whose routes may attach to a listener (`allowedRoutes.namespaces`).
 *
 * @see https://gateway-api.sigs.k8s.io/guides/multiple-ns/
 */
export class AllowedRoutes {
  /** Routes of the Gateway's own namespace only (the Gateway API default). */
  public static sameNamespace(): AllowedRoutes {
    return new AllowedRoutes(AllowedFrom.SAME);
  }

  /** Routes of every namespace. */
  public static allNamespaces(): AllowedRoutes {
    return new AllowedRoutes(AllowedFrom.ALL);
  }

  /** Routes of the named namespaces (selected by their `kubernetes.io/metadata.name` label). */
  public static namespaces(names: string[]): AllowedRoutes {
    return new AllowedRoutes(AllowedFrom.NAMES, undefined, [...names ?? []]);
  }

  /** Routes of the namespaces that carry all these labels, e.g. `{ 'gateway-access': 'public' }`. */
  public static namespaceLabels(labels: Record<string, string>): AllowedRoutes {
    return new AllowedRoutes(AllowedFrom.LABELS, { ...labels });
  }

  private constructor(
    private readonly from: AllowedFrom,
    private readonly labels?: Record<string, string>,
    private readonly names?: string[]) {
  }

  /** A short description for messages, e.g. `routes of its own namespace only`. */
  public toString(): string {
    switch (this.from) {
      case AllowedFrom.SAME: return 'routes of its own namespace only';
      case AllowedFrom.ALL: return 'routes of every namespace';
      case AllowedFrom.NAMES: return `routes of namespaces ${this.names!.map(n => JSON.stringify(n)).join(', ')}`;
      default: return `routes of namespaces labelled ${JSON.stringify(this.labels)}`;
    }
  }

  /**
   * Whether a route in `routeNamespace` may attach to a listener of a Gateway in `gatewayNamespace`
   * (undefined: it depends on the labels of the route's namespace, unknown here).
   *
   * @internal
   */
  public _admits(routeNamespace: string | undefined, gatewayNamespace: string | undefined): boolean | undefined {
    switch (this.from) {
      case AllowedFrom.SAME: return (routeNamespace ?? 'default') === (gatewayNamespace ?? 'default');
      case AllowedFrom.ALL: return true;
      case AllowedFrom.NAMES: return this.names!.includes(routeNamespace ?? 'default');
      default: return undefined;
    }
  }

  /** Checks the names and labels; errors name `prop`. @internal */
  public _validate(scope: IConstruct, prop: string): void {
    if (this.from === AllowedFrom.NAMES) {
      if (this.names!.length === 0) {
        throw new ValidationError(scope, `'${prop}' names no namespace: pass at least one, or use AllowedRoutes.sameNamespace()`);
      }
      this.names!.forEach((name, i) => checkDns1123Label(scope, `${prop}.namespaces[${i}]`, name));
    }
    if (this.from === AllowedFrom.LABELS) {
      if (Object.keys(this.labels!).length === 0) {
        throw new ValidationError(scope, `'${prop}' has no label: an empty selector would admit every namespace; use AllowedRoutes.allNamespaces() for that`);
      }
      checkLabels(scope, `${prop}.labels`, this.labels);
    }
  }

  /** The `allowedRoutes` of a listener. @internal */
  public _toKube(): GatewaySpecListenersAllowedRoutes {
    switch (this.from) {
      case AllowedFrom.SAME:
      case AllowedFrom.ALL:
        return { namespaces: { from: this.from as unknown as GatewaySpecListenersAllowedRoutesNamespacesFrom } };
      case AllowedFrom.NAMES:
        return {
          namespaces: {
            from: gatewayApi().GatewaySpecListenersAllowedRoutesNamespacesFrom.SELECTOR,
            selector: { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'In', values: [...this.names!] }] },
          },
        };
      default:
        return { namespaces: { from: gatewayApi().GatewaySpecListenersAllowedRoutesNamespacesFrom.SELECTOR, selector: { matchLabels: { ...this.labels } } } };
    }
  }
}

/** A listener of a Gateway: where it accepts traffic, for which host names, and from which routes. */
export interface ListenerOptions {
  /** The listener name, used by routes as `sectionName` (a DNS-1123 label such as `https`). */
  readonly name: string;
  /** The protocol. */
  readonly protocol: ListenerProtocol;
  /**
   * The port.
   * @default - 80 for HTTP, 443 for HTTPS
   */
  readonly port?: number;
  /**
   * The host name (or `*.` wildcard) the listener accepts; routes attached to it must have a
   * compatible host name.
   * @default - every host name
   */
  readonly hostname?: string;
  /**
   * The certificate (HTTPS only, required there).
   * @default - no TLS
   */
  readonly tls?: GatewayTls;
  /**
   * The namespaces whose routes may attach.
   * @default AllowedRoutes.sameNamespace()
   */
  readonly allowedRoutes?: AllowedRoutes;
}

/** A listener after defaults. */
export interface GatewayListener {
  /** The listener name. */
  readonly name: string;
  /** The protocol. */
  readonly protocol: ListenerProtocol;
  /** The port. */
  readonly port: number;
  /** The host name, if any. */
  readonly hostname?: string;
  /** The namespaces whose routes may attach. */
  readonly allowedRoutes: AllowedRoutes;
  /** The TLS Secret name (HTTPS). */
  readonly tlsSecretName?: string;
}

/**
 * A Gateway that routes may attach to: one of the app ({@link Gateway}) or one that lives
 * outside it ({@link Gateway.fromGatewayName}).
 */
export interface IGateway extends IConstruct {
  /** The Gateway's name. */
  readonly gatewayName: string;
  /** The Gateway's namespace, if known (undefined: the namespace of the routes that use it). */
  readonly gatewayNamespace?: string;
  /** The names of the Gateway's listeners, when known (undefined for an external Gateway declared without them). */
  readonly listenerNames?: readonly string[];
}

/** Properties of a {@link Gateway}. */
export interface GatewayProps {
  /** The GatewayClass of the implementation (e.g. `eg` for Envoy Gateway, `istio`, `cilium`). */
  readonly gatewayClassName: string;
  /**
   * The listeners (more with `addListener`). A Gateway needs at least one.
   * @default - none; add them with `addListener`
   */
  readonly listeners?: ListenerOptions[];
  /**
   * Metadata: name, namespace (e.g. the platform team's `gateway-system`), labels, annotations.
   * @default - a generated name in the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;
}

/** Options of {@link Gateway.fromGatewayName}. */
export interface GatewayImportOptions {
  /**
   * The Gateway's namespace.
   * @default - the namespace of the routes that use it
   */
  readonly namespace?: string;
  /**
   * The names of its listeners, so that routes naming another are refused.
   * @default - unknown: listener names are not checked
   */
  readonly listeners?: string[];
}

/**
 * A Gateway (`gateway.networking.k8s.io/v1`), owned by a platform team: listeners for HTTP and
 * HTTPS (TLS from a Secret or cert-manager), and the namespaces whose routes may attach.
 *
 * ```ts
 * const gateway = new Gateway(chart, 'Public', {
 *   gatewayClassName: 'eg',
 *   listeners: [
 *     { name: 'http', protocol: ListenerProtocol.HTTP, hostname: '*.example.com', allowedRoutes: AllowedRoutes.allNamespaces() },
 *     { name: 'https', protocol: ListenerProtocol.HTTPS, hostname: '*.example.com',
 *       tls: GatewayTls.certManagerClusterIssuer('letsencrypt'), allowedRoutes: AllowedRoutes.allNamespaces() },
 *   ],
 * });
 * ```
 *
 * @see https://gateway-api.sigs.k8s.io/api-types/gateway/
 */
export class Gateway extends Construct implements IGateway {
  /**
   * A Gateway that exists outside the app (declared as an external object, so that validation
   * accepts routes that attach to it).
   */
  public static fromGatewayName(scope: Construct, id: string, name: string, options: GatewayImportOptions = {}): IGateway {
    return new ImportedGateway(scope, id, name, options);
  }

  /** The Gateway object (escape hatch: `gateway.resource.addJsonPatch(...)`). */
  public readonly resource: ApiObject;
  /** The Gateway's name. */
  public readonly gatewayName: string;
  /** The Gateway's namespace, if any. */
  public readonly gatewayNamespace?: string;
  /** The GatewayClass. */
  public readonly gatewayClassName: string;

  private readonly _listeners: GatewayListener[] = [];
  private readonly _issuers = new Map<string, string>();

  constructor(scope: Construct, id: string, props: GatewayProps) {
    super(scope, id);
    if (typeof props?.gatewayClassName !== 'string') {
      throw new ValidationError(this, `'gatewayClassName' (${JSON.stringify(props?.gatewayClassName)}) is required: the GatewayClass of the implementation, e.g. 'eg'`);
    }
    checkDns1123Subdomain(this, 'gatewayClassName', props.gatewayClassName);
    const metadata = props.metadata ?? {};
    if (metadata.name !== undefined) {
      checkDns1123Subdomain(this, 'metadata.name', metadata.name);
    }
    if (metadata.namespace !== undefined) {
      checkDns1123Label(this, 'metadata.namespace', metadata.namespace);
    }
    checkLabels(this, 'metadata.labels', metadata.labels);
    checkAnnotations(this, 'metadata.annotations', metadata.annotations);
    this.gatewayClassName = props.gatewayClassName;
    this.resource = new (gatewayApi().Gateway)(this, 'Resource', {
      metadata,
      spec: Lazy.any({ produce: () => this._toKube() }) as never,
    });
    this.gatewayName = this.resource.name;
    this.gatewayNamespace = metadata.namespace ?? Chart.of(this).namespace;
    (props.listeners ?? []).forEach((listener, i) => this.addListenerAt(listener, `listeners[${i}]`));
    this.node.addValidation({
      validate: () => this._listeners.length === 0
        ? ['the Gateway has no listener: add one with \'listeners\' or addListener()'] : [],
    });
  }

  /** The listeners (a copy). */
  public get listeners(): GatewayListener[] {
    return [...this._listeners];
  }

  /** The names of the listeners. */
  public get listenerNames(): string[] {
    return this._listeners.map(l => l.name);
  }

  /** The listener named `name`, if any. */
  public listener(name: string): GatewayListener | undefined {
    return this._listeners.find(l => l.name === name);
  }

  /** Adds a listener; returns it after defaults. */
  public addListener(options: ListenerOptions): GatewayListener {
    return this.addListenerAt(options, `addListener(${JSON.stringify(options?.name)})`);
  }

  /** @internal */
  public _toKube(): Record<string, unknown> {
    return {
      gatewayClassName: this.gatewayClassName,
      listeners: this._listeners.map((l): GatewaySpecListeners => ({
        name: l.name,
        protocol: l.protocol,
        port: l.port,
        ...(l.hostname !== undefined ? { hostname: l.hostname } : {}),
        ...(l.tlsSecretName !== undefined
          ? { tls: { mode: gatewayApi().GatewaySpecListenersTlsMode.TERMINATE, certificateRefs: [{ kind: 'Secret', name: l.tlsSecretName }] } }
          : {}),
        allowedRoutes: l.allowedRoutes._toKube(),
      })),
    };
  }

  private addListenerAt(options: ListenerOptions, prop: string): GatewayListener {
    if (typeof options?.name !== 'string' || !isDns1123Label(options.name)) {
      throw new ValidationError(this, `'${prop}.name' (${JSON.stringify(options?.name)}) must be a DNS-1123 label such as 'https': `
        + 'at most 63 lower-case letters, digits or \'-\', starting and ending with a letter or digit');
    }
    if (this.listener(options.name) !== undefined) {
      throw new ValidationError(this, `'${prop}.name' (${JSON.stringify(options.name)}) is already a listener of the Gateway; listener names are unique`);
    }
    if (this._listeners.length >= MAX_LISTENERS) {
      throw new ValidationError(this, `'${prop}': a Gateway takes at most ${MAX_LISTENERS} listeners`);
    }
    const protocol = options.protocol;
    if (!Object.values(ListenerProtocol).includes(protocol)) {
      throw new ValidationError(this, `'${prop}.protocol' (${JSON.stringify(protocol)}) is unknown: use ListenerProtocol.HTTP or HTTPS`);
    }
    const port = options.port ?? (protocol === ListenerProtocol.HTTPS ? 443 : 80);
    checkPortNumber(this, `${prop}.port`, port);
    if (options.hostname !== undefined) {
      checkHostname(this, `${prop}.hostname`, options.hostname);
    }
    const clash = this._listeners.find(l => l.port === port && l.protocol === protocol && l.hostname === options.hostname);
    if (clash !== undefined) {
      throw new ValidationError(this, `'${prop}' has the port, protocol and host name of listener ${JSON.stringify(clash.name)} `
        + `(${port}/${protocol}${options.hostname !== undefined ? ` ${options.hostname}` : ', every host'}); give it another port or host name`);
    }
    const allowedRoutes = options.allowedRoutes ?? AllowedRoutes.sameNamespace();
    if (!(allowedRoutes instanceof AllowedRoutes)) {
      throw new ValidationError(this, `'${prop}.allowedRoutes' must be an AllowedRoutes: use AllowedRoutes.sameNamespace(), allNamespaces(), namespaces() or namespaceLabels()`);
    }
    allowedRoutes._validate(this, `${prop}.allowedRoutes`);
    const tlsSecretName = this.tlsSecretOf(options, prop);
    const listener: GatewayListener = {
      name: options.name, protocol, port, allowedRoutes,
      ...(options.hostname !== undefined ? { hostname: options.hostname } : {}),
      ...(tlsSecretName !== undefined ? { tlsSecretName } : {}),
    };
    this._listeners.push(listener);
    return listener;
  }

  /** The TLS Secret of an HTTPS listener (declared external, and the cert-manager annotation set). */
  private tlsSecretOf(options: ListenerOptions, prop: string): string | undefined {
    const tls = options.tls;
    if (options.protocol === ListenerProtocol.HTTP) {
      if (tls !== undefined) {
        throw new ValidationError(this, `'${prop}.tls' is set on an HTTP listener: TLS needs ListenerProtocol.HTTPS`);
      }
      return undefined;
    }
    if (!(tls instanceof GatewayTls)) {
      throw new ValidationError(this, `'${prop}.tls' is required for an HTTPS listener: use GatewayTls.fromSecretName(), certManagerIssuer() or certManagerClusterIssuer()`);
    }
    if (tls._annotation !== undefined && tls._issuer !== undefined) {
      if (options.hostname === undefined) {
        throw new ValidationError(this, `'${prop}.hostname' is required with a cert-manager certificate: cert-manager issues one per listener host name`);
      }
      checkDns1123Subdomain(this, `${prop}.tls issuer`, tls._issuer);
      for (const [annotation, issuer] of this._issuers) {
        if (annotation !== tls._annotation || issuer !== tls._issuer) {
          throw new ValidationError(this, `'${prop}.tls' asks for ${tls._annotation}=${tls._issuer}, but another listener uses ${annotation}=${issuer}: `
            + 'cert-manager reads one issuer annotation per Gateway');
        }
      }
      this._issuers.set(tls._annotation, tls._issuer);
      this.resource.metadata.addAnnotation(tls._annotation, tls._issuer);
    }
    const secretName = tls.secretName ?? `${this.resource.name}-${options.name}-tls`;
    checkDns1123Subdomain(this, `${prop}.tls.secretName`, secretName);
    // The Secret exists already, or cert-manager issues it: either way the app does not create it.
    ExternalObjects.of(this).declare({ kind: 'Secret', name: secretName, ...(this.gatewayNamespace ? { namespace: this.gatewayNamespace } : {}) });
    return secretName;
  }
}

/** A Gateway outside the app, declared as an external object (its listener names as the declaration's keys). */
class ImportedGateway extends Construct implements IGateway {
  public readonly gatewayName: string;
  public readonly gatewayNamespace?: string;
  public readonly listenerNames?: readonly string[];

  constructor(scope: Construct, id: string, name: string, options: GatewayImportOptions) {
    super(scope, id);
    checkDns1123Subdomain(this, 'name', name);
    if (options.namespace !== undefined) {
      checkDns1123Label(this, 'namespace', options.namespace);
    }
    this.gatewayName = name;
    this.gatewayNamespace = options.namespace;
    if (options.listeners !== undefined) {
      options.listeners.forEach((listener, i) => checkDns1123Label(this, `listeners[${i}]`, listener));
      this.listenerNames = [...options.listeners];
    }
    declareExternalGateway(this, name, options.namespace, options.listeners);
  }
}

/**
 * Declares a Gateway that lives outside the app; its listener names, when known, are the
 * declaration's `keys`, which the cross-object rules check `sectionName` against.
 *
 * @internal
 */
export function declareExternalGateway(scope: IConstruct, name: string, namespace: string | undefined, listeners: readonly string[] | undefined): void {
  ExternalObjects.of(scope).declare({
    kind: 'Gateway', name,
    ...(namespace !== undefined ? { namespace } : {}),
    ...(listeners !== undefined ? { keys: [...listeners] } : {}),
  });
}
