import { ApiObjectMetadata, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { checkAnnotations, checkDns1123Label, checkDns1123Subdomain, checkLabels } from '../core/validators';
import { checkHostnames } from './hostnames';
import { bindParents, BoundBackend, BoundParent, RouteParent } from './route-refs';

/**
 * Where the errors of a route built by a workload go: the workload, with its prop names
 * (`route.hosts` rather than `hostnames`).
 *
 * @internal
 */
export interface RouteErrorContext {
  /** The construct that receives the errors. */
  readonly scope: IConstruct;
  /** The workload's name for a route prop (`parents`, `hostnames`, `rules`). */
  readonly props: Readonly<Record<string, string>>;
}

const ERROR_CONTEXTS = new WeakMap<object, RouteErrorContext>();

/**
 * Marks `props` as built by a workload: errors about them name the workload and its props.
 *
 * @internal
 */
export function withErrorContext<P extends object>(props: P, context: RouteErrorContext): P {
  ERROR_CONTEXTS.set(props, context);
  return props;
}

/** The common props of routes. */
export interface RouteBaseProps {
  /** The Gateways (and listeners) the route attaches to. At least one. */
  readonly parents: RouteParent[];
  /**
   * The host names the route serves (DNS names or `*.` wildcards); each must be compatible with
   * a listener it attaches to.
   * @default - the host names of the listeners
   */
  readonly hostnames?: string[];
  /**
   * Metadata: name, labels, annotations, namespace.
   * @default - a generated name in the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;
}

/**
 * The parts shared by HTTPRoute and GRPCRoute: checked metadata, host names and parents.
 *
 * @internal
 */
export class RouteBasics {
  public readonly errors: IConstruct;
  public readonly namespace?: string;
  public readonly hostnames: string[];
  public readonly parents: BoundParent[];
  private readonly names: Readonly<Record<string, string>>;

  constructor(route: Construct, props: RouteBaseProps) {
    const context = ERROR_CONTEXTS.get(props);
    this.errors = context?.scope ?? route;
    this.names = context?.props ?? {};
    const metadata = props.metadata ?? {};
    if (metadata.name !== undefined) {
      checkDns1123Subdomain(this.errors, this.prop('metadata.name'), metadata.name);
    }
    if (metadata.namespace !== undefined) {
      checkDns1123Label(this.errors, this.prop('metadata.namespace'), metadata.namespace);
    }
    checkLabels(this.errors, this.prop('metadata.labels'), metadata.labels);
    checkAnnotations(this.errors, this.prop('metadata.annotations'), metadata.annotations);
    this.namespace = metadata.namespace ?? Chart.of(route).namespace;
    this.hostnames = [...props.hostnames ?? []];
    checkHostnames(this.errors, this.prop('hostnames'), this.hostnames);
    this.parents = bindParents(this.errors, this.prop('parents'), props.parents, this.namespace, this.hostnames, this.prop('hostnames'));
  }

  /** The name of `prop` in messages (the workload's name when the workload built the route). */
  public prop(prop: string): string {
    const [head, ...rest] = prop.split(/(?=[.[])/);
    const mapped = this.names[head];
    return mapped !== undefined ? `${mapped}${rest.join('')}` : prop;
  }

  /** The rendered `parentRefs`. */
  public parentRefs(): Record<string, unknown>[] {
    return this.parents.map(p => ({ ...p }));
  }

  /** Checks that `rules` is an array of 1 to 16 rules (the CRD's bounds); returns the prop name of the list. */
  public checkRules<R>(rules: readonly R[]): string {
    const prop = this.prop('rules');
    if (!Array.isArray(rules) || rules.length === 0 || rules.length > 16) {
      throw new ValidationError(this.errors, `'${prop}' must have 1 to 16 rules`);
    }
    return prop;
  }

  /** Checks that a rule's `matches` is an array of at most 64 matches (the CRD's bound); returns it. */
  public checkMatches<M>(prop: string, matches: readonly M[] | undefined): readonly M[] {
    const list = matches ?? [];
    if (!Array.isArray(list) || list.length > 64) {
      throw new ValidationError(this.errors, `'${prop}.matches' must be an array of at most 64 matches`);
    }
    return list;
  }

  /** The route's `spec`: parents, host names (when set) and the rendered rules. */
  public spec(rules: unknown[]): Record<string, unknown> {
    return {
      parentRefs: this.parentRefs(),
      ...(this.hostnames.length ? { hostnames: this.hostnames } : {}),
      rules,
    };
  }
}

/**
 * The rendered `backendRefs` of a rule.
 *
 * @internal
 */
export function backendRefsOf(bound: readonly BoundBackend[]): { name: string; namespace?: string; port: number; weight?: number }[] {
  return bound.map(b => ({
    name: b.name, ...(b.namespace !== undefined ? { namespace: b.namespace } : {}), port: b.port,
    ...(b.weight !== undefined ? { weight: b.weight } : {}),
  }));
}
