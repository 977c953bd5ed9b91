import { ApiObjectMetadata, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { checkAnnotations, checkDns1035Label, checkDns1123Label, checkLabels } from '../core/validators';

/** Lower-case letter or digit followed by an upper-case letter (a camelCase word boundary). */
const CAMEL_BOUNDARY = /([a-z0-9])([A-Z])/g;
/** Underscores and white space, which become `-`. */
const SEPARATORS = /[_\s]+/g;

/**
 * The `metadata` prop of a workload, validated once: the name override, the namespace and the
 * extra labels and annotations every object of the workload carries.
 *
 * @internal
 */
export class WorkloadMetadata {
  private readonly _metadata: ApiObjectMetadata;
  private _namespace?: { readonly value: string | undefined };

  /** Validates `metadata.name` (DNS-1035 label) and `metadata.namespace` (DNS-1123 label); errors name `scope`. */
  constructor(private readonly scope: IConstruct, metadata: ApiObjectMetadata) {
    if (metadata.name !== undefined) {
      checkDns1035Label(scope, 'metadata.name', metadata.name);
    }
    if (metadata.namespace !== undefined) {
      checkDns1123Label(scope, 'metadata.namespace', metadata.namespace);
    }
    checkLabels(scope, 'metadata.labels', metadata.labels);
    checkAnnotations(scope, 'metadata.annotations', metadata.annotations);
    this._metadata = metadata;
  }

  /**
   * The namespace of the workload's objects: `metadata.namespace`, else the chart's (looked up
   * once), else undefined.
   */
  public get namespace(): string | undefined {
    this._namespace = this._namespace ?? { value: this._metadata.namespace ?? Chart.of(this.scope).namespace };
    return this._namespace.value;
  }

  /**
   * Metadata for an owned object: namespace, extra labels and annotations (copies), and the name
   * override when `named`.
   */
  public forObject(named: boolean): ApiObjectMetadata {
    const { name, namespace, labels, annotations } = this._metadata;
    // Keys are left out rather than set to undefined, which would override generated names.
    return {
      ...(named && name !== undefined ? { name } : {}),
      ...(namespace !== undefined ? { namespace } : {}),
      ...(labels ? { labels: { ...labels } } : {}),
      ...(annotations ? { annotations: { ...annotations } } : {}),
    };
  }
}

/** `MyApp` → `my-app`, `web` → `web`: the default `app.kubernetes.io/name` from a construct id. */
export function toKebab(id: string): string {
  return id.replace(CAMEL_BOUNDARY, '$1-$2').replace(SEPARATORS, '-').toLowerCase();
}
