/**
 * The validation config file synth writes next to the manifests of each output folder
 * (`validation.cdk8s-patterns.yaml`): what the app was validated with, for `cdk8s-patterns validate`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { parse } from 'yaml';
import {
  GENERATED_CONFIG_FILE, Reporter, runSynth, synthesizeApp, SynthValidator, validationConfigFiles, validationConfigYaml,
  VALIDATION_CONFIG_HEADER,
} from '../../src/synth';
import { parseValidationConfig, ValidationLevel } from '../../src/validation/config';
import { PodSecurityLevel } from '../../src/validation/rule';
import { Severity } from '../../src/validation/types';
import addExternalsApp from './fixtures/externals-app';
import { addWebCharts } from './fixtures/charts';

const SILENT: Reporter = { info: () => undefined, warn: () => undefined, error: (m) => { throw new Error(m); } };

function build(addCharts: (app: App) => void): () => App {
  return () => {
    const app = new App();
    addCharts(app);
    return app;
  };
}

/** A validation hook that reports nothing and carries `settings`. */
function hookWith(settings: SynthValidator['settings']): SynthValidator {
  return Object.assign(() => ({ errors: [], warnings: [] }), { settings });
}

/** The external objects of the fixture app, as the generated file declares them. */
const FIXTURE_EXTERNAL = [
  { kind: 'ConfigMap', namespace: 'platform', name: 'shared-settings', keys: ['env', 'region', 'tier'] },
  { kind: 'Namespace', name: 'platform' },
  { kind: 'Secret', name: 'dev-podinfo-ingress-c80f1ac9-tls' },
  { kind: 'Secret', name: 'podinfo-secrets', keys: ['ui-token'] },
  { kind: 'Secret', name: 'prod-podinfo-ingress-c8de1a4b-tls' },
];

describe('synth writes a validation config next to the manifests', () => {
  let root: string;
  let dist: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-validation-config-'));
    dist = path.join(root, 'dist');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  test('one file per output folder (environments and root) with what the folder\'s charts declared', () => {
    // WHEN
    expect(runSynth(build(addExternalsApp), { outdir: dist, reporter: SILENT })).toBe(0);
    // THEN every folder with chart files has the file, listing the declarations of its own charts
    const names = ['dev', 'prod', ''].map((f) => path.join(f, GENERATED_CONFIG_FILE));
    const contents = names.map((n) => fs.readFileSync(path.join(dist, n), 'utf8'));
    expect(contents[0]).toMatchSnapshot();
    expect(contents[0].startsWith(`${VALIDATION_CONFIG_HEADER}\nexternal:\n`)).toBe(true);
    // the file is what `validate --config` reads: sorted, keys of repeated declarations merged
    const [dev, prod, root] = contents.map((c, i) => parseValidationConfig(parse(c), names[i]));
    expect(dev).toStrictEqual({ external: [FIXTURE_EXTERNAL[2], FIXTURE_EXTERNAL[3]] });
    expect(prod).toStrictEqual({ external: [FIXTURE_EXTERNAL[3], FIXTURE_EXTERNAL[4]] });
    expect(root).toStrictEqual({ external: [FIXTURE_EXTERNAL[0], FIXTURE_EXTERNAL[1]] });
    // and it is not a kustomize resource
    expect(fs.readFileSync(path.join(dist, 'prod', 'kustomization.yaml'), 'utf8')).not.toContain(GENERATED_CONFIG_FILE);
  });

  test('the files come last in the result, in the order the folders first appear', () => {
    const result = synthesizeApp(build(addExternalsApp)());
    expect(validationConfigFiles(result).map((f) => f.name))
      .toStrictEqual([`dev/${GENERATED_CONFIG_FILE}`, `prod/${GENERATED_CONFIG_FILE}`, GENERATED_CONFIG_FILE]);
    // the declarations as the app made them (keys in declaration order); the file sorts them
    expect(result.external).toStrictEqual([{ ...FIXTURE_EXTERNAL[0], keys: ['region', 'tier', 'env'] }, ...FIXTURE_EXTERNAL.slice(1)]);
  });

  test('no file for an app without external objects validated with the default settings', () => {
    expect(runSynth(build(addWebCharts), { outdir: dist, reporter: SILENT, validate: hookWith({ level: ValidationLevel.POLICY }) })).toBe(0);
    expect(fs.readdirSync(dist).sort()).toStrictEqual(['api.k8s.yaml', 'web.k8s.yaml']);
  });

  test('the settings of the validation hook that differ from the defaults are recorded', () => {
    // GIVEN a hook with every setting changed and one more external object
    const validate = hookWith({
      level: ValidationLevel.CROSS,
      podSecurity: PodSecurityLevel.BASELINE,
      strict: true,
      rules: { 'policy/min-replicas': Severity.OFF, 'latest-tag': Severity.WARNING },
      external: [{ kind: 'Namespace', name: 'argocd' }, { kind: 'Secret', name: 'podinfo-secrets', keys: ['ui-token', 'extra'] }],
      schemaDir: '/home/me/schemas',
    });
    // WHEN
    expect(runSynth(build(addExternalsApp), { outdir: dist, reporter: SILENT, validate })).toBe(0);
    // THEN
    const content = fs.readFileSync(path.join(dist, 'prod', GENERATED_CONFIG_FILE), 'utf8');
    expect(content).toMatchSnapshot();
    // toEqual: the parsed rule map has no prototype (keys named like Object.prototype members are plain keys)
    expect(parseValidationConfig(parse(content), 'prod')).toEqual({
      level: ValidationLevel.CROSS,
      podSecurity: PodSecurityLevel.BASELINE,
      strict: true,
      rules: { 'latest-tag': Severity.WARNING, 'policy/min-replicas': Severity.OFF },
      external: [
        { kind: 'Namespace', name: 'argocd' },
        { kind: 'Secret', name: 'podinfo-secrets', keys: ['extra', 'ui-token'] },
        FIXTURE_EXTERNAL[4],
      ],
    });
  });

  test('default values are left out; nothing to record gives no text', () => {
    expect(validationConfigYaml({})).toBeUndefined();
    expect(validationConfigYaml({
      level: ValidationLevel.POLICY, podSecurity: PodSecurityLevel.RESTRICTED, strict: false, rules: {}, external: [],
    })).toBeUndefined();
    expect(validationConfigYaml({ strict: true })).toBe(`${VALIDATION_CONFIG_HEADER}\nstrict: true\n`);
  });

  test('--check covers the file: missing, edited and extra files are stale', () => {
    // GIVEN an up-to-date folder
    expect(runSynth(build(addExternalsApp), { outdir: dist, reporter: SILENT })).toBe(0);
    const errors: string[] = [];
    const reporter: Reporter = { ...SILENT, error: (m) => errors.push(m) };
    expect(runSynth(build(addExternalsApp), { outdir: dist, reporter, check: true })).toBe(0);
    // WHEN one config is edited and one removed
    fs.appendFileSync(path.join(dist, 'dev', GENERATED_CONFIG_FILE), '  - Secret/extra\n');
    fs.rmSync(path.join(dist, GENERATED_CONFIG_FILE));
    // THEN
    expect(runSynth(build(addExternalsApp), { outdir: dist, reporter, check: true })).toBe(1);
    // AND an app that no longer declares anything finds them extra
    expect(runSynth(build(addWebCharts), { outdir: dist, reporter, check: true })).toBe(1);
    expect(errors[0]).toBe(`${dist}/ is stale: dev/${GENERATED_CONFIG_FILE} (changed), ${GENERATED_CONFIG_FILE} (missing). Run \`npm run synth\` and commit the result.`);
    expect(errors[1]).toContain(`dev/${GENERATED_CONFIG_FILE} (extra)`);
  });
});
