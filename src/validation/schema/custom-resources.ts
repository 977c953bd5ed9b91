/**
 * The schema layer for custom resources: objects of a kind a CRD defines (built in from `crds/`,
 * given with `--crd`, or found in the input) are checked with the structural-schema validator of
 * `../crd/validate.ts`, their root `metadata` as an ObjectMeta, and their name as the API server's
 * `customResourceValidator` does (DNS-1123 subdomain).
 */
import type { ErrorObject } from 'ajv';
import type Ajv from 'ajv';
import { CustomResourceType } from '../crd/catalog';
import { evaluateCelRules, hasCelRules } from '../crd/cel';
import { validateCustomResource } from '../crd/validate';
import { isDns1123Subdomain } from '../rules/common/names';
import { Violation } from '../types';
import { K8S_MODEL } from './generated/k8s-model';
import { standaloneSchema } from './json-schema';
import { SchemaViolations, toViolations } from './messages';

/** The model definition the root `metadata` of every custom resource is decoded into. */
const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

let metadataValidator: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null } | undefined;

function checkMetadata(metadata: unknown): Violation[] {
  if (metadataValidator === undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const AjvClass = (require('ajv') as { default: typeof Ajv }).default;
    const { definitions, ...objectMeta } = standaloneSchema(K8S_MODEL, OBJECT_META);
    const ajv = new AjvClass({ allErrors: true, strict: false, validateFormats: false, validateSchema: false });
    metadataValidator = ajv.compile({ type: 'object', properties: { metadata: objectMeta }, definitions });
  }
  const data = { metadata };
  if (metadataValidator(data)) return [];
  return toViolations(metadataValidator.errors ?? [], data, undefined).strict;
}

/** What the schema layer found on one custom resource. */
export interface CustomResourceViolations extends SchemaViolations {
  /** `metadata.name`/`generateName` format (`schema/cr-name`). */
  readonly name: Violation[];
  /** CEL rules (`x-kubernetes-validations`) that failed (`schema/cel`). */
  readonly cel: Violation[];
  /** CEL rules that could not be evaluated here (`schema/cel-not-evaluated`, info). */
  readonly celNotEvaluated: Violation[];
}

/** What the API server adds instead of running CEL rules on an object with blocking errors. */
export const CEL_NOT_CHECKED_MESSAGE =
  'Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';

/** `hasBlockingErr` (customresource/strategy.go): Required, TooLong, TooMany and type errors stop CEL. */
function isBlocking(v: Violation): boolean {
  return v.message.startsWith('Required value') || v.message.startsWith('Too long') || v.message.startsWith('Too many')
    || / in body must be of type /.test(v.message);
}

/** Checks one custom resource against the schema of its CRD version. */
export function customResourceViolations(object: { [field: string]: unknown }, type: CustomResourceType): CustomResourceViolations {
  const schema = type.schema();
  const result = validateCustomResource(object, schema);
  const strict = [...checkMetadata(object.metadata), ...result.strict];
  let withCel = type.cache.get('cel') as boolean | undefined;
  if (withCel === undefined) type.cache.set('cel', (withCel = hasCelRules(schema)));
  let cel: Violation[] = [];
  let celNotEvaluated: Violation[] = [];
  if (withCel) {
    if (result.strict.some(isBlocking)) {
      cel = [{ path: '', message: CEL_NOT_CHECKED_MESSAGE }];
    } else {
      ({ errors: cel, notEvaluated: celNotEvaluated } = evaluateCelRules(result.processed, schema));
    }
  }
  return { strict, quantity: [], base64: [], name: nameViolations(object.metadata), cel, celNotEvaluated };
}

/** `ValidateObjectMetaAccessor(..., NameIsDNSSubdomain, ...)` as the CR validator runs it (name format only). */
function nameViolations(metadata: unknown): Violation[] {
  if (metadata === null || typeof metadata !== 'object') return [];
  const { name, generateName } = metadata as { name?: unknown; generateName?: unknown };
  const out: Violation[] = [];
  if (typeof generateName === 'string' && generateName !== '') {
    // NameIsDNSSubdomain(prefix=true) masks a trailing dash
    const masked = generateName.length > 1 && generateName.endsWith('-') ? `${generateName.slice(0, -1)}a` : generateName;
    for (const detail of isDns1123Subdomain(masked)) out.push({ path: 'metadata.generateName', message: `Invalid value: ${JSON.stringify(generateName)}: ${detail}` });
  }
  if (typeof name === 'string' && name !== '') {
    for (const detail of isDns1123Subdomain(name)) out.push({ path: 'metadata.name', message: `Invalid value: ${JSON.stringify(name)}: ${detail}` });
  }
  return out;
}
