/**
 * The kubeconform side of `npm run bench` (issue #14): finding the binary, and the 1.28 strict
 * standalone schemas generated from `../shared` into a temp folder (never into the project).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  DEFINITIONS_FILE, ensureKubeconformSchemas, kubeconformArgs, locateKubeconform, schemaLocationTemplate, standaloneStrict,
} from '../../bench/lib/kubeconform';

const ROOT = path.resolve(__dirname, '..', '..');

describe('locateKubeconform', () => {
  test('without a binary the cases are skipped with how to give one', () => {
    expect(locateKubeconform({})).toEqual({ skipped: expect.stringContaining('set KUBECONFORM=<path> or pass --kubeconform <path>') });
    expect(locateKubeconform({ KUBECONFORM: '/nonexistent/kubeconform' })).toEqual({ skipped: 'KUBECONFORM=/nonexistent/kubeconform: no such file' });
  });

  test('a file that does not run as kubeconform -v is skipped with the reason', () => {
    const where = locateKubeconform({ KUBECONFORM: '/bin/false' });
    expect(where).toEqual({ skipped: expect.stringMatching(/^\/bin\/false -v failed/) });
  });
});

describe('standaloneStrict', () => {
  const definitions = {
    'x.Thing': {
      type: 'object',
      properties: { spec: { $ref: '#/definitions/x.Spec' }, properties: { type: 'string' } },
      'x-kubernetes-group-version-kind': [{ group: 'example.io', kind: 'Thing', version: 'v1' }],
    },
    'x.Spec': { type: 'object', properties: { child: { $ref: '#/definitions/x.Node' }, labels: { type: 'object', additionalProperties: { type: 'string' } } } },
    'x.Node': { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/definitions/x.Node' } } } },
  };

  test('inlines refs, closes every object that lists properties, keeps recursion as local refs', () => {
    const schema = standaloneStrict('x.Thing', definitions);
    expect(schema).toEqual({
      $schema: 'http://json-schema.org/schema#',
      type: 'object',
      additionalProperties: false,
      'x-kubernetes-group-version-kind': [{ group: 'example.io', kind: 'Thing', version: 'v1' }],
      properties: {
        // a property named "properties" is a schema, not a map of schemas
        properties: { type: 'string' },
        spec: {
          type: 'object',
          additionalProperties: false,
          properties: {
            child: {
              type: 'object', additionalProperties: false,
              properties: { children: { type: 'array', items: { $ref: '#/definitions/x.Node' } } },
            },
            labels: { type: 'object', additionalProperties: { type: 'string' } },
          },
        },
      },
      definitions: {
        'x.Node': {
          type: 'object', additionalProperties: false,
          properties: { children: { type: 'array', items: { $ref: '#/definitions/x.Node' } } },
        },
      },
    });
  });
});

describe('ensureKubeconformSchemas', () => {
  const definitions = path.resolve(ROOT, DEFINITIONS_FILE);
  const available = fs.existsSync(definitions);
  if (!available) {
    // eslint-disable-next-line no-console
    console.log(`skipped: ${definitions} is absent (../shared not checked out)`);
  }
  (available ? test : test.skip)('writes one file per kind in kubeconform\'s layout, outside the project', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeconform-schemas-test-'));
    try {
      const made = ensureKubeconformSchemas(ROOT, root);
      expect(made).toEqual({ location: root });
      const dir = path.join(root, 'v1.28.0-standalone-strict');
      const deployment = JSON.parse(fs.readFileSync(path.join(dir, 'deployment-apps-v1.json'), 'utf8'));
      expect(deployment.additionalProperties).toBe(false);
      expect(deployment.properties.spec.properties.template.properties.spec.additionalProperties).toBe(false);
      expect(fs.existsSync(path.join(dir, 'configmap-v1.json'))).toBe(true);
      expect(fs.existsSync(path.join(dir, 'customresourcedefinition-apiextensions-v1.json'))).toBe(true);
      expect(kubeconformArgs(root, 'in.yaml')).toEqual([
        '-strict', '-summary', '-output', 'json', '-kubernetes-version', '1.28.0',
        '-schema-location', schemaLocationTemplate(root), '-ignore-missing-schemas', 'in.yaml',
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
