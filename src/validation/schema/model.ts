/**
 * The compact schema model: the Kubernetes 1.28 API types as the generator derives them from
 * the cdk8s-plus-28 jsii assembly, and the helpers that read it.
 *
 * A field type is a short string so the generated model stays small:
 *
 * - primitives: `string`, `boolean`, `int32`, `int64`, `double`, `date` (RFC 3339 string),
 *   `any` (free JSON), `int-or-string`, `quantity`, `byte` (base64 string);
 * - `#<definition>` refers to another definition, e.g. `#io.k8s.api.core.v1.Container`;
 * - `[]<type>` is a list of `<type>`, `{}<type>` a map from string keys to `<type>`.
 */

/** One API type (a Go struct), e.g. `io.k8s.api.apps.v1.DeploymentSpec`. */
export interface ModelDefinition {
  /** JSON field name to field type (see the module docs for the type syntax). */
  readonly properties: { readonly [field: string]: string };
  /** Fields the API requires. */
  readonly required: readonly string[];
}

/** A kind the API serves: `[apiVersion, kind, definition name]`. */
export type ModelKind = readonly [apiVersion: string, kind: string, definition: string];

/** The whole model as the generator writes it. */
export interface K8sModel {
  /** The Kubernetes version the model describes, e.g. `1.28.0`. */
  readonly kubernetesVersion: string;
  /** Where the model was derived from, e.g. `cdk8s-plus-28@2.5.6`. */
  readonly source: string;
  readonly kinds: readonly ModelKind[];
  readonly definitions: { readonly [name: string]: ModelDefinition };
}

/** Field types that are JSON numbers, and the Go type named in decode errors. */
export const NUMBER_TYPES: { readonly [type: string]: string } = {
  int32: 'int32',
  int64: 'int64',
  double: 'float64',
};

/**
 * The quantity syntax of `resource.ParseQuantity`: optional sign, digits with at most one
 * decimal point, then a binary-SI suffix, a decimal-SI suffix or a decimal exponent.
 * Case-sensitive; no spaces.
 */
export const QUANTITY_PATTERN =
  '^[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$';

/** The regular expression the API server quotes when a quantity does not parse. */
export const QUANTITY_MESSAGE =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/**
 * Standard base64 (padding required) as Go's `encoding/base64.StdEncoding` decodes it;
 * carriage returns and newlines are ignored by the decoder and therefore allowed anywhere.
 */
export const BASE64_PATTERN =
  '^(?:[\\r\\n]*[A-Za-z0-9+/][\\r\\n]*[A-Za-z0-9+/][\\r\\n]*[A-Za-z0-9+/][\\r\\n]*[A-Za-z0-9+/])*' +
  '(?:[\\r\\n]*[A-Za-z0-9+/][\\r\\n]*[A-Za-z0-9+/][\\r\\n]*(?:=[\\r\\n]*=|[A-Za-z0-9+/][\\r\\n]*=))?[\\r\\n]*$';

/** The Go struct name of a definition: its last dotted segment (`DeploymentSpec`). */
export function goStructName(definition: string): string {
  return definition.slice(definition.lastIndexOf('.') + 1);
}

/** The definition a `#<definition>` field type refers to, or undefined for other types. */
export function refOf(type: string): string | undefined {
  return type.charCodeAt(0) === 35 /* # */ ? type.slice(1) : undefined;
}
