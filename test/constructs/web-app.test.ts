import { ApiObject, Chart, Duration, JsonPatch, Size, Testing } from 'cdk8s';
import {
  AccessMode, Cpu, DisruptionBudget, HealthCheck, Image, ImagePullSecret, IngressTls, PathType, PercentOrCount,
  Protocol, ResourcePreset, Resources, SecretEnvValue, SecretSource, ServiceType, VolumeSource, WebApp, WebAppProps,
  CONFIG_HASH_ANNOTATION, LifecycleHook, NodeLabelOperator, PodAntiAffinity, RolloutStrategy, SpreadMode, TaintEffect, ValidationError,
  GrpcMethodMatch, NetworkPeer, PathMatchType, RouteParent,
} from '../../src';
import { podSpecsOf, pssRestrictedViolations } from './pss-restricted';

const IMAGE = Image.of('ghcr.io/acme/web:1.4.2');

function synthWebApp(props: Partial<WebAppProps> = {}): { chart: Chart; web: WebApp; manifests: any[] } {
  const chart = Testing.chart();
  const web = new WebApp(chart, 'Web', { image: IMAGE, ...props });
  return { chart, web, manifests: Testing.synth(chart) };
}

function ofKind(manifests: any[], kind: string): any[] {
  return manifests.filter(m => m.kind === kind);
}

function deploymentOf(manifests: any[]): any {
  return ofKind(manifests, 'Deployment')[0];
}

function podHash(manifests: any[]): string | undefined {
  return deploymentOf(manifests).spec.template.metadata.annotations?.[CONFIG_HASH_ANNOTATION];
}

describe('WebApp snapshots', () => {
  test('defaults', () => {
    expect(synthWebApp().manifests).toMatchSnapshot();
  });

  test('ingress with cert-manager TLS', () => {
    expect(synthWebApp({
      ingress: {
        hosts: ['web.example.com', '*.web.example.com'],
        paths: ['/', '/api'],
        className: 'nginx',
        tls: IngressTls.certManagerClusterIssuer('letsencrypt'),
      },
    }).manifests).toMatchSnapshot();
  });

  test('autoscaling', () => {
    expect(synthWebApp({ autoscaling: { minReplicas: 3, maxReplicas: 10, memoryUtilization: 80 } }).manifests).toMatchSnapshot();
  });

  test('volumes', () => {
    // one pod, replaced with Recreate: the ReadWriteOnce claim cannot be shared or follow a surging pod
    expect(synthWebApp({
      replicas: 1,
      rolloutStrategy: RolloutStrategy.RECREATE,
      security: { writablePaths: ['/var/cache/app'] },
      volumes: [
        { name: 'settings', path: '/etc/app', source: VolumeSource.configFiles({ 'app.yaml': 'level: info\n' }) },
        { name: 'certs', path: '/etc/certs', source: VolumeSource.fromSecretName('web-certs') },
        { name: 'data', path: '/data', source: VolumeSource.newClaim({ size: Size.gibibytes(5), storageClassName: 'fast', accessMode: AccessMode.READ_WRITE_ONCE }) },
        { name: 'shared', path: '/shared', source: VolumeSource.fromClaimName('shared-claim') },
        { name: 'scratch', path: '/scratch', source: VolumeSource.emptyDir({ sizeLimit: Size.mebibytes(256), inMemory: true }) },
      ],
    }).manifests).toMatchSnapshot();
  });

  test('config and secret environment', () => {
    process.env.TEST_WEB_API_KEY = 'k3y';
    try {
      expect(synthWebApp({
        config: { LOG_LEVEL: 'info', FEATURE_X: 'on' },
        secretEnv: {
          DB_PASSWORD: SecretEnvValue.fromSecretName('db-credentials', 'password'),
          API_KEY: SecretEnvValue.fromSourceForDevelopment(SecretSource.fromEnvironment('TEST_WEB_API_KEY')),
        },
        imagePullSecrets: [ImagePullSecret.fromName('regcred'), ImagePullSecret.fromName('mirror')],
      }).manifests).toMatchSnapshot();
    } finally {
      delete process.env.TEST_WEB_API_KEY;
    }
  });

  test('LoadBalancer service', () => {
    expect(synthWebApp({ serviceType: ServiceType.LOAD_BALANCER, servicePort: 443 }).manifests).toMatchSnapshot();
  });
});

describe('WebApp defaults', () => {
  test('renders a ServiceAccount, Deployment, Service and PDB with generated names', () => {
    // GIVEN / WHEN
    const { web, manifests } = synthWebApp();
    // THEN
    expect(manifests.map(m => m.kind)).toEqual(['ServiceAccount', 'Deployment', 'Service', 'PodDisruptionBudget']);
    expect(deploymentOf(manifests).metadata.name).toBe('test-web-c8e3cc0b');
    expect(web.deployment.name).toBe('test-web-c8e3cc0b');
    expect(ApiObject.of(web).kind).toBe('Deployment');
  });

  test('two replicas, rolling update with maxSurge 25% and maxUnavailable 0', () => {
    const { web, manifests } = synthWebApp();
    expect(web.replicas).toBe(2);
    const spec = deploymentOf(manifests).spec;
    expect(spec.replicas).toBe(2);
    expect(spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } });
  });

  test('secure pod and container security contexts', () => {
    const pod = deploymentOf(synthWebApp().manifests).spec.template.spec;
    expect(pod.securityContext).toEqual({
      runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001,
      fsGroupChangePolicy: 'OnRootMismatch', seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true,
      runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001,
      capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.containers[0].volumeMounts).toEqual([{ mountPath: '/tmp', name: 'tmp' }]);
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: {} }]);
  });

  test('own ServiceAccount without token automount', () => {
    const { manifests } = synthWebApp();
    const sa = ofKind(manifests, 'ServiceAccount')[0];
    expect(sa.automountServiceAccountToken).toBe(false);
    expect(deploymentOf(manifests).spec.template.spec.serviceAccountName).toBe(sa.metadata.name);
  });

  test('small preset resources', () => {
    const container = deploymentOf(synthWebApp().manifests).spec.template.spec.containers[0];
    expect(container.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
  });

  test('TCP probes on the named http port 8080', () => {
    const container = deploymentOf(synthWebApp().manifests).spec.template.spec.containers[0];
    expect(container.ports).toEqual([{ containerPort: 8080, name: 'http' }]);
    expect(container.readinessProbe.tcpSocket).toEqual({ port: 'http' });
    expect(container.livenessProbe.tcpSocket).toEqual({ port: 'http' });
    expect(container.startupProbe).toEqual({
      tcpSocket: { port: 'http' }, failureThreshold: 30, periodSeconds: 5, timeoutSeconds: 2, initialDelaySeconds: 0, successThreshold: 1,
    });
  });

  test('soft topology spread over hostname and zone', () => {
    const spreads = deploymentOf(synthWebApp().manifests).spec.template.spec.topologySpreadConstraints;
    expect(spreads.map((s: any) => [s.topologyKey, s.whenUnsatisfiable, s.maxSkew])).toEqual([
      ['kubernetes.io/hostname', 'ScheduleAnyway', 1],
      ['topology.kubernetes.io/zone', 'ScheduleAnyway', 1],
    ]);
    expect(synthWebApp({ spread: false }).manifests[1].spec.template.spec.topologySpreadConstraints).toBeUndefined();
  });

  test('ClusterIP Service on port 80 targeting the app port', () => {
    const service = ofKind(synthWebApp().manifests, 'Service')[0];
    expect(service.spec.type).toBe('ClusterIP');
    expect(service.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 8080 }]);
  });
});

describe('WebApp labels', () => {
  const expected = {
    'app.kubernetes.io/name': 'web',
    'app.kubernetes.io/instance': 'test-web-c8b65d84',
    'app.kubernetes.io/version': '1.4.2',
    'app.kubernetes.io/component': 'web',
    'app.kubernetes.io/part-of': 'web',
    'app.kubernetes.io/managed-by': 'cdk8s-patterns',
  };

  test('every object and the pod template carry the recommended labels', () => {
    const { manifests } = synthWebApp({ config: { A: 'b' }, ingress: { hosts: ['a.example.com'] }, autoscaling: { maxReplicas: 4 } });
    for (const m of manifests) {
      expect(m.metadata.labels).toEqual(expected);
    }
    expect(deploymentOf(manifests).spec.template.metadata.labels).toMatchObject(expected);
  });

  test('selectors do not change when the version changes', () => {
    const v1 = synthWebApp({ image: Image.of('ghcr.io/acme/web:1.0.0') }).manifests;
    const v2 = synthWebApp({ image: Image.of('ghcr.io/acme/web:2.0.0') }).manifests;
    expect(deploymentOf(v2).spec.template.metadata.labels['app.kubernetes.io/version']).toBe('2.0.0');
    expect(deploymentOf(v1).spec.selector).toEqual(deploymentOf(v2).spec.selector);
    expect(ofKind(v1, 'Service')[0].spec.selector).toEqual(ofKind(v2, 'Service')[0].spec.selector);
    expect(ofKind(v1, 'PodDisruptionBudget')[0].spec.selector).toEqual(ofKind(v2, 'PodDisruptionBudget')[0].spec.selector);
    expect(Object.keys(deploymentOf(v1).spec.selector.matchLabels)).not.toContain('app.kubernetes.io/version');
  });

  test('label overrides and digest versions', () => {
    const digest = `sha256:${'ab'.repeat(32)}`;
    const { manifests } = synthWebApp({ image: Image.fromDigest('ghcr.io/acme/web', digest), appName: 'shop', partOf: 'store', component: 'frontend' });
    expect(deploymentOf(manifests).metadata.labels).toMatchObject({
      'app.kubernetes.io/name': 'shop', 'app.kubernetes.io/part-of': 'store', 'app.kubernetes.io/component': 'frontend',
      'app.kubernetes.io/version': 'sha256-abababababab',
    });
    expect(deploymentOf(manifests).spec.template.spec.containers[0].image).toBe(`ghcr.io/acme/web@${digest}`);
  });
});

describe('WebApp config hash', () => {
  test('no annotation without owned config', () => {
    expect(podHash(synthWebApp().manifests)).toBeUndefined();
  });

  test('stable for the same content, independent of key order', () => {
    const a = podHash(synthWebApp({ config: { A: '1', B: '2' } }).manifests);
    const b = podHash(synthWebApp({ config: { B: '2', A: '1' } }).manifests);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).toBe(b);
  });

  test('changes when config, config files or owned secret content change', () => {
    const base = podHash(synthWebApp({ config: { A: '1' } }).manifests);
    expect(podHash(synthWebApp({ config: { A: '2' } }).manifests)).not.toBe(base);
    const files = (content: string) => podHash(synthWebApp({
      volumes: [{ name: 'cfg', path: '/etc/app', source: VolumeSource.configFiles({ 'a.conf': content }) }],
    }).manifests);
    expect(files('x')).not.toBe(files('y'));
    const secret = (value: string) => {
      process.env.TEST_WEB_HASH = value;
      try {
        return podHash(synthWebApp({ secretEnv: { S: SecretEnvValue.fromSourceForDevelopment(SecretSource.fromEnvironment('TEST_WEB_HASH')) } }).manifests);
      } finally {
        delete process.env.TEST_WEB_HASH;
      }
    };
    expect(secret('one')).not.toBe(secret('two'));
  });

  test('reflects addEnv after construction', () => {
    const chart = Testing.chart();
    const web = new WebApp(chart, 'Web', { image: IMAGE, config: { A: '1' } });
    const before = podHash(Testing.synth(chart));
    web.addEnv('B', '2');
    expect(podHash(Testing.synth(chart))).not.toBe(before);
  });
});

describe('WebApp availability', () => {
  test('HPA takes over the replica count', () => {
    const { web, manifests } = synthWebApp({ replicas: 5, autoscaling: { maxReplicas: 8 } });
    expect(deploymentOf(manifests).spec.replicas).toBeUndefined();
    const hpa = ofKind(manifests, 'HorizontalPodAutoscaler')[0];
    expect(hpa.spec.minReplicas).toBe(2);
    expect(hpa.spec.maxReplicas).toBe(8);
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: web.deployment.name });
    expect(hpa.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }]);
  });

  test.each([
    [{ replicas: 1 }, false],
    [{ replicas: 2 }, true],
    [{ replicas: 1, autoscaling: { minReplicas: 1, maxReplicas: 3 } }, false],
    [{ replicas: 1, autoscaling: { minReplicas: 2, maxReplicas: 3 } }, true],
    [{ replicas: 3, disruptionBudget: DisruptionBudget.none() }, false],
    [{ replicas: 1, disruptionBudget: DisruptionBudget.minAvailable(PercentOrCount.percent(50)) }, true],
  ] as Array<[Partial<WebAppProps>, boolean]>)('PDB presence for %j', (props, present) => {
    const { web, manifests } = synthWebApp(props);
    expect(ofKind(manifests, 'PodDisruptionBudget').length).toBe(present ? 1 : 0);
    expect(web.pdb !== undefined).toBe(present);
  });

  test('PDB selects the Deployment pods', () => {
    const { manifests } = synthWebApp({ disruptionBudget: DisruptionBudget.minAvailable(PercentOrCount.percent(50)) });
    const pdb = ofKind(manifests, 'PodDisruptionBudget')[0];
    expect(pdb.spec).toEqual({ minAvailable: '50%', selector: deploymentOf(manifests).spec.selector });
  });

  test('rolling update settings', () => {
    const { manifests } = synthWebApp({ rollingUpdate: { maxSurge: PercentOrCount.count(2), maxUnavailable: PercentOrCount.percent(10) } });
    expect(deploymentOf(manifests).spec.strategy.rollingUpdate).toEqual({ maxSurge: 2, maxUnavailable: '10%' });
  });
});

describe('WebApp image', () => {
  test('IfNotPresent for pinned images, Always for an allowed mutable tag', () => {
    const pinned = deploymentOf(synthWebApp().manifests).spec.template.spec.containers[0];
    expect(pinned.imagePullPolicy).toBe('IfNotPresent');
    const mutable = deploymentOf(synthWebApp({ image: Image.of('ghcr.io/acme/web:latest', { allowMutableTag: true }) }).manifests);
    expect(mutable.spec.template.spec.containers[0].imagePullPolicy).toBe('Always');
  });

  test('several image pull secrets', () => {
    const { manifests } = synthWebApp({ imagePullSecrets: [ImagePullSecret.fromName('a'), ImagePullSecret.fromSecret({ name: 'b' })] });
    expect(deploymentOf(manifests).spec.template.spec.imagePullSecrets).toEqual([{ name: 'a' }, { name: 'b' }]);
  });
});

describe('WebApp health and resources', () => {
  test('HTTP probes with per-probe overrides', () => {
    const container = deploymentOf(synthWebApp({
      ports: [{ name: 'http', number: 9898 }, { name: 'metrics', number: 9797 }],
      health: HealthCheck.http('/healthz', {
        readiness: { path: '/readyz', period: Duration.seconds(5) },
        liveness: { failureThreshold: 6 },
        startup: { enabled: false },
      }),
    }).manifests).spec.template.spec.containers[0];
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(container.readinessProbe.periodSeconds).toBe(5);
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(container.livenessProbe.failureThreshold).toBe(6);
    expect(container.startupProbe).toBeUndefined();
  });

  test('exec probes and no probes', () => {
    const exec = deploymentOf(synthWebApp({ health: HealthCheck.exec(['/bin/check']) }).manifests).spec.template.spec.containers[0];
    expect(exec.livenessProbe.exec).toEqual({ command: ['/bin/check'] });
    const none = deploymentOf(synthWebApp({ health: HealthCheck.none() }).manifests).spec.template.spec.containers[0];
    expect([none.readinessProbe, none.livenessProbe, none.startupProbe]).toEqual([undefined, undefined, undefined]);
  });

  test('explicit requests without a CPU limit', () => {
    const container = deploymentOf(synthWebApp({
      resources: Resources.of({ cpu: { request: Cpu.units(0.25) }, memory: { request: Size.mebibytes(300), limit: Size.gibibytes(1) } }),
    }).manifests).spec.template.spec.containers[0];
    expect(container.resources).toEqual({ requests: { cpu: '250m', memory: '300Mi' }, limits: { memory: '1024Mi' } });
    const preset = deploymentOf(synthWebApp({ resources: Resources.preset(ResourcePreset.LARGE).withoutCpuLimit() }).manifests);
    expect(preset.spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '500m', memory: '512Mi' }, limits: { memory: '1024Mi' } });
  });
});

describe('WebApp exposure', () => {
  test('Ingress with an existing TLS secret, exact paths and a second port', () => {
    const { manifests } = synthWebApp({
      ports: [{ name: 'http', number: 8080 }, { name: 'admin', number: 9000 }],
      ingress: { hosts: ['admin.example.com'], paths: ['/admin'], pathType: PathType.EXACT, port: 'admin', tls: IngressTls.fromSecretName('admin-tls') },
    });
    const ingress = ofKind(manifests, 'Ingress')[0];
    expect(ingress.metadata.annotations).toBeUndefined();
    expect(ingress.spec.tls).toEqual([{ hosts: ['admin.example.com'], secretName: 'admin-tls' }]);
    expect(ingress.spec.rules[0].http.paths[0]).toEqual({
      path: '/admin', pathType: 'Exact', backend: { service: { name: ofKind(manifests, 'Service')[0].metadata.name, port: { number: 9000 } } },
    });
  });

  test('cert-manager issuer annotation and default secret name', () => {
    const { web, manifests } = synthWebApp({ ingress: { hosts: ['a.example.com'], tls: IngressTls.certManagerIssuer('ca') } });
    const ingress = ofKind(manifests, 'Ingress')[0];
    expect(ingress.metadata.annotations).toEqual({ 'cert-manager.io/issuer': 'ca' });
    expect(ingress.spec.tls[0].secretName).toBe(`${web.ingress!.name}-tls`);
  });

  test('NodePort service and metadata overrides', () => {
    const { manifests } = synthWebApp({ serviceType: ServiceType.NODE_PORT, metadata: { name: 'shop', namespace: 'prod', annotations: { team: 'a' } } });
    for (const m of manifests) {
      expect(m.metadata.namespace).toBe('prod');
      expect(m.metadata.name).toBe('shop');
      expect(m.metadata.annotations).toEqual({ team: 'a' });
    }
    expect(ofKind(manifests, 'Service')[0].spec.type).toBe('NodePort');
  });

  test('escape hatch: JSON patch on the deployment', () => {
    const { chart, web } = synthWebApp();
    ApiObject.of(web.deployment).addJsonPatch(JsonPatch.add('/spec/template/spec/priorityClassName', 'high'));
    expect(deploymentOf(Testing.synth(chart)).spec.template.spec.priorityClassName).toBe('high');
  });

  test('UDP port', () => {
    const { manifests } = synthWebApp({ ports: [{ name: 'http', number: 8080 }, { name: 'dns', number: 53, protocol: Protocol.UDP }] });
    expect(ofKind(manifests, 'Service')[0].spec.ports[1]).toEqual({ name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' });
  });
});

describe('Pod Security Standards "restricted"', () => {
  test.each([
    ['defaults', {}],
    ['volumes', { replicas: 1, rolloutStrategy: RolloutStrategy.RECREATE, volumes: [{ name: 'data', path: '/data', source: VolumeSource.newClaim({ size: Size.gibibytes(1) }) }] }],
    ['hpa', { autoscaling: { maxReplicas: 3 } }],
    ['custom ids', { security: { user: 2000, group: 3000, writablePaths: ['/var/run'] } }],
  ] as Array<[string, Partial<WebAppProps>]>)('%s', (_name, props) => {
    const specs = podSpecsOf(synthWebApp(props).manifests);
    expect(specs.length).toBe(1);
    for (const { spec } of specs) {
      expect(pssRestrictedViolations(spec)).toEqual([]);
    }
  });

  test('sidecar containers get the restricted defaults', () => {
    const { chart, web } = synthWebApp();
    web.addSidecar({ bind: host => host.addSidecarContainer({ name: 'proxy', image: Image.of('envoyproxy/envoy:v1.31.0'), ports: [{ name: 'proxy', number: 15001 }] }) });
    const manifests = Testing.synth(chart);
    const pod = deploymentOf(manifests).spec.template.spec;
    expect(pod.containers.map((c: any) => c.name)).toEqual(['app', 'proxy']);
    expect(pssRestrictedViolations(pod)).toEqual([]);
  });

  test('the checker catches violations', () => {
    expect(pssRestrictedViolations({
      hostNetwork: true,
      volumes: [{ name: 'h', hostPath: { path: '/' } }],
      containers: [{ name: 'c', securityContext: { privileged: true, capabilities: { add: ['SYS_ADMIN'] } } }],
    })).toEqual([
      'hostNetwork must not be true',
      'volume h uses forbidden type hostPath',
      'container c must not be privileged',
      'container c allowPrivilegeEscalation must be false',
      'container c must set runAsNonRoot true',
      'container c must drop ALL capabilities',
      'container c must not add capability SYS_ADMIN',
      'container c seccompProfile must be RuntimeDefault or Localhost',
    ]);
  });
});

describe('WebApp all props', () => {
  test('every prop is rendered', () => {
    // GIVEN a fixture that must set every prop (a new prop breaks the build until it is added here)
    process.env.TEST_WEB_ALL = 'secret-value';
    const props: Required<WebAppProps> = {
      image: Image.of('ghcr.io/acme/web:3.1.0'),
      command: ['/app/server'],
      args: ['--verbose'],
      ports: [{ name: 'http', number: 8080 }, { name: 'grpc', number: 9090 }],
      config: { MODE: 'prod' },
      secretEnv: {
        DB_PASSWORD: SecretEnvValue.fromSecretName('db', 'password', { optional: true }),
        TOKEN: SecretEnvValue.fromSourceForDevelopment(SecretSource.fromEnvironment('TEST_WEB_ALL')),
      },
      resources: Resources.preset(ResourcePreset.MEDIUM),
      health: HealthCheck.http('/health'),
      security: { user: 20000, group: 20000, fsGroup: 20001, readOnlyRootFilesystem: true, writablePaths: ['/cache'] },
      volumes: [{ name: 'cfg', path: '/etc/app', source: VolumeSource.fromConfigMapName('app-config'), readOnly: true }],
      imagePullSecrets: [ImagePullSecret.fromName('regcred')],
      spread: true,
      appName: 'all',
      version: '3.1.0-rc1',
      partOf: 'suite',
      component: 'api',
      metadata: { namespace: 'apps', labels: { team: 'core' } },
      sidecars: [{ bind: host => host.addSidecarContainer({ name: 'logs', image: Image.of('fluent/fluent-bit:3.1.9') }) }],
      replicas: 3,
      serviceType: ServiceType.LOAD_BALANCER,
      servicePort: 8443,
      ingress: { hosts: ['all.example.com'], paths: ['/'], pathType: PathType.PREFIX, className: 'nginx', tls: IngressTls.fromSecretName('all-tls'), port: 'http', annotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'true' } },
      route: {
        parents: [RouteParent.external('public', { namespace: 'gateway-system', listeners: ['http', 'https'], listener: 'https' })],
        hosts: ['all.example.com'], paths: ['/'], pathMatch: PathMatchType.PREFIX, headers: [{ name: 'x-env', value: 'prod' }], port: 'http',
        timeout: Duration.seconds(30), httpsRedirect: [RouteParent.external('public', { namespace: 'gateway-system', listener: 'http' })],
      },
      grpcRoute: {
        parents: [RouteParent.external('public', { namespace: 'gateway-system', listener: 'https' })],
        hosts: ['grpc.example.com'], methods: [GrpcMethodMatch.service('acme.Api')], port: 'grpc',
      },
      inbound: {
        ingressController: NetworkPeer.namespace('ingress-nginx', { podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } }),
        gatewayPods: { 'gateway.example.com/data-plane': 'true' },
        clients: [],
        peers: [NetworkPeer.cidrs(['10.20.0.0/16'])],
      },
      autoscaling: { minReplicas: 3, maxReplicas: 9, cpuUtilization: 60, memoryUtilization: 75 },
      disruptionBudget: DisruptionBudget.maxUnavailable(PercentOrCount.count(1)),
      rollingUpdate: { maxSurge: PercentOrCount.count(1), maxUnavailable: PercentOrCount.count(0) },
      rolloutStrategy: RolloutStrategy.ROLLING_UPDATE,
      initContainers: [{ name: 'migrate', command: ['/app/server', 'migrate'] }],
      additionalServices: { External: { type: ServiceType.LOAD_BALANCER, name: 'all-external', ports: [{ port: 443, targetPort: 'http' }], annotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' } } },
      terminationGracePeriod: Duration.seconds(45),
      preStop: LifecycleHook.exec(['sleep', '5']),
      podAnnotations: { 'sidecar.istio.io/inject': 'false' },
      podLabels: { 'example.com/tier': 'frontend' },
      scheduling: {
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        requiredNodeLabels: [{ key: 'kubernetes.io/arch', operator: NodeLabelOperator.IN, values: ['amd64', 'arm64'] }],
        preferredNodeLabels: [{ weight: 50, requirements: [{ key: 'example.com/pool', operator: NodeLabelOperator.EXISTS }] }],
        podAntiAffinity: PodAntiAffinity.PREFERRED_PER_NODE,
        tolerations: [{ key: 'dedicated', value: 'web', effect: TaintEffect.NO_SCHEDULE }],
        priorityClassName: 'high',
        spread: { topologyKeys: ['topology.kubernetes.io/zone'], maxSkew: 2, mode: SpreadMode.DO_NOT_SCHEDULE },
      },
    };
    try {
      const chart = Testing.chart();
      new WebApp(chart, 'All', props);
      const manifests = Testing.synth(chart);
      // THEN
      expect(manifests).toMatchSnapshot();
      expect(manifests.map(m => m.kind)).toEqual(['ServiceAccount', 'Deployment', 'ConfigMap', 'Secret', 'Service', 'Ingress', 'HTTPRoute', 'HTTPRoute', 'GRPCRoute', 'NetworkPolicy', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Service']);
      expect(pssRestrictedViolations(deploymentOf(manifests).spec.template.spec)).toEqual([]);
    } finally {
      delete process.env.TEST_WEB_ALL;
    }
  });
});

describe('WebApp input errors', () => {
  function error(props: Record<string, unknown>): string {
    const chart = Testing.chart();
    try {
      new WebApp(chart, 'Web', { image: IMAGE, ...props } as WebAppProps);
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      return (e as Error).message;
    }
    throw new Error('expected a ValidationError');
  }

  test.each([
    ['missing image', { image: undefined }, '[test/Web] \'image\' is required: pass Image.of(\'repository:tag\')'],
    ['untagged image', { image: Image.of('nginx') },
      '[test/Web] \'image\' ("nginx") must be pinned to a tag other than \'latest\' or to a digest; use Image.of(\'repo:1.2.3\'), Image.fromDigest(repo, \'sha256:…\') or Image.of(ref, { allowMutableTag: true })'],
    ['latest image', { image: Image.of('nginx:latest') },
      '[test/Web] \'image\' ("nginx:latest") must be pinned to a tag other than \'latest\' or to a digest; use Image.of(\'repo:1.2.3\'), Image.fromDigest(repo, \'sha256:…\') or Image.of(ref, { allowMutableTag: true })'],
    ['bad digest', { image: Image.fromDigest('nginx', 'sha256:abc') },
      '[test/Web] \'image\' ("nginx@sha256:abc") has an invalid digest: expected \'sha256:\' followed by 64 lower-case hex digits'],
    ['invalid name', { metadata: { name: 'My_App' } },
      '[test/Web] \'metadata.name\' ("My_App") must be a DNS-1035 label: at most 63 lower-case letters, digits or \'-\', starting with a letter and ending with a letter or digit'],
    ['invalid volume name', { volumes: [{ name: 'Data', path: '/data', source: VolumeSource.emptyDir() }] },
      '[test/Web] \'volumes[0].name\' ("Data") must be a DNS-1123 label: at most 63 lower-case letters, digits or \'-\', starting and ending with a letter or digit'],
    ['port 0', { ports: [{ name: 'http', number: 0 }] },
      '[test/Web] \'ports[0].number\' (0) must be a port number between 1 and 65535, inclusive'],
    ['port 65536', { ports: [{ name: 'http', number: 65536 }] },
      '[test/Web] \'ports[0].number\' (65536) must be a port number between 1 and 65535, inclusive'],
    ['duplicate port number', { ports: [{ name: 'http', number: 8080 }, { name: 'alt', number: 8080 }] },
      '[test/Web] \'ports[1].number\' (8080/TCP) is already used by another port; port numbers must be unique per protocol'],
    ['duplicate port name', { ports: [{ name: 'http', number: 8080 }, { name: 'http', number: 8081 }] },
      '[test/Web] \'ports[1].name\' ("http") is already used by another port; port names must be unique'],
    ['invalid port name', { ports: [{ name: 'HTTP_PORT', number: 8080 }] },
      '[test/Web] \'ports[0].name\' ("HTTP_PORT") must be an IANA_SVC_NAME: 1-15 lower-case letters, digits or \'-\', with at least one letter, no \'--\' and no leading or trailing \'-\''],
    ['negative replicas', { replicas: -1 }, '[test/Web] \'replicas\' (-1) must be a non-negative integer'],
    ['fractional replicas', { replicas: 1.5 }, '[test/Web] \'replicas\' (1.5) must be a non-negative integer'],
    ['HPA min > max', { autoscaling: { minReplicas: 5, maxReplicas: 3 } },
      '[test/Web] \'autoscaling.minReplicas\' (5) must be less than or equal to \'autoscaling.maxReplicas\' (3)'],
    ['cpu request above limit', { resources: Resources.of({ cpu: { request: Cpu.millis(800), limit: Cpu.millis(500) } }) },
      '[test/Web] \'resources.cpu.request\' (800m) must be less than or equal to \'resources.cpu.limit\' (500m)'],
    ['memory request above limit', { resources: Resources.of({ memory: { request: Size.gibibytes(2), limit: Size.gibibytes(1) } }) },
      '[test/Web] \'resources.memory.request\' (2048Mi) must be less than or equal to \'resources.memory.limit\' (1024Mi)'],
    ['unknown preset', { resources: Resources.preset('huge' as ResourcePreset) },
      '[test/Web] \'resources\' preset ("huge") is unknown: use one of ResourcePreset.NANO, ResourcePreset.SMALL, ResourcePreset.MEDIUM, ResourcePreset.LARGE, ResourcePreset.XLARGE'],
    ['IP ingress host', { ingress: { hosts: ['10.0.0.1'] } },
      '[test/Web] \'ingress.hosts\' entry ("10.0.0.1") must be a lower-case DNS name (e.g. \'app.example.com\') or a \'*.\' wildcard, not an IP address'],
    ['upper-case ingress host', { ingress: { hosts: ['Shop.Example.com'] } },
      '[test/Web] \'ingress.hosts\' entry ("Shop.Example.com") must be a lower-case DNS name (e.g. \'app.example.com\') or a \'*.\' wildcard, not an IP address'],
    ['probe port missing', { health: HealthCheck.http('/healthz', { port: 'admin' }) },
      '[test/Web] \'health\' probes port "admin" but the container has no port of that name (ports: "http"); add a named port or use HealthCheck.exec()/HealthCheck.none()'],
    ['root user', { security: { user: 0 } }, '[test/Web] \'security.user\' (0) must not be root: use a non-zero UID such as 10001'],
    ['missing secret source', { secretEnv: { X: SecretEnvValue.fromSourceForDevelopment(SecretSource.fromEnvironment('TEST_WEB_UNSET_VAR')) } },
      '[test/Web] \'secretEnv.X\' reads environment variable "TEST_WEB_UNSET_VAR", which is missing or empty; set it before synthesizing or reference an existing Secret with SecretEnvValue.fromSecretName()'],
    ['plain string secret', { secretEnv: { X: 'hunter2' } },
      '[test/Web] \'secretEnv.X\' must be a SecretEnvValue: use SecretEnvValue.fromSecretName() or SecretEnvValue.fromSourceForDevelopment()'],
  ])('%s', (_name, props, message) => {
    expect(error(props as Record<string, unknown>)).toBe(message);
  });

  test('duplicate env var through addEnv', () => {
    const chart = Testing.chart();
    const web = new WebApp(chart, 'Web', { image: IMAGE, config: { A: '1' } });
    expect(() => web.addEnv('A', '2')).toThrow('[test/Web] \'config\' key "A" is already set; each variable can be set once');
  });
});
