/**
 * No secret value in what synth reports: the warnings of a development opt-in and the errors of a
 * broken Secret name the Secret and the rule, never a value (issue 13, item 4).
 */
import { ApiObject, App, Chart } from 'cdk8s';
import { Image, SecretEnvValue, SecretSource, WebApp } from '../../src';
import { SynthError, synthesizeApp } from '../../src/synth';
import { synthValidator } from '../../src/validation/engine-hooks';

const SECRET = 'Hunter2-S3cret';

test('synth warnings and errors carry no Secret value', () => {
  process.env.TEST_SYNTH_SECRET = SECRET;
  const app = new App();
  const chart = new Chart(app, 'shop');
  new WebApp(chart, 'Web', {
    image: Image.of('ghcr.io/acme/web:1.0.0'),
    secretEnv: { TOKEN: SecretEnvValue.fromSourceForDevelopment(SecretSource.fromEnvironment('TEST_SYNTH_SECRET')) },
  });
  new ApiObject(chart, 'Pull', {
    apiVersion: 'v1', kind: 'Secret', metadata: { name: 'pull' }, type: 'kubernetes.io/dockerconfigjson',
    stringData: { '.dockerconfigjson': SECRET },
  } as never);
  let error: SynthError | undefined;
  try {
    synthesizeApp(app, { validate: synthValidator() });
  } catch (e) {
    error = e as SynthError;
  }
  expect(error).toBeInstanceOf(SynthError);
  const reported = [...error!.problems, ...error!.warnings].join('\n');
  expect(reported).toContain('<secret contents redacted>');
  expect(reported).toContain('development opt-in: patterns.cdk8s.io/development-secret');
  expect(reported).not.toContain(SECRET);
  expect(error!.message).not.toContain(SECRET);
});
