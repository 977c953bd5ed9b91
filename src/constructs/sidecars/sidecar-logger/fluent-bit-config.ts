import { IConstruct } from 'constructs';
import { ValidationError } from '../../core/errors';

/**
 * The Fluent Bit "classic" configuration format: `[SECTION]` headers, indented `Key Value`
 * lines, `@INCLUDE file` directives.
 *
 * @see https://docs.fluentbit.io/manual/administration/configuring-fluent-bit/classic-mode/format-schema
 * @internal
 */
export interface FluentBitSection {
  /** The section name: `SERVICE`, `INPUT`, `FILTER`, `OUTPUT`, `PARSER`, `MULTILINE_PARSER`. */
  readonly name: string;
  /** Key/value entries in order; a key may repeat (e.g. `Header`, `rule`). */
  readonly entries: ReadonlyArray<readonly [string, string]>;
}

const KEY = /^[A-Za-z_][A-Za-z0-9_.]*$/;

/**
 * Checks that a value fits on one config line (no line breaks, not empty, no leading or trailing
 * space that the parser would drop, unless the value is `quoted` inside the line).
 *
 * @internal
 */
export function checkConfigValue(scope: IConstruct, prop: string, value: string, quoted = false): string {
  if (typeof value !== 'string' || value.length === 0 || /[\r\n]/.test(value) || (!quoted && value.trim() !== value)) {
    throw new ValidationError(scope, `'${prop}' (${JSON.stringify(value)}) must be a non-empty single-line value without leading or trailing spaces `
      + '(Fluent Bit configuration values end at the line break)');
  }
  return value;
}

/**
 * Renders sections (and `@INCLUDE` lines) as a Fluent Bit classic configuration file.
 *
 * @internal
 */
export function renderFluentBitConfig(sections: readonly FluentBitSection[], includes: readonly string[] = []): string {
  const blocks = sections.map(section => {
    for (const [key] of section.entries) {
      if (!KEY.test(key)) {
        throw new Error(`invalid Fluent Bit key ${JSON.stringify(key)} in [${section.name}]`);
      }
    }
    const width = Math.max(0, ...section.entries.map(([key]) => key.length));
    const lines = section.entries.map(([key, value]) => `    ${key.padEnd(width)} ${value}`);
    return [`[${section.name}]`, ...lines].join('\n');
  });
  const parts = [...blocks, ...includes.map(file => `@INCLUDE ${file}`)];
  return parts.length === 0 ? '' : `${parts.join('\n\n')}\n`;
}
