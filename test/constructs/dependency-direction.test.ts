import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/*
 * The dependency between constructs and environments runs one way: environments build on
 * constructs (and implement the props resolver hook that constructs own); nothing in
 * src/constructs imports src/environments.
 */
const SRC = path.resolve(__dirname, '../../src');
const CONSTRUCTS = path.join(SRC, 'constructs');
const ENVIRONMENTS = path.join(SRC, 'environments');

/** The module specifiers `source` imports or re-exports (static, dynamic and `require`). */
function importSpecifiers(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map(f => f.fileName);
}

/** The specifiers of `file` (a file below src/) that resolve into src/environments. */
function environmentImports(file: string, source: string): string[] {
  return importSpecifiers(source).filter((specifier) => {
    if (!specifier.startsWith('.')) {
      return false;
    }
    const target = path.resolve(path.dirname(file), specifier);
    return target === ENVIRONMENTS || target.startsWith(ENVIRONMENTS + path.sep);
  });
}

function typeScriptFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(e => e.isFile() && e.name.endsWith('.ts'))
    .map(e => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

describe('dependency direction', () => {
  test('no file under src/constructs imports from src/environments', () => {
    // GIVEN every TypeScript file of src/constructs
    const files = typeScriptFiles(CONSTRUCTS);
    expect(files.length).toBeGreaterThan(50);

    // WHEN reading their import specifiers
    const offending = files.flatMap(file => environmentImports(file, fs.readFileSync(file, 'utf8'))
      .map(specifier => `${path.relative(SRC, file)} imports '${specifier}'`));

    // THEN none points into src/environments
    expect(offending).toEqual([]);
  });

  test('the check finds static, type-only, re-export, dynamic and require imports of src/environments', () => {
    // GIVEN a file in src/constructs/web-app with every kind of import
    const file = path.join(CONSTRUCTS, 'web-app', 'example.ts');
    const source = [
      "import { EnvironmentContext } from '../../environments/environment-context';",
      "import type { Environment } from '../../environments';",
      "export { Override } from '../../environments/override';",
      "const lazy = import('../../environments/environments');",
      "const old = require('../../environments/image-rewrite');",
      "import { WebAppProps } from './web-app-props';",
      "import { Construct } from 'constructs';",
    ].join('\n');

    // THEN the five imports of src/environments are found, the others are not
    expect(environmentImports(file, source)).toEqual([
      '../../environments/environment-context',
      '../../environments',
      '../../environments/override',
      '../../environments/environments',
      '../../environments/image-rewrite',
    ]);
  });
});
