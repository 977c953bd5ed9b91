/**
 * Step 4 of validating a custom resource (see validate.ts): the OpenAPI schema validation of
 * kube-openapi's SchemaValidator (`pkg/apiserver/validation/validation.go`,
 * `kube-openapi/pkg/validation/validate`), with the server's messages.
 */
import { SchemaNode } from './compact';
import { formatChecker } from './formats';
import { goFieldValue, goFloat, goNumber, jsonTypeOf } from './go-values';
import { isMap, items, Json, JsonMap, node, props } from './schema-node';

/** One error as kube-openapi reports it, before `kubeOpenAPIResultToFieldErrors`. */
interface OpenApiError {
  readonly path: string;
  readonly message: string;
}

const regexCache = new Map<string, RegExp | null>();

function regex(pattern: string): RegExp | null {
  let re = regexCache.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(pattern, 'u');
    } catch {
      try {
        re = new RegExp(pattern);
      } catch {
        re = null; // the API server rejects such a CRD; nothing to check against
      }
    }
    regexCache.set(pattern, re);
  }
  return re;
}

function typesOf(s: SchemaNode): string[] {
  if (s['x-kubernetes-int-or-string'] === true) return ['integer', 'string'];
  const t = s.type;
  if (typeof t === 'string' && t !== '') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

function fieldName(path: string): string {
  return path.startsWith('.') ? path.slice(1) : path;
}

export function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as Json[];
    return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]));
  }
  const ka = Object.keys(a as JsonMap);
  const kb = Object.keys(b as JsonMap);
  return ka.length === kb.length && ka.every((k) => k in (b as JsonMap) && deepEqual((a as JsonMap)[k], (b as JsonMap)[k]));
}

export class OpenApiValidator {
  public readonly errors: OpenApiError[] = [];

  /** Validates `data` at `path` (kube-openapi path: `.spec` for required fields, `spec.x` otherwise). */
  public validate(data: Json, s: SchemaNode, path: string): void {
    const start = this.errors.length;
    this.check(data, s, path);
    void start;
  }

  private push(path: string, message: string): void {
    this.errors.push({ path: fieldName(path), message });
  }

  private check(data: Json, s: SchemaNode, path: string): void {
    const name = path;
    const types = typesOf(s);
    const nullable = s.nullable === true;
    // type
    if (data === null || data === undefined) {
      if (types.length > 0 && !types.includes('null') && !nullable) {
        this.push(path, `Invalid value: "null": ${name} in body must be of type ${types.join(',')}: "null"`);
      }
      this.checkEnum(data, s, path);
      return;
    }
    const actual = jsonTypeOf(data);
    if (types.length > 0) {
      const ok = types.includes(actual) || (actual === 'integer' && types.includes('number'));
      if (!ok) this.push(path, `Invalid value: ${JSON.stringify(actual)}: ${name} in body must be of type ${types.join(',')}: ${JSON.stringify(actual)}`);
    }
    // allOf / anyOf / oneOf / not
    this.checkComposition(data, s, path);
    // string
    if (typeof data === 'string') {
      this.checkString(data, s, path);
      const format = typeof s.format === 'string' ? s.format : '';
      const checker = format ? formatChecker(format) : undefined;
      if (checker && !checker(data)) {
        this.push(path, `Invalid value: ${JSON.stringify(data)}: ${name} in body must be of type ${format}: ${JSON.stringify(data)}`);
      }
    }
    // number
    if (typeof data === 'number') this.checkNumber(data, s, path);
    // array
    if (Array.isArray(data)) this.checkArray(data, s, path);
    // enum
    this.checkEnum(data, s, path);
    // object
    if (isMap(data)) this.checkObject(data, s, path);
  }

  private checkString(data: string, s: SchemaNode, path: string): void {
    const length = [...data].length;
    if (typeof s.maxLength === 'number' && length > s.maxLength) {
      this.push(path, `Too long: may not be longer than ${s.maxLength}`);
      return;
    }
    if (typeof s.minLength === 'number' && length < s.minLength) {
      this.push(path, `Invalid value: ${JSON.stringify(data)}: ${path} in body should be at least ${s.minLength} chars long`);
      return;
    }
    if (typeof s.pattern === 'string') {
      const re = regex(s.pattern);
      if (re && !re.test(data)) this.push(path, `Invalid value: ${JSON.stringify(data)}: ${path} in body should match '${s.pattern}'`);
    }
  }

  private checkNumber(data: number, s: SchemaNode, path: string): void {
    const value = goNumber(data);
    if (typeof s.multipleOf === 'number' && s.multipleOf > 0) {
      const q = data / s.multipleOf;
      if (Math.abs(q - Math.round(q)) > 1e-9) this.push(path, `Invalid value: ${value}: ${path} in body should be a multiple of ${goFloat(s.multipleOf)}`);
    }
    if (typeof s.maximum === 'number') {
      const exclusive = s.exclusiveMaximum === true;
      if (exclusive ? data >= s.maximum : data > s.maximum) {
        this.push(path, `Invalid value: ${value}: ${path} in body should be less than ${exclusive ? '' : 'or equal to '}${goFloat(s.maximum)}`);
      }
    }
    if (typeof s.minimum === 'number') {
      const exclusive = s.exclusiveMinimum === true;
      if (exclusive ? data <= s.minimum : data < s.minimum) {
        this.push(path, `Invalid value: ${value}: ${path} in body should be greater than ${exclusive ? '' : 'or equal to '}${goFloat(s.minimum)}`);
      }
    }
  }

  private checkArray(data: Json[], s: SchemaNode, path: string): void {
    const item = items(s);
    if (item) data.forEach((v, i) => this.check(v, item, `${path}[${i}]`));
    if (typeof s.minItems === 'number' && data.length < s.minItems) {
      this.push(path, `Invalid value: ${data.length}: ${path} in body should have at least ${s.minItems} items`);
    }
    if (typeof s.maxItems === 'number' && data.length > s.maxItems) {
      this.push(path, `Too many: ${data.length}: must have at most ${s.maxItems} items`);
    }
    if (s.uniqueItems === true && data.some((v, i) => data.slice(0, i).some((u) => deepEqual(u, v)))) {
      this.push(path, `Invalid value: "": ${path} in body shouldn't contain duplicates`);
    }
  }

  private checkEnum(data: Json, s: SchemaNode, path: string): void {
    if (!Array.isArray(s.enum) || s.enum.length === 0) return;
    if (s.enum.some((e) => deepEqual(e, data))) return;
    const values = (s.enum as Json[]).map((e) => (typeof e === 'string' ? e : JSON.stringify(e)));
    this.push(path, `Unsupported value: ${goFieldValue(data)}: supported values: ${values.map((v) => JSON.stringify(v)).join(', ')}`);
  }

  private checkObject(data: JsonMap, s: SchemaNode, path: string): void {
    const count = Object.keys(data).length;
    if (typeof s.minProperties === 'number' && count < s.minProperties) {
      this.push(path, `Invalid value: ${count}: ${path} in body should have at least ${s.minProperties} properties`);
    }
    if (typeof s.maxProperties === 'number' && count > s.maxProperties) {
      this.push(path, `Too many: ${count}: must have at most ${s.maxProperties} items`);
    }
    const properties = props(s);
    const extra = s.additionalProperties;
    if (extra === false) {
      for (const key of Object.keys(data)) {
        if (!properties || !(key in properties)) this.push(path, `Forbidden: ${path}.${key} in body is a forbidden property`);
      }
    } else if (isMap(extra)) {
      for (const key of Object.keys(data)) {
        if (!properties || !(key in properties)) this.check(data[key], extra as SchemaNode, `${path}.${key}`);
      }
    }
    if (properties) {
      for (const [key, prop] of Object.entries(properties)) {
        if (key in data) this.check(data[key], prop, path === '' ? key : `${path}.${key}`);
      }
    }
    if (Array.isArray(s.required)) {
      for (const key of s.required as string[]) {
        if (!(key in data)) this.push(`${path}.${key}`, 'Required value');
      }
    }
  }

  /** Runs a branch on its own; its errors are returned, not recorded. */
  private branch(data: Json, s: SchemaNode, path: string): OpenApiError[] {
    const sub = new OpenApiValidator();
    sub.check(data, s, path);
    return sub.errors;
  }

  private checkComposition(data: Json, s: SchemaNode, path: string): void {
    // a branch that is not a schema decodes as the empty schema (Go's zero JSONSchemaProps)
    const branches = (list: unknown): SchemaNode[] => (list as unknown[]).map((b) => (isMap(b) ? (b as SchemaNode) : {}));
    const quoted = JSON.stringify(fieldName(path) === path ? path : path);
    if (Array.isArray(s.anyOf) && s.anyOf.length > 0) {
      let best: OpenApiError[] | undefined;
      let ok = false;
      for (const b of branches(s.anyOf)) {
        const errors = this.branch(data, b, path);
        if (errors.length === 0) {
          ok = true;
          best = undefined;
          break;
        }
        if (!best || errors.length < best.length) best = errors;
      }
      if (!ok) {
        this.errors.push({ path: '', message: `Invalid value: "": ${quoted} must validate at least one schema (anyOf)` });
        if (best) this.errors.push(...best);
      }
    }
    if (Array.isArray(s.oneOf) && s.oneOf.length > 0) {
      let valid = 0;
      let best: OpenApiError[] | undefined;
      for (const b of branches(s.oneOf)) {
        const errors = this.branch(data, b, path);
        if (errors.length === 0) valid++;
        else if (valid === 0 && (!best || errors.length < best.length)) best = errors;
      }
      if (valid !== 1) {
        const extra = valid === 0 ? 'Found none valid' : `Found ${valid} valid alternatives`;
        this.errors.push({ path: '', message: `Invalid value: "": ${quoted} must validate one and only one schema (oneOf). ${extra}` });
        if (valid === 0 && best) this.errors.push(...best);
      }
    }
    if (Array.isArray(s.allOf) && s.allOf.length > 0) {
      let valid = 0;
      for (const b of branches(s.allOf)) {
        const errors = this.branch(data, b, path);
        if (errors.length === 0) valid++;
        this.errors.push(...errors);
      }
      if (valid !== s.allOf.length) {
        const extra = valid === 0 ? '. None validated' : '';
        this.errors.push({ path: '', message: `Invalid value: "": ${quoted} must validate all the schemas (allOf)${extra}` });
      }
    }
    const not = node(s.not);
    if (not && this.branch(data, not, path).length === 0) {
      this.errors.push({ path: '', message: `Invalid value: "": ${quoted} must not validate the schema (not)` });
    }
  }
}

