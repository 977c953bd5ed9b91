/**
 * Where the tests find the official Kubernetes 1.28 OpenAPI definitions, which are not part of
 * this repository: `k8s/v1.28.0/_definitions.json` in the folder `CDK8S_PATTERNS_SHARED_DIR`, or
 * else in `../shared` next to the repository. Suites that need the file run when it is there and
 * otherwise pass with one test that says they skipped, and print one line saying so.
 */
import * as fs from 'fs';
import * as path from 'path';

/** The environment variable that names the folder holding `k8s/v1.28.0/_definitions.json`. */
export const SHARED_DIR_VARIABLE = 'CDK8S_PATTERNS_SHARED_DIR';

/** The folder with the shared reference files: `$CDK8S_PATTERNS_SHARED_DIR`, else `../shared`. */
export function sharedDir(): string {
  const configured = process.env[SHARED_DIR_VARIABLE];
  return configured ? path.resolve(configured) : path.resolve(__dirname, '..', '..', 'shared');
}

/** The official definitions file, or undefined when it does not exist. */
export function officialDefinitionsFile(): string | undefined {
  const file = path.join(sharedDir(), 'k8s', 'v1.28.0', '_definitions.json');
  return fs.existsSync(file) ? file : undefined;
}

/** The line printed, and the name of the passing test, when the definitions are missing. */
export function skippedMessage(suite: string): string {
  const file = path.join(sharedDir(), 'k8s', 'v1.28.0', '_definitions.json');
  return `skipped ${suite}: ${file} not found (set ${SHARED_DIR_VARIABLE} to a folder with k8s/v1.28.0/_definitions.json to run it)`;
}

/**
 * `describe(name, body)` with the official definitions file when it exists; otherwise one passing
 * test named after the skip, and the skip printed on standard error.
 */
export function describeWithOfficialDefinitions(name: string, body: (file: string) => void): void {
  const file = officialDefinitionsFile();
  if (file !== undefined) {
    describe(name, () => body(file));
    return;
  }
  const message = skippedMessage(name);
  describe(name, () => {
    test(message, () => {
      process.stderr.write(`${message}\n`);
    });
  });
}
