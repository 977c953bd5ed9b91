/**
 * One deployment target of an app: name, namespace, labels, domain and per-environment defaults.
 */
import { ChartProps } from 'cdk8s';
import { PropNames, propNamesOf, unknownPropProblem } from '../constructs/core/prop-names';
import { propShapeProblem, Shape } from '../constructs/core/prop-shapes';
import { ResourcePreset } from '../constructs/pod/resources';
import { isDns1123Label, isDns1123Subdomain, isLabelValue, isRefusedConstructId, isRenderableKey } from '../constructs/core/validators';
import { PodSecurityLevel } from '../validation/rule';
import { ImageRewrite } from './image-rewrite';
import { ContainerResources, NamespaceLimits, NamespaceQuota } from './namespace-policy';
import { Override } from './override';

/** Properties of an {@link Environment}. */
export interface EnvironmentProps {
  /**
   * The environment name (a DNS label), e.g. `prod`. It is the construct id of the environment's
   * scope, so construct paths and generated object names differ per environment.
   */
  readonly name: string;
  /**
   * The namespace every namespaced object of the environment lands in (a DNS label).
   * @default - the name
   */
  readonly namespace?: string;
  /**
   * The output folder below `dist/` (a DNS label).
   * @default - the name
   */
  readonly folder?: string;
  /**
   * Labels added to every object of the environment (including its Namespace).
   * @default - none
   */
  readonly labels?: Record<string, string>;
  /**
   * The DNS domain of the environment's ingress hosts: `env.host('shop')` → `shop.<domain>`.
   * @default - none; `host()` fails
   */
  readonly domain?: string;
  /**
   * Resource preset of every app and database that does not set `resources` itself.
   * @default - each construct's own default
   */
  readonly resourcePreset?: ResourcePreset;
  /**
   * Factor applied to the replica counts of `WebApp` and `Worker` (fixed replicas and the
   * autoscaling bounds), rounded, at least 1 (0 stays 0). Overrides are not scaled.
   * @default 1
   */
  readonly replicaScale?: number;
  /**
   * Rewrites the images of the apps (`WebApp`, `Worker`, `CronTask`); databases and sidecars keep theirs.
   * @default - images unchanged
   */
  readonly images?: ImageRewrite;
  /**
   * Per-construct prop overrides: `Override.of(WebApp, 'shop/Web', { replicas: 4 })`.
   * @default - none
   */
  readonly overrides?: readonly Override[];
  /**
   * A ResourceQuota for the namespace.
   * @default - none
   */
  readonly quota?: NamespaceQuota;
  /**
   * A LimitRange for the namespace.
   * @default - none
   */
  readonly limits?: NamespaceLimits;
  /**
   * The Pod Security Standards level the environment's Namespace enforces, as labels the PodSecurity
   * admission reads: `pod-security.kubernetes.io/enforce: <level>` (and `enforce-version: v1.28`),
   * with `warn` and `audit` kept at `restricted`, so the cluster still warns about what the level
   * lets through. Validation judges the environment's pods at this level (`policy/pod-security`)
   * and notes each pod that relies on it (`policy/pod-security-relaxed`). Choose
   * `PodSecurityLevel.BASELINE` for an app with a security opt-out such as
   * `SecurityOptions.runAsImageUser`.
   *
   * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/
   * @default - no Pod Security labels: the cluster's default applies, validation uses the run's level
   */
  readonly podSecurity?: PodSecurityLevel;
}

/** The prefix of the PodSecurity admission's namespace labels. */
const POD_SECURITY_LABEL_PREFIX = 'pod-security.kubernetes.io/';

const CONTAINER_RESOURCES_NAMES = propNamesOf<ContainerResources>('ContainerResources', { cpu: true, memory: true });

/** The prop names of an environment and of its option objects, for callers without TypeScript. */
const ENVIRONMENT_PROP_NAMES: PropNames = propNamesOf<EnvironmentProps>('EnvironmentProps', {
  name: true, namespace: true, folder: true, labels: true, domain: true, resourcePreset: true, replicaScale: true,
  images: true, overrides: true, quota: true, limits: true, podSecurity: true,
}, {
  quota: propNamesOf<NamespaceQuota>('NamespaceQuota', {
    requestsCpu: true, requestsMemory: true, limitsCpu: true, limitsMemory: true, requestsStorage: true, pods: true, persistentVolumeClaims: true,
  }),
  limits: propNamesOf<NamespaceLimits>('NamespaceLimits', {
    defaultRequest: true, defaultLimit: true, max: true, min: true,
  }, { defaultRequest: CONTAINER_RESOURCES_NAMES, defaultLimit: CONTAINER_RESOURCES_NAMES, max: CONTAINER_RESOURCES_NAMES, min: CONTAINER_RESOURCES_NAMES }),
});

/**
 * The JavaScript types of the environment props without a check of their own (`name`,
 * `namespace`, `folder`, `resourcePreset` and `replicaScale` have theirs).
 */
const ENVIRONMENT_PROP_SHAPES: Readonly<Record<string, Shape>> = {
  labels: 'record', domain: 'string',
  images: { type: ImageRewrite, hint: 'use ImageRewrite.registry(), ImageRewrite.tag() or ImageRewrite.of({...})' },
  overrides: 'array', quota: 'record', limits: 'record',
};

/**
 * A deployment target: `Environment.of({ name: 'prod', namespace: 'shop-prod', domain: 'example.com', replicaScale: 2 })`.
 *
 * Give a list of environments to `Environments`, which builds the same app definition once per
 * environment. Settings are resolved (defaults applied) here; they are checked by `Environments`,
 * which reports problems with the construct path.
 */
export class Environment {
  /** An environment from its props. */
  public static of(props: EnvironmentProps): Environment {
    return new Environment(props);
  }

  /** The name (a DNS label). */
  public readonly name: string;
  /** The namespace of every namespaced object. */
  public readonly namespace: string;
  /** The output folder below the output root. */
  public readonly folder: string;
  /** Labels added to every object. */
  public readonly labels: Readonly<Record<string, string>>;
  /** The domain of ingress hosts, if any. */
  public readonly domain?: string;
  /** The default resource preset, if any. */
  public readonly resourcePreset?: ResourcePreset;
  /** The replica factor. */
  public readonly replicaScale: number;
  /** The image rewrite, if any. */
  public readonly images?: ImageRewrite;
  /** The prop overrides. */
  public readonly overrides: readonly Override[];
  /** The namespace's ResourceQuota, if any. */
  public readonly quota?: NamespaceQuota;
  /** The namespace's LimitRange, if any. */
  public readonly limits?: NamespaceLimits;
  /** The Pod Security level the namespace enforces, if chosen. */
  public readonly podSecurity?: PodSecurityLevel;

  /** Problems with the JavaScript shape of the props (unknown props, wrong types). */
  private readonly _inputProblems: string[];

  private constructor(props: EnvironmentProps) {
    this._inputProblems = inputProblems(props);
    this.name = props.name;
    this.namespace = props.namespace ?? props.name;
    this.folder = props.folder ?? props.name;
    this.labels = { ...(props.labels ?? {}) };
    this.domain = props.domain;
    this.resourcePreset = props.resourcePreset;
    this.replicaScale = props.replicaScale ?? 1;
    this.images = props.images;
    this.overrides = Array.isArray(props.overrides) ? [...props.overrides] : [];
    this.quota = props.quota;
    this.limits = props.limits;
    this.podSecurity = props.podSecurity;
  }

  /**
   * The ingress host for `prefix` in this environment: `host('shop')` → `shop.dev.example.com`.
   *
   * @throws Error when the environment has no `domain`
   */
  public host(prefix: string): string {
    if (this.domain === undefined) {
      throw new Error(`environment '${this.name}': host('${prefix}') needs a domain: set 'domain' on the environment (e.g. 'dev.example.com')`);
    }
    return prefix === '' ? this.domain : `${prefix}.${this.domain}`;
  }

  /**
   * Chart props for a chart of this environment: its namespace and labels, merged with `props`
   * (the environment's namespace wins; labels of `props` win over the environment's).
   */
  public chartProps<P extends object = ChartProps>(props?: P): P & { readonly namespace: string; readonly labels: Record<string, string> } {
    const labels = (props as ChartProps | undefined)?.labels ?? {};
    return { ...(props ?? {}) as P, namespace: this.namespace, labels: { ...this.labels, ...labels } };
  }

  /** `replicas` times the replica scale, rounded, at least 1 (0 stays 0). */
  public scaleReplicas(replicas: number): number {
    if (this.replicaScale === 1 || replicas === 0) {
      return replicas;
    }
    return Math.max(1, Math.round(replicas * this.replicaScale));
  }

  /** Problems with the settings (empty when valid), each naming the prop, value and fix. @internal */
  public _problems(): string[] {
    if (this._inputProblems.length > 0) {
      return [...this._inputProblems];
    }
    const problems: string[] = [];
    const label = (prop: string, value: string) => {
      if (typeof value !== 'string' || !isDns1123Label(value)) {
        problems.push(`'${prop}' (${JSON.stringify(value)}) must be a DNS label: lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters`);
      }
    };
    label('name', this.name);
    if (typeof this.name === 'string' && isRefusedConstructId(this.name)) {
      problems.push(`'name' (${JSON.stringify(this.name)}) is not supported: it becomes a construct id, and the constructs library refuses ids `
        + 'named like Object.prototype members; use another name');
    }
    label('namespace', this.namespace);
    label('folder', this.folder);
    for (const [key, value] of Object.entries(this.labels)) {
      if (!isRenderableKey(key)) {
        problems.push(`'labels' key ${JSON.stringify(key)} is not supported: cdk8s cannot render an object key named ${JSON.stringify(key)}`);
      } else if (!isLabelKey(key)) {
        problems.push(`'labels' key ${JSON.stringify(key)} is not a valid label key ([prefix/]name, name at most 63 characters)`);
      }
      if (!isLabelValue(value)) {
        problems.push(`'labels' value ${JSON.stringify(value)} of ${JSON.stringify(key)} is not a valid label value (at most 63 characters: letters, digits, '-', '_', '.')`);
      }
    }
    if (this.domain !== undefined && !isDns1123Subdomain(this.domain)) {
      problems.push(`'domain' (${JSON.stringify(this.domain)}) must be a DNS name like 'dev.example.com'`);
    }
    if (this.resourcePreset !== undefined && !Object.values(ResourcePreset).includes(this.resourcePreset)) {
      problems.push(`'resourcePreset' (${JSON.stringify(this.resourcePreset)}) is unknown: use a ResourcePreset member`);
    }
    if (typeof this.replicaScale !== 'number' || !Number.isFinite(this.replicaScale) || this.replicaScale <= 0) {
      problems.push(`'replicaScale' (${this.replicaScale}) must be a number greater than 0, e.g. 0.5 or 2`);
    }
    if (this.images !== undefined) {
      problems.push(...this.images._problems());
    }
    if (this.podSecurity !== undefined) {
      if (!Object.values(PodSecurityLevel).includes(this.podSecurity)) {
        problems.push(`'podSecurity' (${JSON.stringify(this.podSecurity)}) is unknown: use PodSecurityLevel.BASELINE or PodSecurityLevel.RESTRICTED`);
      } else {
        const taken = Object.keys(this.labels).filter((key) => key.startsWith(POD_SECURITY_LABEL_PREFIX));
        if (taken.length > 0) {
          problems.push(`'labels' key ${JSON.stringify(taken[0])} conflicts with 'podSecurity', which sets the Pod Security labels of the namespace: remove the label`);
        }
      }
    }
    return problems;
  }
}

/** The unknown prop, the prop of the wrong JavaScript type and the overrides that are not `Override`s in `props`. */
function inputProblems(props: EnvironmentProps): string[] {
  const problems = [unknownPropProblem(props, ENVIRONMENT_PROP_NAMES), propShapeProblem(props ?? {}, ENVIRONMENT_PROP_SHAPES)]
    .filter((p): p is string => p !== undefined);
  if (Array.isArray(props?.overrides)) {
    props.overrides.forEach((o: unknown, i) => {
      if (!(o instanceof Override)) {
        problems.push(`'overrides[${i}]' (${JSON.stringify(o) ?? String(o)}) must be an Override: use Override.of(WebApp, 'shop/Web', {...})`);
      }
    });
  }
  return problems;
}

function isLabelKey(key: string): boolean {
  const slash = key.indexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  return (prefix === undefined || (prefix.length <= 253 && isDns1123Subdomain(prefix)))
    && name.length > 0 && name.length <= 63 && /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/.test(name);
}
