import * as fs from 'fs';
import * as path from 'path';
import { deriveModel, generate, MODEL_FILE, readAssembly, splitStandalone, VALIDATORS_DIR, VALIDATORS_FILE } from '../../../scripts/gen-k8s-schema';
import { K8S_MODEL } from '../../../src/validation/schema';

describe('generated schema files', () => {
  test('regenerating from the installed cdk8s-plus-28 changes nothing (run `npx tsx scripts/gen-k8s-schema.ts`)', () => {
    const { model, validators, validatorModules } = generate();
    expect(fs.readFileSync(MODEL_FILE, 'utf8') === model).toBe(true);
    expect(fs.readFileSync(VALIDATORS_FILE, 'utf8') === validators).toBe(true);
    // the per-kind and shared validator modules: the same set of files, each unchanged
    expect(fs.readdirSync(VALIDATORS_DIR).sort()).toEqual([...validatorModules.keys()].sort());
    const changed = [...validatorModules].filter(([name, text]) => fs.readFileSync(path.join(VALIDATORS_DIR, name), 'utf8') !== text);
    expect(changed.map(([name]) => name)).toEqual([]);
  }, 60_000);

  test('the model is what the assembly gives', () => {
    expect(deriveModel(readAssembly())).toEqual(K8S_MODEL);
    expect(K8S_MODEL.kubernetesVersion).toBe('1.28.0');
    expect(K8S_MODEL.kinds).toContainEqual(['apps/v1', 'Deployment', 'io.k8s.api.apps.v1.Deployment']);
    expect(K8S_MODEL.kinds).toContainEqual(['v1', 'Service', 'io.k8s.api.core.v1.Service']);
    expect(K8S_MODEL.definitions['io.k8s.api.apps.v1.DeploymentSpec']).toMatchSnapshot();
    expect(K8S_MODEL.definitions['io.k8s.api.core.v1.Container'].properties).toMatchObject({
      ports: '[]#io.k8s.api.core.v1.ContainerPort',
      resources: '#io.k8s.api.core.v1.ResourceRequirements',
    });
    expect(K8S_MODEL.definitions['io.k8s.api.core.v1.Secret'].properties.data).toBe('{}byte');
    expect(K8S_MODEL.definitions['io.k8s.api.core.v1.ResourceRequirements'].properties.limits).toBe('{}quantity');
    expect(K8S_MODEL.definitions['io.k8s.api.core.v1.PodSpec'].properties.terminationGracePeriodSeconds).toBe('int64');
  }, 60_000);
});

describe('validator modules (issue #14: a kind loads only its own code)', () => {
  test('splitStandalone: code one kind reaches goes to its module, code several reach to one shared module', () => {
    const { index, modules } = splitStandalone(
      '"use strict";export const v1_A = validate1;export const v1_B = validate2;' +
      'const schema3 = {"type":"object"};function validate3(data){return schema3.type === typeof data;}' +
      'function validate1(data){return validate3(data);}function validate2(data){return validate3(data) && data.b;}',
    );
    expect([...modules.keys()].sort()).toEqual(['shared-001.ts', 'v1_A.ts', 'v1_B.ts']);
    expect(modules.get('shared-001.ts')).toContain('const schema3 = {"type":"object"};');
    expect(modules.get('shared-001.ts')).toContain('export { validate3 };');
    expect(modules.get('v1_A.ts')).toContain("import { validate3 } from './shared-001';");
    expect(modules.get('v1_A.ts')).toContain('export const validate = validate1;');
    expect(modules.get('v1_B.ts')).not.toContain('validate1');
    expect(index).toContain("case 'v1_B': return (require('./k8s-validators/v1_B') as { validate: CompiledValidator }).validate;");
  });

  test('a Deployment loads a fraction of the compiled code and none of the other kinds\' own modules', () => {
    const read = (name: string): string => fs.readFileSync(path.join(VALIDATORS_DIR, `${name}.ts`), 'utf8');
    const seen = new Set<string>();
    const stack = ['apps_v1_Deployment'];
    while (stack.length > 0) {
      const name = stack.pop()!;
      if (seen.has(name)) continue;
      seen.add(name);
      for (const m of read(name).matchAll(/from '\.\/([^']+)'/g)) stack.push(m[1]);
    }
    expect([...seen].filter(n => !n.startsWith('shared-'))).toEqual(['apps_v1_Deployment']);
    const bytes = (names: Iterable<string>): number => [...names].reduce((n, name) => n + read(name).length, 0);
    const all = fs.readdirSync(VALIDATORS_DIR).map(f => f.replace(/\.ts$/, ''));
    expect(bytes(seen)).toBeLessThan(bytes(all) * 0.3);
  });
});
