/**
 * Generates `src/validation/rules/catalog.generated.ts`: every built-in rule's metadata (id, layer,
 * default severity, description, example, scope, kinds) and where its code is (module and export),
 * so the engine can plan a run without loading the rules (issue #14).
 *
 * The source of truth is the rules themselves: the schema layer's `SCHEMA_RULES` and the lists the
 * api, cross and policy index files export. For those three, the module of each rule is the one its
 * index file imports it from (read from the index file's imports); every entry is checked by loading
 * that module and comparing the export with the rule in the list.
 *
 * Usage: `npm run gen:rules` (writes); `npm run gen:rules:check` exits 1 when the file is stale
 * (`test/validation/rule-catalog.test.ts` runs the same check).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { Rule } from '../src/validation/rule';
import { Layer, Severity } from '../src/validation/types';
import { SCHEMA_RULES } from '../src/validation/schema/rules';
import { API_RULES } from '../src/validation/rules/api';
import { CROSS_RULES } from '../src/validation/rules/cross';
import { POLICY_RULES } from '../src/validation/rules/policy';

const ROOT = path.join(__dirname, '..');
/** The folder module names are relative to. */
export const RULES_DIR = path.join(ROOT, 'src/validation/rules');
/** The generated file. */
export const CATALOG_FILE = path.join(RULES_DIR, 'catalog.generated.ts');

/** Where one rule's code is. */
interface Location {
  readonly module: string;
  readonly exportName: string;
  readonly index?: number;
}

/** Every built-in rule in rule order, with where it is defined. */
export function locatedRules(): { rule: Rule; location: Location }[] {
  const out: { rule: Rule; location: Location }[] = [];
  SCHEMA_RULES.forEach((rule, index) => out.push({ rule, location: { module: '../schema/rules', exportName: 'SCHEMA_RULES', index } }));
  for (const [layer, listName, list] of [['api', 'API_RULES', API_RULES], ['cross', 'CROSS_RULES', CROSS_RULES], ['policy', 'POLICY_RULES', POLICY_RULES]] as const) {
    const locations = listLocations(path.join(RULES_DIR, layer, 'index.ts'), listName);
    if (locations.length !== list.length) {
      throw new Error(`${layer}/index.ts: ${listName} has ${list.length} rules but ${locations.length} identifiers imported from rule modules`);
    }
    list.forEach((rule, i) => out.push({ rule, location: { ...locations[i], module: `${layer}/${locations[i].module}` } }));
  }
  for (const { rule, location } of out) {
    const exported = (require(path.join(RULES_DIR, location.module)) as Record<string, unknown>)[location.exportName];
    const found = location.index === undefined ? exported : (exported as unknown[])[location.index];
    if (found !== rule) throw new Error(`${location.module}.${location.exportName} is not the rule ${rule.id} its index lists`);
  }
  return out;
}

/**
 * The module and export of each element of `export const <listName> = [a, b, ...]` in an index
 * file, from the file's `import { a, b as c } from './module'` declarations.
 */
function listLocations(indexFile: string, listName: string): Location[] {
  const source = ts.createSourceFile(indexFile, fs.readFileSync(indexFile, 'utf8'), ts.ScriptTarget.ES2022, true);
  const imported = new Map<string, Location>();
  let elements: readonly ts.Expression[] | undefined;
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const bindings = statement.importClause?.namedBindings;
      if (bindings === undefined || !ts.isNamedImports(bindings)) continue;
      const module = statement.moduleSpecifier.text.replace(/^\.\//, '');
      for (const spec of bindings.elements) imported.set(spec.name.text, { module, exportName: (spec.propertyName ?? spec.name).text });
    }
    if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        if (ts.isIdentifier(decl.name) && decl.name.text === listName && decl.initializer !== undefined && ts.isArrayLiteralExpression(decl.initializer)) {
          elements = decl.initializer.elements;
        }
      }
    }
  }
  if (elements === undefined) throw new Error(`${indexFile}: no \`export const ${listName} = [...]\``);
  return elements.map((element) => {
    const location = ts.isIdentifier(element) ? imported.get(element.text) : undefined;
    if (location === undefined) throw new Error(`${indexFile}: ${element.getText(source)} in ${listName} is not an identifier imported from a rule module`);
    return location;
  });
}

/** The text of the generated file. */
export function ruleCatalogSource(): string {
  const rules = locatedRules();
  // one rule per line, as JSON: V8 parses JSON text faster than the same object literals (issue #14)
  const entries = rules.map(({ rule, location }) => JSON.stringify({
    id: rule.id,
    layer: known(rule.layer, Object.values(Layer), `${rule.id}: layer`),
    defaultSeverity: known(rule.defaultSeverity, Object.values(Severity), `${rule.id}: default severity`),
    description: rule.description,
    example: rule.example,
    scope: rule.scope,
    ...(rule.scope === 'object' && rule.kinds !== undefined ? { kinds: rule.kinds } : {}),
    module: location.module,
    exportName: location.exportName,
    ...(location.index !== undefined ? { index: location.index } : {}),
  }));
  const modules = [...new Set(rules.map(({ location }) => location.module))];
  return [
    '// Generated by `npm run gen:rules` (scripts/gen-rule-catalog.ts) from the rules themselves; do not edit.',
    '// `npm run gen:rules:check` and test/validation/rule-catalog.test.ts fail when it is stale.',
    '/* eslint-disable */',
    "import type { RuleCatalogEntry } from './catalog';",
    '',
    '/**',
    ' * Every built-in rule, in rule order: its metadata and where its code is. One rule per line, as',
    ' * JSON text: it loads faster than the same object literals.',
    ' */',
    `export const RULE_CATALOG: readonly RuleCatalogEntry[] = JSON.parse(\`[\n${templateText(entries.join(',\n'))}\n]\`) as RuleCatalogEntry[];`,
    '',
    '/** The modules that define rules, each loaded on first use (one static `require` each). */',
    'export const RULE_MODULES: Readonly<Record<string, () => unknown>> = {',
    ...modules.map((module) => `  ${str(module)}: () => require(${str(`./${module}`.replace(/^\.\/\.\.\//, '../'))}),`),
    '};',
    '',
  ].join('\n');
}

/** `value` when it is one of `values` (an enum's values), else an error naming `what`. */
function known<T extends string>(value: T, values: readonly string[], what: string): T {
  if (!values.includes(value)) throw new Error(`${what} ${JSON.stringify(value)} is not one of ${values.join(', ')}`);
  return value;
}

/** `text` as the content of a template literal. */
function templateText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

function str(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

if (require.main === module) {
  const next = ruleCatalogSource();
  const current = fs.existsSync(CATALOG_FILE) ? fs.readFileSync(CATALOG_FILE, 'utf8') : '';
  const rel = path.relative(process.cwd(), CATALOG_FILE);
  if (process.argv.includes('--check')) {
    if (next !== current) {
      process.stderr.write(`${rel} is stale: run \`npm run gen:rules\`\n`);
      process.exitCode = 1;
    }
  } else if (next !== current) {
    fs.writeFileSync(CATALOG_FILE, next);
    console.log(`wrote ${rel} (${next.length} bytes)`);
  }
}
