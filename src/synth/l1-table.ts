/**
 * The shape of the generated converter table (`src/synth/generated/l1-converters.ts`, written by
 * `scripts/gen-synth-converters.ts`).
 *
 * @internal
 */

/**
 * How a generated `toJson_<Type>()` converts one field, `obj.ts` → `json`:
 * - `v`: the value as is (strings, numbers, booleans, enums, `any`),
 * - `o`: an object of the child type (`toJson_<Child>(obj.ts)`),
 * - `a`: an array of the child type,
 * - `A`: an array of values, copied (`obj.ts?.map(y => y)`),
 * - `q`: an `IntOrString` or `Quantity` (`obj.ts?.value`),
 * - `d`: a date (`obj.ts?.toISOString()`),
 * - `m`: a map of values, `undefined` entries dropped,
 * - `mq`: a map of quantities (`?.value` of each entry),
 * - `mo`: a map of the child type,
 * - `mA`: a map of value arrays, each copied.
 */
export type FieldCode = 'v' | 'o' | 'a' | 'A' | 'q' | 'd' | 'm' | 'mq' | 'mo' | 'mA';

/**
 * One converter entry: JSON name, conversion, child type name (`''` when none) and, when it
 * differs from the JSON name, the TypeScript property name.
 */
export type FieldEntry = [json: string, code: FieldCode, child: string, ts?: string];

/** Every converter of one cdk8s-plus-28 release. */
export interface ConverterTable {
  /** The package the table was derived from (`cdk8s-plus-28@2.5.6`). */
  readonly source: string;
  /** `[KubeXxx class name, KubeXxxProps type name]` of every L1 API object class. */
  readonly kinds: readonly (readonly [string, string])[];
  /** The entries of every type's converter, in the converter's output order. */
  readonly definitions: { readonly [type: string]: readonly FieldEntry[] };
}
