import * as fs from 'fs';
import { deriveModel, generate, MODEL_FILE, readAssembly, VALIDATORS_FILE } from '../../../scripts/gen-k8s-schema';
import { K8S_MODEL } from '../../../src/validation/schema';

describe('generated schema files', () => {
  test('regenerating from the installed cdk8s-plus-28 changes nothing (run `npx tsx scripts/gen-k8s-schema.ts`)', () => {
    const { model, validators } = generate();
    expect(fs.readFileSync(MODEL_FILE, 'utf8') === model).toBe(true);
    expect(fs.readFileSync(VALIDATORS_FILE, 'utf8') === validators).toBe(true);
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
