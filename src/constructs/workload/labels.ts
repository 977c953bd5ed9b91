import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { checkLabelValue } from '../core/validators';

/** The value of `app.kubernetes.io/managed-by` on every object this library renders. */
export const MANAGED_BY = 'cdk8s-patterns';

/**
 * The recommended `app.kubernetes.io/*` labels of one application instance.
 *
 * `selector` holds only the labels that never change over the life of the instance (name and
 * instance), so Deployment and Service selectors stay stable when the version changes.
 *
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/
 */
export class AppLabels {
  /** Label key of the application name. */
  public static readonly NAME = 'app.kubernetes.io/name';
  /** Label key of the unique instance name. */
  public static readonly INSTANCE = 'app.kubernetes.io/instance';
  /** Label key of the application version. */
  public static readonly VERSION = 'app.kubernetes.io/version';
  /** Label key of the component within the architecture. */
  public static readonly COMPONENT = 'app.kubernetes.io/component';
  /** Label key of the higher-level application this one is part of. */
  public static readonly PART_OF = 'app.kubernetes.io/part-of';
  /** Label key of the tool managing the object. */
  public static readonly MANAGED_BY = 'app.kubernetes.io/managed-by';

  /** All labels (a copy). */
  public readonly all: Record<string, string>;
  /** The immutable subset used in selectors (a copy): name and instance. */
  public readonly selector: Record<string, string>;
  /** `all` as entries, built once: labels are applied to every object of the app. */
  private readonly _entries: ReadonlyArray<readonly [string, string]>;

  /**
   * Validates and assembles the labels; `scope` receives the errors.
   */
  constructor(scope: IConstruct, values: AppLabelValues) {
    checkLabelValue(scope, 'appName', values.name);
    checkLabelValue(scope, 'instance', values.instance);
    checkLabelValue(scope, 'version', values.version);
    checkLabelValue(scope, 'component', values.component);
    checkLabelValue(scope, 'partOf', values.partOf);
    this.selector = {
      [AppLabels.NAME]: values.name,
      [AppLabels.INSTANCE]: values.instance,
    };
    this.all = {
      ...this.selector,
      [AppLabels.VERSION]: values.version,
      [AppLabels.COMPONENT]: values.component,
      [AppLabels.PART_OF]: values.partOf,
      [AppLabels.MANAGED_BY]: MANAGED_BY,
    };
    this._entries = Object.entries(this.all);
  }

  /** Adds every label to the metadata of the given object (an L1 `ApiObject` or an L2 resource). */
  public applyTo(resource: IConstruct): void {
    const metadata = ApiObject.of(resource).metadata;
    for (const [key, value] of this._entries) {
      metadata.addLabel(key, value);
    }
  }
}

/** The values of the recommended labels. */
export interface AppLabelValues {
  /** `app.kubernetes.io/name`. */
  readonly name: string;
  /** `app.kubernetes.io/instance`. */
  readonly instance: string;
  /** `app.kubernetes.io/version`. */
  readonly version: string;
  /** `app.kubernetes.io/component`. */
  readonly component: string;
  /** `app.kubernetes.io/part-of`. */
  readonly partOf: string;
}
