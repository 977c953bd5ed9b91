/**
 * Kubernetes resource quantities (`k8s.io/apimachinery/pkg/api/resource`): parsing, exact comparison
 * and the canonical string the API server prints in messages (`1`, `500m`, `1Gi`).
 *
 * Values are kept as an exact big integer of nano-units (10^-9); finer precision rounds up like
 * `resource.ParseQuantity` does.
 */

/** How a quantity was written; the canonical string keeps the family. */
export enum QuantityFormat {
  /** Binary suffixes: Ki, Mi, Gi, Ti, Pi, Ei. */
  BINARY_SI = 'BinarySI',
  /** Decimal suffixes: n, u, m, "", k, M, G, T, P, E. */
  DECIMAL_SI = 'DecimalSI',
  /** `e`/`E` followed by an exponent. */
  DECIMAL_EXPONENT = 'DecimalExponent',
}

const QUANTITY_RE = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;

/** The regular expression the API server quotes when a quantity does not parse. */
export const QUANTITY_REGEX_TEXT = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";

const BINARY_POWERS: Readonly<Record<string, number>> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL_EXPONENTS: Readonly<Record<string, number>> = {
  n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18,
};
const DECIMAL_SUFFIXES: Readonly<Record<number, string>> = {
  [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E',
};
const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const NANO = 1_000_000_000n;

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/**
 * Parse results by text (null: does not parse). Quantities are immutable and the same few texts
 * (`100m`, `128Mi`) repeat across objects, so they are parsed once; bounded, cleared when full.
 */
const PARSED = new Map<string, Quantity | null>();
const PARSED_LIMIT = 4096;

/** An exact resource quantity. */
export class Quantity {
  /**
   * Parses a quantity from a string or a JSON number; returns undefined when it does not parse
   * (the schema layer reports the decode error).
   */
  public static parse(value: unknown): Quantity | undefined {
    let text: string;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) {
        return undefined;
      }
      text = String(value);
    } else if (typeof value === 'string') {
      text = value;
    } else {
      return undefined;
    }
    const cached = PARSED.get(text);
    if (cached !== undefined) {
      return cached === null ? undefined : cached;
    }
    const parsed = Quantity.parseText(text);
    if (PARSED.size >= PARSED_LIMIT) {
      PARSED.clear();
    }
    PARSED.set(text, parsed ?? null);
    return parsed;
  }

  private static parseText(text: string): Quantity | undefined {
    const m = QUANTITY_RE.exec(text);
    if (!m) {
      return undefined;
    }
    const [, sign, whole, fraction = '', suffix = ''] = m;
    if (whole.length === 0 && fraction.length === 0) {
      return undefined;
    }
    const digits = BigInt(`${whole}${fraction}` || '0');
    let format: QuantityFormat;
    // value = digits * 10^-fraction.length * multiplier; stored as nanos.
    let numerator = digits * NANO;
    let denominator = pow10(fraction.length);
    if (suffix in BINARY_POWERS) {
      format = QuantityFormat.BINARY_SI;
      numerator *= 1024n ** BigInt(BINARY_POWERS[suffix]);
    } else {
      let exponent: number;
      if (suffix in DECIMAL_EXPONENTS) {
        format = QuantityFormat.DECIMAL_SI;
        exponent = DECIMAL_EXPONENTS[suffix];
      } else {
        format = QuantityFormat.DECIMAL_EXPONENT;
        exponent = Number(suffix.slice(1));
        if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 1000) {
          return undefined;
        }
      }
      if (exponent >= 0) {
        numerator *= pow10(exponent);
      } else {
        denominator *= pow10(-exponent);
      }
    }
    // Round up to whole nanos, as ParseQuantity does.
    let nanos = numerator / denominator;
    if (nanos * denominator !== numerator) {
      nanos += 1n;
    }
    return new Quantity(sign === '-' ? -nanos : nanos, format);
  }

  private constructor(
    /** The value in nano-units (10^-9). */
    public readonly nanos: bigint,
    /** The format family the value was written in. */
    public readonly format: QuantityFormat,
  ) {}

  /** -1, 0 or 1 as this is less than, equal to or greater than `other`. */
  public compare(other: Quantity): number {
    return this.nanos < other.nanos ? -1 : this.nanos > other.nanos ? 1 : 0;
  }

  /** -1, 0 or 1 for negative, zero, positive. */
  public get sign(): number {
    return this.nanos < 0n ? -1 : this.nanos > 0n ? 1 : 0;
  }

  /** True when the value is a whole number. */
  public get isInteger(): boolean {
    return this.nanos % NANO === 0n;
  }

  /** The value as a floating-point number (approximate for huge values). */
  public toNumber(): number {
    return Number(this.nanos) / 1e9;
  }

  /** The canonical form the API server prints (`500m`, `1Gi`, `1536Mi`, `1500`, `2k`). */
  public toString(): string {
    const negative = this.nanos < 0n;
    const abs = negative ? -this.nanos : this.nanos;
    const sign = negative ? '-' : '';
    if (abs === 0n) {
      return '0';
    }
    if (this.format === QuantityFormat.BINARY_SI && abs >= 1024n * NANO && abs % NANO === 0n) {
      let whole = abs / NANO;
      let power = 0;
      while (power < 6 && whole % 1024n === 0n) {
        whole /= 1024n;
        power++;
      }
      return `${sign}${whole}${BINARY_SUFFIXES[power]}`;
    }
    // Decimal: largest exponent (multiple of 3, -9..18) leaving an integer mantissa.
    let exponent = -9;
    let mantissa = abs;
    while (exponent < 18 && mantissa % 1000n === 0n) {
      mantissa /= 1000n;
      exponent += 3;
    }
    if (this.format === QuantityFormat.DECIMAL_EXPONENT) {
      return exponent === 0 ? `${sign}${mantissa}` : `${sign}${mantissa}e${exponent}`;
    }
    return `${sign}${mantissa}${DECIMAL_SUFFIXES[exponent]}`;
  }
}
