/**
 * Label maps and label selectors: validation (`ValidateLabels`, `ValidateLabelSelector`) and matching
 * (`LabelSelectorAsSelector(...).Matches`), shared by the API and cross-object layers.
 *
 * Source (1.28): apimachinery v0.28.0 `pkg/apis/meta/v1/validation/validation.go` (`ValidateLabels`,
 * `ValidateLabelSelector`, `ValidateLabelSelectorRequirement`) and `pkg/apis/meta/v1/helpers.go`
 * (`LabelSelectorAsSelector`).
 */
import { Violation } from '../../types';
import { asArray, asObject, forbidden, invalid, invalidEach, isObject, JsonObject, required } from './field';
import { isQualifiedName, isValidLabelValue } from './names';

/** Label selector operators. */
export const LABEL_SELECTOR_OPERATORS: readonly string[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** Checks a label key is a qualified name (`ValidateLabelName`). */
export function validateLabelName(out: Violation[], key: string, path: string): void {
  invalidEach(out, path, key, isQualifiedName(key));
}

/** Checks every key and value of a label map; problems are reported on the map's path. */
export function validateLabels(out: Violation[], labels: unknown, path: string): void {
  const map = asObject(labels);
  if (!map) {
    return;
  }
  for (const key in map) {
    validateLabelName(out, key, path);
    const value = map[key];
    if (typeof value === 'string') {
      invalidEach(out, path, value, isValidLabelValue(value));
    }
  }
}

/** Checks a `LabelSelector` (matchLabels and matchExpressions). */
export function validateLabelSelector(out: Violation[], selector: unknown, path: string): void {
  const sel = asObject(selector);
  if (!sel) {
    return;
  }
  asArray(sel.matchExpressions).forEach((item, i) => {
    const expr = asObject(item);
    if (!expr) {
      return;
    }
    const p = `${path}.matchExpressions[${i}]`;
    const values = asArray(expr.values);
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) {
          out.push(required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        }
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) {
          out.push(forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        }
        break;
      default:
        out.push(invalid(`${p}.operator`, expr.operator ?? '', 'not a valid selector operator'));
    }
    if (typeof expr.key === 'string') {
      validateLabelName(out, expr.key, `${p}.key`);
    }
    values.forEach((v, j) => {
      if (typeof v === 'string') {
        invalidEach(out, `${p}.values[${j}]`, v, isValidLabelValue(v));
      }
    });
  });
  validateLabels(out, sel.matchLabels, `${path}.matchLabels`);
}

/** True when a selector has neither matchLabels nor matchExpressions entries (it selects everything). */
export function isEmptySelector(selector: unknown): boolean {
  const sel = asObject(selector);
  if (!sel) {
    return true;
  }
  const ml = asObject(sel.matchLabels);
  return (!ml || Object.keys(ml).length === 0) && asArray(sel.matchExpressions).length === 0;
}

/**
 * True when the labels satisfy the selector. An absent or empty selector matches everything;
 * an expression with an unknown operator matches nothing.
 */
export function selectorMatches(selector: unknown, labels: unknown): boolean {
  const sel = asObject(selector);
  if (!sel) {
    return true;
  }
  const set: JsonObject = isObject(labels) ? labels : {};
  const ml = asObject(sel.matchLabels);
  if (ml) {
    for (const key of Object.keys(ml)) {
      if (!Object.hasOwn(set, key) || set[key] !== ml[key]) {
        return false;
      }
    }
  }
  for (const item of asArray(sel.matchExpressions)) {
    const expr = asObject(item);
    if (!expr || typeof expr.key !== 'string') {
      return false;
    }
    const has = Object.prototype.hasOwnProperty.call(set, expr.key);
    const values = asArray(expr.values);
    switch (expr.operator) {
      case 'In':
        if (!has || !values.includes(set[expr.key])) {
          return false;
        }
        break;
      case 'NotIn':
        if (has && values.includes(set[expr.key])) {
          return false;
        }
        break;
      case 'Exists':
        if (!has) {
          return false;
        }
        break;
      case 'DoesNotExist':
        if (has) {
          return false;
        }
        break;
      default:
        return false;
    }
  }
  return true;
}
