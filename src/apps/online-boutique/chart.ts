import { Chart, ChartProps, Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import {
  Cpu, ExternalObjects, HealthCheck, Image, NetworkPeer, Resources, ServiceType, VolumeSource, WebApp, Worker,
} from '../../index';

/** Properties of the Online Boutique example chart. */
export interface OnlineBoutiqueChartProps extends ChartProps {
  /**
   * The image tag of every Online Boutique service.
   * @default 'v0.10.2'
   */
  readonly version?: string;
}

/** One gRPC service of the shop: its port, Service port, environment, resources and probe timing. */
interface GrpcService {
  readonly id: string;
  readonly port: number;
  readonly servicePort: number;
  readonly cpu: [number, number];
  readonly memoryMiB: [number, number];
  readonly probePeriod?: number;
  readonly probeDelay?: number;
  readonly env?: Record<string, string>;
}

/** Requests and limits as in the original manifests. */
function resources(cpu: [number, number], memoryMiB: [number, number]): Resources {
  return Resources.of({
    cpu: { request: Cpu.millis(cpu[0]), limit: Cpu.millis(cpu[1]) },
    memory: { request: Size.mebibytes(memoryMiB[0]), limit: Size.mebibytes(memoryMiB[1]) },
  });
}

/**
 * Google's Online Boutique (GoogleCloudPlatform/microservices-demo, `release/kubernetes-manifests.yaml`):
 * ten gRPC services, the frontend with an internal and an external Service, the Redis cart and the
 * load generator, written only with the public API.
 *
 * What carries over: images, container and Service ports, environment variable names (the
 * `*_SERVICE_ADDR` values point at this chart's Services), gRPC and HTTP probes with the original
 * timing and the frontend's probe cookie, requests and limits, the 5-second termination grace
 * period, the Istio probe-rewrite annotation, the frontend's LoadBalancer, the cart's `/data`
 * emptyDir and the load generator's init container. Deliberate differences: the recommended labels
 * and generated names, UID 10001 (the originals run as 1000; Redis as its image user 999), soft
 * spreading, PodDisruptionBudgets with 2 replicas, and NetworkPolicies (the original has none): each
 * service's pods admit only its callers (`inbound` and `allowFrom`, derived from the `*_SERVICE_ADDR`
 * and `REDIS_ADDR` variables and the load generator's `FRONTEND_ADDR`), and the frontend also any
 * address, for its LoadBalancer.
 */
export class OnlineBoutiqueChart extends Chart {
  /** The services by their original names (`frontend`, `cartservice`, ...). */
  public readonly services: Readonly<Record<string, WebApp>>;
  /** The load generator. */
  public readonly loadGenerator: Worker;

  constructor(scope: Construct, id: string, props: OnlineBoutiqueChartProps = {}) {
    super(scope, id, { namespace: 'online-boutique', ...props });
    ExternalObjects.of(this).declare({ kind: 'Namespace', name: this.namespace! });
    const version = props.version ?? 'v0.10.2';
    const image = (name: string) => Image.of(`us-central1-docker.pkg.dev/google-samples/microservices-demo/${name}:${version}`);
    const common = {
      partOf: 'online-boutique',
      terminationGracePeriod: Duration.seconds(5),
    };
    const services: Record<string, WebApp> = {};
    const address = (name: string) => `${services[name].service.name}:${services[name].servicePort}`;
    // Who calls whom: each workload with the environment that holds its callees' addresses.
    const callers: Array<[WebApp | Worker, Record<string, string>]> = [];

    // Redis for the cart: a plain Redis without a password, as in the original, on an emptyDir.
    services['redis-cart'] = new WebApp(this, 'RedisCart', {
      ...common,
      appName: 'redis-cart',
      component: 'cache',
      image: Image.of('redis:7.4.1-alpine'),
      ports: [{ name: 'redis', number: 6379 }],
      servicePort: 6379,
      health: HealthCheck.tcp({ readiness: { period: Duration.seconds(5) }, liveness: { period: Duration.seconds(5) }, startup: { enabled: false } }),
      resources: resources([70, 125], [200, 256]),
      security: { user: 999, group: 999 },
      volumes: [{ name: 'redis-data', path: '/data', source: VolumeSource.emptyDir() }],
      replicas: 1,
      inbound: {},
    });

    // The gRPC services that depend on nothing but each other (created first, then referenced by address).
    const leaves: GrpcService[] = [
      { id: 'productcatalogservice', port: 3550, servicePort: 3550, cpu: [100, 200], memoryMiB: [64, 128] },
      { id: 'currencyservice', port: 7000, servicePort: 7000, cpu: [100, 200], memoryMiB: [64, 128], env: { PORT: '7000', DISABLE_PROFILER: '1' } },
      { id: 'paymentservice', port: 50051, servicePort: 50051, cpu: [100, 200], memoryMiB: [64, 128], env: { PORT: '50051', DISABLE_PROFILER: '1' } },
      { id: 'shippingservice', port: 50051, servicePort: 50051, cpu: [100, 200], memoryMiB: [64, 128], env: { PORT: '50051', DISABLE_PROFILER: '1' } },
      { id: 'emailservice', port: 8080, servicePort: 5000, cpu: [100, 200], memoryMiB: [64, 128], probePeriod: 5, env: { PORT: '8080', DISABLE_PROFILER: '1' } },
      { id: 'adservice', port: 9555, servicePort: 9555, cpu: [200, 300], memoryMiB: [180, 300], probePeriod: 15, probeDelay: 20, env: { PORT: '9555' } },
    ];
    const grpc = (s: GrpcService) => {
      services[s.id] = this.grpcService(s, image, common);
      callers.push([services[s.id], s.env ?? {}]);
    };
    leaves.forEach(grpc);
    grpc({
      id: 'cartservice', port: 7070, servicePort: 7070, cpu: [200, 300], memoryMiB: [64, 128], probePeriod: 10, probeDelay: 15,
      env: { REDIS_ADDR: address('redis-cart') },
    });
    grpc({
      id: 'recommendationservice', port: 8080, servicePort: 8080, cpu: [100, 200], memoryMiB: [220, 450], probePeriod: 5,
      env: { PORT: '8080', PRODUCT_CATALOG_SERVICE_ADDR: address('productcatalogservice'), DISABLE_PROFILER: '1' },
    });
    grpc({
      id: 'checkoutservice', port: 5050, servicePort: 5050, cpu: [100, 200], memoryMiB: [64, 128],
      env: {
        PORT: '5050',
        PRODUCT_CATALOG_SERVICE_ADDR: address('productcatalogservice'),
        SHIPPING_SERVICE_ADDR: address('shippingservice'),
        PAYMENT_SERVICE_ADDR: address('paymentservice'),
        EMAIL_SERVICE_ADDR: address('emailservice'),
        CURRENCY_SERVICE_ADDR: address('currencyservice'),
        CART_SERVICE_ADDR: address('cartservice'),
      },
    });

    // The frontend: HTTP probes with the session cookie, an internal ClusterIP and the external LoadBalancer.
    const probe = { initialDelay: Duration.seconds(10) };
    const frontendConfig = {
      PORT: '8080',
      PRODUCT_CATALOG_SERVICE_ADDR: address('productcatalogservice'),
      CURRENCY_SERVICE_ADDR: address('currencyservice'),
      CART_SERVICE_ADDR: address('cartservice'),
      RECOMMENDATION_SERVICE_ADDR: address('recommendationservice'),
      SHIPPING_SERVICE_ADDR: address('shippingservice'),
      CHECKOUT_SERVICE_ADDR: address('checkoutservice'),
      AD_SERVICE_ADDR: address('adservice'),
      ENABLE_PROFILER: '0',
    };
    services.frontend = new WebApp(this, 'Frontend', {
      ...common,
      appName: 'frontend',
      image: image('frontend'),
      ports: [{ name: 'http', number: 8080 }],
      health: HealthCheck.http('/_healthz', {
        headers: { Cookie: 'shop_session-id=x-readiness-probe' },
        readiness: probe, liveness: probe, startup: { enabled: false },
      }),
      resources: resources([100, 200], [64, 128]),
      podAnnotations: { 'sidecar.istio.io/rewriteAppHTTPProbers': 'true' },
      config: frontendConfig,
      additionalServices: {
        External: { type: ServiceType.LOAD_BALANCER, name: 'frontend-external', ports: [{ port: 80, targetPort: 'http' }] },
      },
      // The LoadBalancer forwards traffic from outside the cluster, from any address.
      inbound: { peers: [NetworkPeer.anyAddress()] },
    });
    callers.push([services.frontend, frontendConfig]);
    this.services = services;

    // The load generator waits until the frontend answers, then sends traffic.
    const frontendAddress = address('frontend');
    this.loadGenerator = new Worker(this, 'LoadGenerator', {
      ...common,
      appName: 'loadgenerator',
      component: 'load',
      image: image('loadgenerator'),
      replicas: 1,
      resources: resources([300, 500], [256, 512]),
      podAnnotations: { 'sidecar.istio.io/rewriteAppHTTPProbers': 'true' },
      config: { FRONTEND_ADDR: frontendAddress, USERS: '10' },
      initContainers: [{
        name: 'frontend-check',
        image: Image.of('busybox:1.36.1'),
        command: ['/bin/sh', '-exc', `MAX_RETRIES=12; RETRY_INTERVAL=10; for i in $(seq 1 $MAX_RETRIES); do
  echo "Attempt $i: Pinging frontend: ${frontendAddress}..."
  STATUSCODE=$(wget --server-response http://${frontendAddress} 2>&1 | awk '/^  HTTP/{print $2}')
  if [ "$STATUSCODE" -eq 200 ]; then echo "Frontend is reachable."; exit 0; fi
  echo "Error: Could not reach frontend - Status code: \${STATUSCODE}"; sleep $RETRY_INTERVAL
done
echo "Failed to reach frontend after $MAX_RETRIES attempts."; exit 1`],
        resources: resources([10, 50], [16, 32]),
        appEnv: false,
        appVolumes: false,
      }],
    });

    // Each service admits exactly its callers: those whose environment holds its address.
    const byAddress = new Map(Object.keys(services).map((name) => [address(name), services[name]] as const));
    callers.push([this.loadGenerator, { FRONTEND_ADDR: frontendAddress }]);
    for (const [caller, env] of callers) {
      for (const [name, value] of Object.entries(env)) {
        if (!name.endsWith('_ADDR')) {
          continue;
        }
        const callee = byAddress.get(value);
        if (callee === undefined) {
          throw new Error(`${caller.node.path}: ${name} (${value}) is the address of no service of the chart`);
        }
        callee.allowFrom(caller);
      }
    }
  }

  /** A gRPC service: gRPC probes on its port (no startup probe, as in the original). */
  private grpcService(s: GrpcService, image: (name: string) => Image, common: object): WebApp {
    const timing = {
      ...(s.probePeriod !== undefined ? { period: Duration.seconds(s.probePeriod) } : {}),
      ...(s.probeDelay !== undefined ? { initialDelay: Duration.seconds(s.probeDelay) } : {}),
    };
    return new WebApp(this, pascal(s.id), {
      ...common,
      appName: s.id,
      image: image(s.id),
      ports: [{ name: 'grpc', number: s.port }],
      servicePort: s.servicePort,
      health: HealthCheck.grpc({ readiness: timing, liveness: timing, startup: { enabled: false } }),
      resources: resources(s.cpu, s.memoryMiB),
      config: s.env,
      inbound: {},
    });
  }
}

/** `productcatalogservice` → `Productcatalogservice` (a construct id). */
function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
