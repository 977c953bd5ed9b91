/**
 * CEL validation rules of CRDs (`x-kubernetes-validations`), evaluated on create as a 1.28 API
 * server does (`apiextensions-apiserver/pkg/apiserver/schema/cel/validation.go`), with
 * `@bufbuild/cel` (loaded on first use).
 *
 * - `self` is the value at the schema node that declares the rule, typed by the schema: `integer`
 *   fields are CEL ints, `number` doubles, objects maps, arrays lists (`x-kubernetes-int-or-string`:
 *   int or string);
 * - rules that use `oldSelf` are transition rules: the server skips them on create, so do we;
 * - a rule that evaluates to `false` is reported like the server does:
 *   `<path>: Invalid value: "<schema type>": <message>` (`message`, else `failed rule: <rule>`;
 *   `messageExpression` when it evaluates to a string; `reason` picks Forbidden, Required value or
 *   Duplicate value; `fieldPath` moves the path);
 * - Kubernetes' list and regex library functions (`isSorted`, `sum`, `min`, `max`, `indexOf`,
 *   `lastIndexOf`, `find`, `findAll`) are provided here;
 * - a rule this evaluator cannot run (another Kubernetes CEL library function such as `isURL`,
 *   `url` or `quantity`, optional syntax `?.`, or any other evaluation error except a missing
 *   field) is reported as "not evaluated" (info), never as an error.
 */
import type * as CelModule from '@bufbuild/cel';
import { Violation } from '../types';
import { SchemaNode } from './compact';

type Json = unknown;
type JsonMap = { [key: string]: Json };

function isMap(value: unknown): value is JsonMap {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

interface Rule {
  readonly rule: string;
  readonly message?: string;
  readonly messageExpression?: string;
  readonly reason?: string;
  readonly fieldPath?: string;
}

/** The outcome of the CEL rules of one object. */
export interface CelOutcome {
  /** Rules that evaluated to false (the server rejects the object). */
  readonly errors: Violation[];
  /** Rules that could not be evaluated here, with why (info). */
  readonly notEvaluated: Violation[];
}

type Program = (ctx: { self: unknown }) => unknown;

interface Cel {
  readonly compile: (expr: string) => Program | { readonly error: string };
  readonly isError: (value: unknown) => value is { message: string };
}

let cel: Cel | undefined;

function loadCel(): Cel {
  if (cel) return cel;
  // Loaded on first use: only CRDs with x-kubernetes-validations need it (about 0.2-0.5 s to load).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lib = require('@bufbuild/cel') as typeof CelModule;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ext = require('@bufbuild/cel/ext') as { strings: NonNullable<Parameters<typeof CelModule.celEnv>[0]>['funcs'] };
  const env = lib.celEnv({ funcs: [...(ext.strings ?? []), ...kubernetesFunctions(lib)] });
  const programs = new Map<string, Program | { error: string }>();
  cel = {
    compile(expr) {
      let program = programs.get(expr);
      if (!program) {
        try {
          program = lib.plan(env, lib.parse(expr)) as unknown as Program;
        } catch (e) {
          program = { error: (e as Error).message };
        }
        programs.set(expr, program);
      }
      return program;
    },
    isError: (value: unknown): value is { message: string } => lib.isCelError(value),
  };
  return cel;
}

/** A value of a CEL list, or an error when elements of different types are compared. */
function comparable(values: unknown[]): (bigint | number | string | boolean)[] {
  const kinds = new Set(values.map((v) => typeof v));
  if (kinds.size > 1 || values.some((v) => !['bigint', 'number', 'string', 'boolean'].includes(typeof v))) {
    throw new Error('no such overload');
  }
  return values as (bigint | number | string | boolean)[];
}

/**
 * Kubernetes' CEL list and regex libraries (`k8s.io/apiserver/pkg/cel/library` lists.go and regex.go,
 * 1.28) for ints, doubles, strings and bools: `isSorted`, `sum`, `min`, `max`, `indexOf`,
 * `lastIndexOf` on lists, `find` and `findAll` on strings. Anything else they are called with (an
 * empty list for min/max, lists of other types) throws, so the rule is reported as not evaluated.
 */
function kubernetesFunctions(lib: typeof CelModule): ReturnType<typeof CelModule.celMethod>[] {
  const { DYN, INT, STRING } = lib.CelScalar;
  const LIST = lib.listType(DYN);
  const items = (list: unknown): unknown[] => [...(list as Iterable<unknown>)];
  const less = (a: bigint | number | string | boolean, b: bigint | number | string | boolean): boolean => a < b;
  const equal = (a: unknown, b: unknown): boolean => typeof a === typeof b && a === b;
  const regex = (pattern: string): RegExp => new RegExp(pattern, 'gu');
  return [
    lib.celMethod('isSorted', LIST, [], lib.CelScalar.BOOL, function isSorted() {
      const values = comparable(items(this));
      return values.every((v, i) => i === 0 || !less(v, values[i - 1]));
    }),
    lib.celMethod('sum', LIST, [], DYN, function sum() {
      const values = items(this);
      if (values.length === 0) return 0n;
      if (values.every((v) => typeof v === 'bigint')) return (values as bigint[]).reduce((a, b) => a + b, 0n);
      if (values.every((v) => typeof v === 'number')) return (values as number[]).reduce((a, b) => a + b, 0);
      throw new Error('no such overload');
    }),
    lib.celMethod('min', LIST, [], DYN, function min() {
      const values = comparable(items(this));
      if (values.length === 0) throw new Error('min called on empty list');
      return values.reduce((a, b) => (less(b, a) ? b : a));
    }),
    lib.celMethod('max', LIST, [], DYN, function max() {
      const values = comparable(items(this));
      if (values.length === 0) throw new Error('max called on empty list');
      return values.reduce((a, b) => (less(a, b) ? b : a));
    }),
    lib.celMethod('indexOf', LIST, [DYN], INT, function indexOf(value) {
      return BigInt(items(this).findIndex((v) => equal(v, value)));
    }),
    lib.celMethod('lastIndexOf', LIST, [DYN], INT, function lastIndexOf(value) {
      const values = items(this);
      for (let i = values.length - 1; i >= 0; i--) if (equal(values[i], value)) return BigInt(i);
      return -1n;
    }),
    lib.celMethod('find', STRING, [STRING], STRING, function find(pattern) {
      return (this as string).match(new RegExp(pattern as string, 'u'))?.[0] ?? '';
    }),
    lib.celMethod('findAll', STRING, [STRING], lib.listType(STRING), function findAll(pattern) {
      return [...(this as string).matchAll(regex(pattern as string))].map((m) => m[0]);
    }),
  ];
}

/** True when the schema (or any sub-schema) declares CEL rules. */
export function hasCelRules(schema: SchemaNode, seen = new Set<SchemaNode>()): boolean {
  if (seen.has(schema)) return false;
  seen.add(schema);
  if (Array.isArray(schema['x-kubernetes-validations']) && schema['x-kubernetes-validations'].length > 0) return true;
  const subs: unknown[] = [];
  if (isMap(schema.properties)) subs.push(...Object.values(schema.properties));
  if (isMap(schema.additionalProperties)) subs.push(schema.additionalProperties);
  if (isMap(schema.items)) subs.push(schema.items);
  return subs.some((s) => isMap(s) && hasCelRules(s as SchemaNode, seen));
}

function typeOf(s: SchemaNode): string {
  return typeof s.type === 'string' ? s.type : '';
}

/** The CEL value of a JSON value typed by its schema. */
function toCel(value: Json, s: SchemaNode | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    const type = s ? typeOf(s) : '';
    if (type === 'number') return value;
    if (Number.isInteger(value) && (type === 'integer' || s?.['x-kubernetes-int-or-string'] === true || type === '')) return BigInt(value);
    return value;
  }
  if (Array.isArray(value)) {
    const item = s && isMap(s.items) ? (s.items as SchemaNode) : undefined;
    return value.map((v) => toCel(v, item));
  }
  if (isMap(value)) {
    const properties = s && isMap(s.properties) ? (s.properties as { [k: string]: SchemaNode }) : undefined;
    const extra = s && isMap(s.additionalProperties) ? (s.additionalProperties as SchemaNode) : undefined;
    const out = new Map<string, unknown>();
    for (const [k, v] of Object.entries(value)) out.set(k, toCel(v, properties?.[k] ?? extra));
    return out;
  }
  return value;
}

function normalizeFieldPath(fieldPath: string): string {
  return fieldPath.replace(/^\./, '').replace(/\['([^']*)'\]/g, '[$1]');
}

function join(path: string, child: string): string {
  if (child === '') return path;
  if (path === '') return child;
  return child.startsWith('[') ? `${path}${child}` : `${path}.${child}`;
}

const OLD_SELF = /\boldSelf\b/;

/** Evaluates the CEL rules of a processed (pruned, defaulted) custom resource. */
export function evaluateCelRules(data: Json, schema: SchemaNode): CelOutcome {
  const outcome: CelOutcome = { errors: [], notEvaluated: [] };
  walk(data, schema, '', outcome);
  return outcome;
}

function walk(value: Json, s: SchemaNode | undefined, path: string, out: CelOutcome): void {
  if (!s || value === null || value === undefined) return;
  const rules = s['x-kubernetes-validations'];
  if (Array.isArray(rules)) {
    let self: unknown;
    let converted = false;
    const selfValue = (): unknown => {
      if (!converted) {
        self = toCel(value, s);
        converted = true;
      }
      return self;
    };
    for (const rule of rules as Rule[]) if (rule && typeof rule.rule === 'string') evaluate(rule, selfValue, s, path, out);
  }
  if (Array.isArray(value)) {
    const item = isMap(s.items) ? (s.items as SchemaNode) : undefined;
    value.forEach((v, i) => walk(v, item, `${path}[${i}]`, out));
  } else if (isMap(value)) {
    const properties = isMap(s.properties) ? (s.properties as { [k: string]: SchemaNode }) : undefined;
    const extra = isMap(s.additionalProperties) ? (s.additionalProperties as SchemaNode) : undefined;
    for (const [k, v] of Object.entries(value)) {
      if (properties?.[k]) walk(v, properties[k], join(path, k), out);
      else if (extra) walk(v, extra, `${path}[${k}]`, out);
    }
  }
}

function evaluate(rule: Rule, selfValue: () => unknown, s: SchemaNode, path: string, out: CelOutcome): void {
  if (OLD_SELF.test(rule.rule)) return; // transition rule: skipped on create
  const where = rule.fieldPath ? join(path, normalizeFieldPath(rule.fieldPath)) : path;
  const lib = loadCel();
  const program = lib.compile(rule.rule);
  const notEvaluated = (why: string): void => {
    out.notEvaluated.push({ path, message: `x-kubernetes-validations rule not evaluated: ${JSON.stringify(rule.rule.trim())} (${why})` });
  };
  if ('error' in program) {
    notEvaluated(program.error.replace(/\s+/g, ' '));
    return;
  }
  const self = selfValue();
  let result: unknown;
  try {
    result = program({ self });
  } catch (e) {
    notEvaluated((e as Error).message);
    return;
  }
  const type = JSON.stringify(s['x-kubernetes-int-or-string'] === true ? '' : typeOf(s));
  const ruleText = (rule.message ?? '').trim() || rule.rule.trim();
  if (lib.isError(result)) {
    const missing = /^field not found: (.*)$/.exec(result.message);
    if (missing) {
      // cel-go: "no such key: <field>" is an evaluation error the server reports
      out.errors.push({ path, message: `Invalid value: ${type}: no such key: ${missing[1]} evaluating rule: ${ruleText}` });
    } else {
      notEvaluated(result.message);
    }
    return;
  }
  if (typeof result !== 'boolean') {
    notEvaluated(`the rule returned ${typeof result}, not a bool`);
    return;
  }
  if (result) return;
  let detail = (rule.message ?? '').trim() ? (rule.message as string).trim() : `failed rule: ${rule.rule.trim()}`;
  if (rule.messageExpression) {
    const message = lib.compile(rule.messageExpression);
    const text = 'error' in message ? undefined : (() => {
      try {
        return message({ self });
      } catch {
        return undefined;
      }
    })();
    if (typeof text === 'string' && text.trim() !== '' && !text.includes('\n')) detail = text;
  }
  switch (rule.reason) {
    case 'FieldValueForbidden':
      out.errors.push({ path: where, message: `Forbidden: ${detail}` });
      break;
    case 'FieldValueRequired':
      out.errors.push({ path: where, message: `Required value: ${detail}` });
      break;
    case 'FieldValueDuplicate':
      out.errors.push({ path: where, message: `Duplicate value: ${type}` });
      break;
    default:
      out.errors.push({ path: where, message: `Invalid value: ${type}: ${detail}` });
  }
}
