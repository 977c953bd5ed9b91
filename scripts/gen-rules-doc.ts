/**
 * Rewrites the rule catalogue in README.md from the rules' metadata.
 * `--check` exits 1 when README.md is stale instead of writing.
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { withRulesTable } from './rules-table';

const path = join(__dirname, '..', 'README.md');
const current = readFileSync(path, 'utf-8');
const next = withRulesTable(current);
if (process.argv.includes('--check')) {
  if (next !== current) {
    process.stderr.write('README.md rule table is stale: run `npm run docs:rules`\n');
    process.exitCode = 1;
  }
} else if (next !== current) {
  writeFileSync(path, next);
}
