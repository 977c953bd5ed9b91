/**
 * Label selector matching, as the controllers apply it (`metav1.LabelSelectorAsSelector` semantics).
 */
import { asArray, asObject, asString } from '../../common/field';
import { stringMap } from './pod';

/** One `matchExpressions` requirement. */
interface Requirement {
  readonly key: string;
  readonly operator: string;
  readonly values: readonly string[];
}

/**
 * A parsed label selector.
 *
 * `null` semantics: a missing selector matches nothing; an empty selector `{}` matches everything
 * (PodDisruptionBudget policy/v1, NetworkPolicy podSelector).
 */
export class LabelSelector {
  /** A selector from a `{matchLabels, matchExpressions}` object; undefined when the value is not an object. */
  public static fromLabelSelector(value: unknown): LabelSelector | undefined {
    const record = asObject(value);
    if (!record) {
      return undefined;
    }
    const requirements = asArray(record.matchExpressions).flatMap((item) => {
      const expr = asObject(item);
      const key = asString(expr?.key);
      const operator = asString(expr?.operator);
      if (!expr || key === undefined || operator === undefined) {
        return [];
      }
      const values = asArray(expr.values).filter((v): v is string => typeof v === 'string');
      return [{ key, operator, values }];
    });
    return new LabelSelector(stringMap(record.matchLabels), requirements);
  }

  /** A selector from a plain map (Service `spec.selector`); undefined when the value is not an object. */
  public static fromMap(value: unknown): LabelSelector | undefined {
    return asObject(value) ? new LabelSelector(stringMap(value), []) : undefined;
  }

  /** The `matchLabels` part. */
  public readonly matchLabels: Readonly<Record<string, string>>;

  private readonly requirements: readonly Requirement[];

  private constructor(matchLabels: Readonly<Record<string, string>>, requirements: readonly Requirement[]) {
    this.matchLabels = matchLabels;
    this.requirements = requirements;
  }

  /** True when the selector has neither labels nor expressions (selects everything). */
  public get isEmpty(): boolean {
    return Object.keys(this.matchLabels).length === 0 && this.requirements.length === 0;
  }

  /** True when the labels satisfy every term of the selector. */
  public matches(labels: Readonly<Record<string, string>>): boolean {
    const matchLabels = this.matchLabels;
    for (const key in matchLabels) {
      if (!Object.hasOwn(labels, key) || labels[key] !== matchLabels[key]) {
        return false;
      }
    }
    const requirements = this.requirements;
    for (let i = 0; i < requirements.length; i++) {
      if (!requirementMatches(requirements[i], labels)) {
        return false;
      }
    }
    return true;
  }

  /** `app=web,tier in (a,b)`, for messages. */
  public toString(): string {
    const terms = Object.entries(this.matchLabels).map(([k, v]) => `${k}=${v}`);
    for (const r of this.requirements) {
      switch (r.operator) {
        case 'Exists':
          terms.push(r.key);
          break;
        case 'DoesNotExist':
          terms.push(`!${r.key}`);
          break;
        default:
          terms.push(`${r.key} ${r.operator === 'NotIn' ? 'notin' : 'in'} (${r.values.join(',')})`);
      }
    }
    return terms.join(',');
  }
}

function requirementMatches(r: Requirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  switch (r.operator) {
    case 'In':
      return has && r.values.includes(labels[r.key]);
    case 'NotIn':
      return !has || !r.values.includes(labels[r.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false;
  }
}
