import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DiffInputError, readManifestFolder } from '../../src/delivery/diff';
import { EnvironmentError, readEnvironment } from '../../src/delivery/graph';

/** A manifest whose fourth line holds the byte 0xff, which is not UTF-8. */
const INVALID = Buffer.concat([
  Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: "'),
  Buffer.from([0xff]),
  Buffer.from('"\n'),
]);
const VALID = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\ndata:\n  a: "é"\n';

describe('diff and graph decode files as validate does', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'decode-'));
    fs.writeFileSync(path.join(dir, 'bad.yaml'), INVALID);
    fs.writeFileSync(path.join(dir, 'good.yaml'), VALID);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('diff refuses invalid UTF-8 with the file, the line and go-yaml\'s message', () => {
    const bad = path.join(dir, 'bad.yaml');
    expect(() => readManifestFolder(dir)).toThrow(new DiffInputError([`${bad}:6: yaml: invalid leading UTF-8 octet`]));
  });

  test('graph refuses invalid UTF-8 with the file, the line and go-yaml\'s message', () => {
    const bad = path.join(dir, 'bad.yaml');
    expect(() => readEnvironment({ name: 'dev', dir })).toThrow(
      new EnvironmentError(`environment "dev" does not parse:\n  - ${bad}:6: yaml: invalid leading UTF-8 octet`),
    );
  });

  test('valid UTF-8 is read as before', () => {
    fs.rmSync(path.join(dir, 'bad.yaml'));
    expect(readManifestFolder(dir).map((f) => [f.name, f.content])).toEqual([['good.yaml', VALID]]);
    expect(readEnvironment({ name: 'dev', dir })).toEqual([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ok' }, data: { a: 'é' } }]);
  });
});
