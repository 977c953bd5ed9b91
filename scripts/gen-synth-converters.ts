/**
 * Generates the field table that drives the fast L1 converter (`src/synth/l1-convert.ts`).
 *
 * cdk8s-plus-28's generated `KubeXxx.toJson()` maps the resolved props to JSON with one
 * `toJson_<Type>()` function per type (`lib/imports/k8s.js`). Each one builds an object literal of
 * `'jsonName': <expression of obj.tsName>` entries and drops the `undefined` values. The table
 * written here lists, for every type of the jsii assembly, those entries in the converter's order:
 * JSON name, how the value is converted ({@link FieldCode}), the child type and the TypeScript name.
 *
 * The table is derived from the jsii assembly (property names, `docs.custom.schema` JSON names,
 * types) and then checked against the installed `k8s.js`: every converter function, re-rendered
 * from the table, must equal the installed source character for character, and so must every
 * `KubeXxx.prototype.toJson`. Any difference stops the generator, so the table can only describe
 * converters it mirrors exactly.
 *
 * Writes `src/synth/generated/l1-converters.ts`.
 * Usage: `npx tsx scripts/gen-synth-converters.ts` (`--check` exits 1 when the file is stale).
 */
import * as fs from 'fs';
import * as path from 'path';
import { k8s } from '../src/constructs/core/plus';
import type { ConverterTable, FieldCode, FieldEntry } from '../src/synth/l1-table';

const PREFIX = 'cdk8s-plus-28.k8s.';
const INT_OR_STRING = `${PREFIX}IntOrString`;
const QUANTITY = `${PREFIX}Quantity`;

interface JsiiTypeRef {
  readonly fqn?: string;
  readonly primitive?: string;
  readonly collection?: { readonly kind: 'array' | 'map'; readonly elementtype: JsiiTypeRef };
}

interface JsiiType {
  readonly fqn: string;
  readonly name: string;
  readonly kind: 'class' | 'interface' | 'enum';
  readonly properties?: readonly {
    readonly name: string;
    readonly type: JsiiTypeRef;
    readonly docs?: { readonly custom?: { readonly schema?: string } };
  }[];
}

interface Assembly {
  readonly version: string;
  readonly types: { readonly [fqn: string]: JsiiType };
}

/** The generated file. */
export const CONVERTERS_FILE = path.resolve(__dirname, '../src/synth/generated/l1-converters.ts');

const PACKAGE_DIR = path.dirname(require.resolve('cdk8s-plus-28/package.json'));

/** The text of one converter's entry expression, as cdk8s's code generator writes it. */
function expression(code: FieldCode, ts: string, child: string): string {
  const map = (value: string): string =>
    `((obj.${ts}) === undefined) ? undefined : (Object.entries(obj.${ts}).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: ${value} }), {}))`;
  switch (code) {
    case 'v': return `obj.${ts}`;
    case 'o': return `toJson_${child}(obj.${ts})`;
    case 'a': return `obj.${ts}?.map(y => toJson_${child}(y))`;
    case 'A': return `obj.${ts}?.map(y => y)`;
    case 'q': return `obj.${ts}?.value`;
    case 'd': return `obj.${ts}?.toISOString()`;
    case 'm': return map('i[1]');
    case 'mq': return map('i[1]?.value');
    case 'mo': return map(`toJson_${child}(i[1])`);
    case 'mA': return map('i[1]?.map(y => y)');
  }
}

/** The whole converter function, as cdk8s's code generator writes it. */
function converterSource(name: string, fields: readonly FieldEntry[]): string {
  const entries = fields.map(([json, code, child, ts]) => `        '${json}': ${expression(code, ts ?? json, child)},\n`);
  return `function toJson_${name}(obj) {\n`
    + '    if (obj === undefined) {\n        return undefined;\n    }\n'
    + `    const result = {\n${entries.join('')}    };\n`
    + '    // filter undefined values\n'
    + '    return Object.entries(result).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {});\n'
    + '}';
}

/** The `toJson()` of a `KubeXxx` class, as cdk8s's code generator writes it. */
function classToJsonSource(className: string, propsName: string): string {
  return 'toJson() {\n        const resolved = super.toJson();\n        return {\n'
    + `            ...${className}.GVK,\n            ...toJson_${propsName}(resolved),\n        };\n    }`;
}

/** Derives the table from the assembly and checks it against the installed converters. */
export function deriveTable(assembly: Assembly, source: string): ConverterTable {
  const types = assembly.types;
  const isInterface = (fqn: string | undefined): boolean => fqn !== undefined && types[fqn]?.kind === 'interface';
  const isValue = (ref: JsiiTypeRef): boolean =>
    (ref.primitive !== undefined && ref.primitive !== 'date') || (ref.fqn !== undefined && types[ref.fqn]?.kind === 'enum');
  const classify = (ref: JsiiTypeRef, where: string): [FieldCode, string] => {
    const element = ref.collection?.elementtype;
    if (ref.fqn === INT_OR_STRING || ref.fqn === QUANTITY) return ['q', ''];
    if (ref.primitive === 'date') return ['d', ''];
    if (isValue(ref)) return ['v', ''];
    if (isInterface(ref.fqn)) return ['o', types[ref.fqn!].name];
    if (element && ref.collection!.kind === 'array') {
      if (isValue(element)) return ['A', ''];
      if (isInterface(element.fqn)) return ['a', types[element.fqn!].name];
    }
    if (element && ref.collection!.kind === 'map') {
      if (isValue(element)) return ['m', ''];
      if (element.fqn === QUANTITY || element.fqn === INT_OR_STRING) return ['mq', ''];
      if (isInterface(element.fqn)) return ['mo', types[element.fqn!].name];
      if (element.collection?.kind === 'array' && isValue(element.collection.elementtype)) return ['mA', ''];
    }
    throw new Error(`unsupported type ${JSON.stringify(ref)} at ${where}`);
  };

  const definitions: { [name: string]: FieldEntry[] } = {};
  const names = Object.values(types)
    .filter((t) => t.fqn.startsWith(PREFIX) && t.kind === 'interface')
    .map((t) => t.name)
    .sort();
  for (const name of names) {
    const type = types[PREFIX + name];
    const fields: FieldEntry[] = (type.properties ?? []).map((p) => {
      const schema = p.docs?.custom?.schema;
      if (!schema?.includes('#')) throw new Error(`${name}.${p.name} has no JSON name`);
      const json = schema.slice(schema.indexOf('#') + 1);
      const [code, child] = classify(p.type, `${name}.${p.name}`);
      return json === p.name ? [json, code, child] : [json, code, child, p.name];
    });
    // the converters list fields by JSON name; the top-level props put metadata first
    fields.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    if (/^Kube.*Props$/.test(name)) {
      const metadata = fields.findIndex((f) => f[0] === 'metadata');
      if (metadata > 0) fields.unshift(...fields.splice(metadata, 1));
    }
    const expected = converterSource(name, fields);
    if (!source.includes(`\n${expected}\nexports.toJson_${name} = toJson_${name};\n`)) {
      throw new Error(`toJson_${name} in k8s.js differs from the table; expected:\n${expected}`);
    }
    definitions[name] = fields;
  }

  const kinds: [string, string][] = [];
  const classes = k8s as unknown as { [name: string]: { prototype: { toJson: () => unknown } } };
  for (const type of Object.values(types)) {
    if (!type.fqn.startsWith(PREFIX) || type.kind !== 'class' || !type.name.startsWith('Kube')) continue;
    const propsName = `${type.name}Props`;
    if (!definitions[propsName]) throw new Error(`class ${type.name} has no ${propsName}`);
    const toJson = classes[type.name].prototype.toJson;
    if (!Object.prototype.hasOwnProperty.call(classes[type.name].prototype, 'toJson')
      || toJson.toString() !== classToJsonSource(type.name, propsName)) {
      throw new Error(`${type.name}.prototype.toJson is not the generated shape:\n${toJson.toString()}`);
    }
    kinds.push([type.name, propsName]);
  }
  kinds.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return { source: `cdk8s-plus-28@${assembly.version}`, kinds, definitions };
}

/** The generated file's text. */
export function generate(): string {
  const assembly = JSON.parse(fs.readFileSync(path.join(PACKAGE_DIR, '.jsii'), 'utf8')) as Assembly;
  const source = fs.readFileSync(path.join(PACKAGE_DIR, 'lib', 'imports', 'k8s.js'), 'utf8');
  const table = deriveTable(assembly, source);
  return '// Generated by scripts/gen-synth-converters.ts from the cdk8s-plus-28 jsii assembly and\n'
    + '// checked against its lib/imports/k8s.js. Do not edit.\n'
    + '// Regenerate with `npx tsx scripts/gen-synth-converters.ts`.\n'
    + "import type { ConverterTable } from '../l1-table';\n\n"
    + '/** The field tables of cdk8s-plus-28\'s generated `toJson_<Type>()` converters. */\n'
    + `export const L1_CONVERTERS: ConverterTable = JSON.parse(${JSON.stringify(JSON.stringify(table))});\n`;
}

if (require.main === module) {
  const text = generate();
  const check = process.argv.includes('--check');
  const current = fs.existsSync(CONVERTERS_FILE) ? fs.readFileSync(CONVERTERS_FILE, 'utf8') : '';
  if (current !== text) {
    if (!check) {
      fs.mkdirSync(path.dirname(CONVERTERS_FILE), { recursive: true });
      fs.writeFileSync(CONVERTERS_FILE, text);
    }
    console.log(`${check ? 'stale' : 'wrote'} ${path.relative(process.cwd(), CONVERTERS_FILE)} (${text.length} bytes)`);
    if (check) process.exit(1);
  }
}
