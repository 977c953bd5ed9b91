/**
 * No secret value in any graph output: Secrets (data, stringData, last-applied-configuration) and
 * credentials in plain env values appear as names only (issue 13, item 4).
 */
import { buildGraph, renderSvg, toMermaid } from '../../../src/delivery/graph';
import { KubeObject } from '../../../src/validation/types';
import { FIXTURE } from './fixture';

const SECRET = 'Hunter2-S3cret';

test('the graph of a bundle with Secret values shows no value in Mermaid, SVG or the model', () => {
  const secret: KubeObject = {
    apiVersion: 'v1', kind: 'Secret', type: 'Opaque',
    metadata: {
      name: 'creds', namespace: 'shop',
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ stringData: { password: SECRET } }) },
    },
    data: { password: Buffer.from(SECRET).toString('base64') }, stringData: { token: SECRET },
  };
  const withSecretEnv = JSON.parse(JSON.stringify(FIXTURE)) as KubeObject[];
  for (const object of withSecretEnv) {
    const containers = (object.spec as any)?.template?.spec?.containers as Array<Record<string, unknown>> | undefined;
    containers?.forEach((c) => { c.env = [...((c.env as unknown[]) ?? []), { name: 'DB_PASSWORD', value: SECRET }, { name: 'API', valueFrom: { secretKeyRef: { name: 'creds', key: 'password' } } }]; });
  }
  const graph = buildGraph([...withSecretEnv, secret]);
  for (const out of [toMermaid(graph, { title: 'shop' }), renderSvg(graph), JSON.stringify(graph)]) {
    expect(out).toContain('creds');
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain(Buffer.from(SECRET).toString('base64'));
  }
});
