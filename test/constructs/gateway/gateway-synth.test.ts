/**
 * A route the cross rules refuse stops the synth: every problem is listed with the construct path
 * and the rule, the exit code is 1, and nothing is written.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { Image, RouteParent, synth, WebApp } from '../../../src';
import { ExitCode } from '../../../src/synth';

test('a route to a Gateway that is neither in the app nor external writes nothing', () => {
  // GIVEN an app whose route names a Gateway nobody declared, and an empty output folder
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-synth-'));
  const out = path.join(root, 'dist');
  const app = new App();
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  new WebApp(chart, 'Web', { image: Image.of('ghcr.io/acme/web:1.4.2'), route: { parents: [RouteParent.named('public', { namespace: 'gateway-system' })] } });
  const lines: string[] = [];
  const reporter = { info: (m: string) => lines.push(`info: ${m}`), warn: (m: string) => lines.push(`warn: ${m}`), error: (m: string) => lines.push(`error: ${m}`) };
  try {
    // WHEN
    const code = synth(app, { argv: ['--out', out], reporter });
    // THEN
    expect(code).toBe(ExitCode.PROBLEMS);
    expect(lines.filter(l => l.includes('cross/gateway-route-parent'))).toEqual([
      expect.stringContaining('[shop/Web/HttpRoute/Resource] HTTPRoute shop/shop-web-httproute-c8'),
    ]);
    expect(lines.join('\n')).toContain('spec.parentRefs[0].name: Not found: "public": no Gateway "public" in namespace "gateway-system"; add it or declare it as an external object');
    expect(fs.existsSync(out)).toBe(false);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
