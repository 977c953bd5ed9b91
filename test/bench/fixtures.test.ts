import { Testing } from 'cdk8s';
import { benchAppSpec, OBJECTS_PER_APP } from '../../bench/fixtures/app-spec';
import { addPlainPlusApp } from '../../bench/fixtures/plain-plus-app';

describe('benchAppSpec', () => {
  test('derives every input from the index', () => {
    expect(benchAppSpec(12)).toEqual({
      id: 'app-12',
      image: 'registry.example.com/team/app-12:1.2.0',
      replicas: 2,
      containerPort: 8080,
      servicePort: 80,
      host: 'app-12.example.com',
      config: { LOG_LEVEL: 'info', FEATURE_FLAGS: 'a,b,c', APP_INDEX: '12' },
      secret: { API_KEY: 'key-12' },
    });
  });
});

describe('addPlainPlusApp', () => {
  test('renders ConfigMap, Secret, ServiceAccount, Deployment, Service and Ingress wired together', () => {
    const chart = Testing.chart();
    addPlainPlusApp(chart, benchAppSpec(0));
    const manifest = Testing.synth(chart);

    expect(manifest).toMatchSnapshot();
    expect(manifest.map((o) => o.kind)).toEqual(['ConfigMap', 'Secret', 'ServiceAccount', 'Deployment', 'Service', 'Ingress']);
    expect(manifest).toHaveLength(OBJECTS_PER_APP);
    const [config, secret, serviceAccount, deployment, service, ingress] = manifest;
    expect(deployment.spec.template.spec.serviceAccountName).toBe(serviceAccount.metadata.name);
    expect(serviceAccount.automountServiceAccountToken).toBe(false);
    expect(deployment.spec.template.spec.containers[0].envFrom).toEqual([
      { configMapRef: { name: config.metadata.name } },
      { secretRef: { name: secret.metadata.name } },
    ]);
    expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
    expect(ingress.spec.rules[0].http.paths[0].backend.service).toEqual({ name: service.metadata.name, port: { number: 80 } });
  });
});
