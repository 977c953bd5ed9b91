import { ApiObject, ApiObjectMetadata, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { ValidationError } from '../core/errors';
import { checkDns1123Label, checkDns1123Subdomain } from '../core/validators';
import { gatewayApi } from './gateway-api';
import { BoundBackend } from './route-refs';

/** The API group of the Gateway API kinds. */
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/** Who may refer (`spec.from`): objects of a kind in a namespace. */
export interface ReferenceGrantFrom {
  /**
   * The API group of the referring kind.
   * @default 'gateway.networking.k8s.io'
   */
  readonly group?: string;
  /** The referring kind, e.g. `HTTPRoute`. */
  readonly kind: string;
  /** The namespace of the referring objects. */
  readonly namespace: string;
}

/** What may be referred to (`spec.to`), in the grant's namespace. */
export interface ReferenceGrantTo {
  /**
   * The API group of the target kind (`''` for the core group).
   * @default '' (core: Service, Secret)
   */
  readonly group?: string;
  /**
   * The target kind.
   * @default 'Service'
   */
  readonly kind?: string;
  /**
   * The target's name.
   * @default - every object of the kind in the namespace
   */
  readonly name?: string;
}

/** Properties of a {@link ReferenceGrant}. */
export interface ReferenceGrantProps {
  /** The namespace of the targets (where the grant lives). */
  readonly namespace: string;
  /** Who may refer. At least one. */
  readonly from: ReferenceGrantFrom[];
  /** What may be referred to. At least one. */
  readonly to: ReferenceGrantTo[];
  /**
   * Metadata (name, labels, annotations); the namespace is `namespace`.
   * @default - a generated name
   */
  readonly metadata?: ApiObjectMetadata;
}

/**
 * A ReferenceGrant (`gateway.networking.k8s.io/v1beta1`): lets routes of another namespace use
 * Services (or Gateways use Secrets) of this one. Routes of the app create the grants they need when
 * both sides are in the app; create one yourself for a namespace the app does not own.
 *
 * @see https://gateway-api.sigs.k8s.io/api-types/referencegrant/
 */
export class ReferenceGrant extends Construct {
  /** The ReferenceGrant object (escape hatch). */
  public readonly resource: ApiObject;
  /** The namespace of the grant and its targets. */
  public readonly namespace: string;

  private readonly _from: Required<ReferenceGrantFrom>[];
  private readonly _to: ReferenceGrantTo[];

  constructor(scope: Construct, id: string, props: ReferenceGrantProps) {
    super(scope, id);
    checkDns1123Label(this, 'namespace', props?.namespace);
    if (!Array.isArray(props.from) || props.from.length === 0 || props.from.length > 16) {
      throw new ValidationError(this, '\'from\' must have 1 to 16 entries: who may refer to the targets');
    }
    if (!Array.isArray(props.to) || props.to.length === 0 || props.to.length > 16) {
      throw new ValidationError(this, '\'to\' must have 1 to 16 entries: what may be referred to');
    }
    this._from = props.from.map((from, i) => {
      checkDns1123Label(this, `from[${i}].namespace`, from.namespace);
      if (typeof from.kind !== 'string' || !/^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/.test(from.kind)) {
        throw new ValidationError(this, `'from[${i}].kind' (${JSON.stringify(from.kind)}) must be a kind such as 'HTTPRoute'`);
      }
      return { group: from.group ?? GATEWAY_API_GROUP, kind: from.kind, namespace: from.namespace };
    });
    this._to = props.to.map((to, i) => {
      if (to.name !== undefined) {
        checkDns1123Subdomain(this, `to[${i}].name`, to.name);
      }
      return { group: to.group ?? '', kind: to.kind ?? 'Service', ...(to.name !== undefined ? { name: to.name } : {}) };
    });
    this.namespace = props.namespace;
    this.resource = new (gatewayApi().ReferenceGrant)(this, 'Resource', {
      metadata: { ...props.metadata, namespace: props.namespace },
      spec: Lazy.any({ produce: () => ({ from: this._from, to: this._to }) }) as never,
    });
  }
}

/**
 * Creates, under `route/ReferenceGrants/<namespace>`, the grants that let a route of `kind` in
 * `routeNamespace` use the app's Services of other namespaces. Backends outside the app need a
 * grant from their owners, which the rule `cross/gateway-reference-grant-external` reports.
 *
 * @internal
 */
export function grantBackends(route: Construct, kind: string, routeNamespace: string | undefined,
  backends: readonly BoundBackend[]): ReferenceGrant[] {
  const byNamespace = new Map<string, Set<string>>();
  for (const backend of backends) {
    if (backend.crossNamespace !== undefined && backend.inApp) {
      const services = byNamespace.get(backend.crossNamespace) ?? new Set<string>();
      services.add(backend.name);
      byNamespace.set(backend.crossNamespace, services);
    }
  }
  if (byNamespace.size === 0) {
    return [];
  }
  const group = new Construct(route, 'ReferenceGrants');
  return [...byNamespace].sort(([a], [b]) => a.localeCompare(b)).map(([namespace, services]) => new ReferenceGrant(group, namespace, {
    namespace,
    from: [{ kind, namespace: routeNamespace ?? 'default' }],
    to: [...services].sort().map(name => ({ kind: 'Service', name })),
  }));
}
