import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { k8s } from '../core/plus';
import { wholeSeconds } from './durations';
import { namedPort } from './ports';
import { checkMadeWith, PropNames, propNamesOf, withOptions } from '../core/prop-names';

/** Timing and thresholds of one probe. */
export interface ProbeSettings {
  /**
   * Whether this probe is rendered.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * HTTP path of this probe (HTTP checks only).
   * @default - the health check's path
   */
  readonly path?: string;
  /**
   * Delay after the container starts before the first probe.
   * @default Duration.seconds(0)
   */
  readonly initialDelay?: Duration;
  /**
   * How often to probe.
   * @default - 10 seconds (readiness, liveness), 5 seconds (startup)
   */
  readonly period?: Duration;
  /**
   * Probe timeout.
   * @default Duration.seconds(2)
   */
  readonly timeout?: Duration;
  /**
   * Consecutive failures before the probe fails.
   * @default - 3 (readiness, liveness), 30 (startup: 150 seconds to start)
   */
  readonly failureThreshold?: number;
}

/** Options of a health check, shared by all its probes, with per-probe overrides. */
export interface HealthCheckOptions {
  /**
   * The name of the container port to probe (HTTP and TCP checks).
   * @default - the first port of the container
   */
  readonly port?: string;
  /**
   * Overrides for the readiness probe (removes the pod from Service endpoints while failing).
   * @default - enabled, 10s period, 2s timeout, 3 failures
   */
  readonly readiness?: ProbeSettings;
  /**
   * Overrides for the liveness probe (restarts the container while failing).
   * @default - enabled, 10s period, 2s timeout, 3 failures
   */
  readonly liveness?: ProbeSettings;
  /**
   * Overrides for the startup probe (holds the other probes until the app has started).
   * @default - enabled, 5s period, 2s timeout, 30 failures
   */
  readonly startup?: ProbeSettings;
}

/** The scheme of HTTP probes. */
export enum HttpScheme {
  /** Plain HTTP. */
  HTTP = 'HTTP',
  /** HTTPS; the kubelet does not verify the certificate. */
  HTTPS = 'HTTPS',
}

/** Options of an HTTP health check. */
export interface HttpHealthCheckOptions extends HealthCheckOptions {
  /**
   * The scheme the kubelet connects with.
   * @default HttpScheme.HTTP
   */
  readonly scheme?: HttpScheme;
  /**
   * Request headers, e.g. `{ Host: 'shop.example.com' }` for an app that routes by host name.
   * @default - none
   */
  readonly headers?: Record<string, string>;
}

/** Options of a gRPC health check. */
export interface GrpcHealthCheckOptions extends HealthCheckOptions {
  /**
   * The service name sent in the `grpc.health.v1.Health/Check` request.
   * @default - the server's overall health (the empty service name)
   * @see https://github.com/grpc/grpc/blob/master/doc/health-checking.md
   */
  readonly service?: string;
}

/** The three probe kinds. */
export enum ProbeKind {
  /** Readiness probe. */
  READINESS = 'readiness',
  /** Liveness probe. */
  LIVENESS = 'liveness',
  /** Startup probe. */
  STARTUP = 'startup',
}

enum CheckType { HTTP, TCP, EXEC, GRPC, NONE }

/** An HTTP header field name as the API server accepts it (`IsHTTPHeaderName`, k8s.io/apimachinery validation). */
const HTTP_HEADER_NAME = /^[-A-Za-z0-9]+$/;

const PROBE_NAMES = propNamesOf<ProbeSettings>('ProbeSettings', {
  enabled: true, path: true, initialDelay: true, period: true, timeout: true, failureThreshold: true,
});
const PROBES = { readiness: PROBE_NAMES, liveness: PROBE_NAMES, startup: PROBE_NAMES };
const BASE_NAMES: PropNames = propNamesOf<HealthCheckOptions>('HealthCheckOptions', { port: true, readiness: true, liveness: true, startup: true }, PROBES);
const HTTP_NAMES: PropNames = propNamesOf<HttpHealthCheckOptions>('HttpHealthCheckOptions', {
  port: true, readiness: true, liveness: true, startup: true, scheme: true, headers: true,
}, PROBES);
const GRPC_NAMES: PropNames = propNamesOf<GrpcHealthCheckOptions>('GrpcHealthCheckOptions', {
  port: true, readiness: true, liveness: true, startup: true, service: true,
}, PROBES);

/**
 * How the platform checks that the container is healthy; one check yields readiness, liveness
 * and startup probes on the app's named port.
 *
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
 */
export class HealthCheck {
  /**
   * HTTP GET probes on `path` (e.g. `/healthz`); per-probe `path` overrides (e.g. readiness on
   * `/readyz`); `scheme` and `headers` for every probe.
   */
  public static http(path: string, options: HttpHealthCheckOptions = {}): HealthCheck {
    return withOptions(new HealthCheck(CheckType.HTTP, options, path), options, HTTP_NAMES);
  }

  /**
   * gRPC health checking protocol probes (`grpc.health.v1.Health/Check`) on the named port; the
   * probe renders the port's number, as the API requires.
   *
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-a-grpc-liveness-probe
   */
  public static grpc(options: GrpcHealthCheckOptions = {}): HealthCheck {
    return withOptions(new HealthCheck(CheckType.GRPC, options), options, GRPC_NAMES);
  }

  /** TCP connect probes on the named port. */
  public static tcp(options: HealthCheckOptions = {}): HealthCheck {
    return withOptions(new HealthCheck(CheckType.TCP, options), options, BASE_NAMES);
  }

  /** Probes that run a command in the container (exit code 0 = healthy). */
  public static exec(command: string[], options: HealthCheckOptions = {}): HealthCheck {
    return withOptions(new HealthCheck(CheckType.EXEC, options, undefined, command), options, BASE_NAMES);
  }

  /** No probes. */
  public static none(): HealthCheck {
    return new HealthCheck(CheckType.NONE, {});
  }

  private constructor(
    private readonly type: CheckType,
    private readonly options: HealthCheckOptions & HttpHealthCheckOptions & GrpcHealthCheckOptions,
    private readonly path?: string,
    private readonly command?: string[]) {
  }

  /** Whether this check probes a container port. */
  public get usesPort(): boolean {
    return this.type === CheckType.HTTP || this.type === CheckType.TCP || this.type === CheckType.GRPC;
  }

  /**
   * Checks the options against the container's port names; returns the port name probed.
   *
   * @internal
   */
  public _validate(scope: IConstruct, prop: string, portNames: string[]): string | undefined {
    if (this.type === CheckType.EXEC && (this.command ?? []).length === 0) {
      throw new ValidationError(scope, `'${prop}' exec command must not be empty`);
    }
    this.validateHttp(scope, prop);   // scheme and headers on another check get their own message
    checkMadeWith(scope, prop, this);
    if (this.options.service !== undefined && typeof this.options.service !== 'string') {
      throw new ValidationError(scope, `'${prop}.service' (${JSON.stringify(this.options.service)}) must be a string: the gRPC service name`);
    }
    for (const kind of Object.values(ProbeKind)) {
      const settings = this.options[kind];
      const path = settings?.path ?? this.path;
      if (this.type === CheckType.HTTP && (path === undefined || !path.startsWith('/'))) {
        throw new ValidationError(scope, `'${prop}' ${kind} path (${JSON.stringify(path)}) must start with '/'`);
      }
      const threshold = settings?.failureThreshold;
      if (threshold !== undefined && (!Number.isInteger(threshold) || threshold < 1)) {
        throw new ValidationError(scope, `'${prop}.${kind}.failureThreshold' (${threshold}) must be an integer >= 1`);
      }
      for (const [field, min] of [['initialDelay', 0], ['period', 1], ['timeout', 1]] as const) {
        if (settings?.[field] !== undefined) {
          wholeSeconds(scope, `${prop}.${kind}.${field}`, settings[field], min);
        }
      }
    }
    if (!this.usesPort) {
      return undefined;
    }
    return namedPort(scope, prop, 'probes', this.options.port, portNames, 'HealthCheck.exec()/HealthCheck.none()');
  }

  private validateHttp(scope: IConstruct, prop: string): void {
    const { scheme, headers } = this.options;
    if (this.type !== CheckType.HTTP && (scheme !== undefined || headers !== undefined)) {
      throw new ValidationError(scope, `'${prop}' ${scheme !== undefined ? 'scheme' : 'headers'} apply to HTTP checks only: use HealthCheck.http()`);
    }
    if (scheme !== undefined && !Object.values(HttpScheme).includes(scheme)) {
      throw new ValidationError(scope, `'${prop}.scheme' (${JSON.stringify(scheme)}) must be HttpScheme.HTTP or HttpScheme.HTTPS`);
    }
    for (const [name, value] of Object.entries(headers ?? {})) {
      if (!HTTP_HEADER_NAME.test(name)) {
        throw new ValidationError(scope, `'${prop}.headers' key (${JSON.stringify(name)}) must be an HTTP header field name: `
          + 'letters, digits and \'-\' (e.g. \'X-Forwarded-Proto\')');
      }
      if (typeof value !== 'string') {
        throw new ValidationError(scope, `'${prop}.headers.${name}' (${JSON.stringify(value) ?? String(value)}) must be a string`);
      }
    }
  }

  /**
   * Renders one probe, or `undefined` when disabled.
   *
   * @param port the name of the probed port (HTTP, TCP, gRPC)
   * @param portNumber its number (gRPC probes take a number, not a name)
   * @internal
   */
  public _toKube(kind: ProbeKind, port: string | undefined, portNumber?: number): k8s.Probe | undefined {
    const settings = this.options[kind] ?? {};
    if (this.type === CheckType.NONE || settings.enabled === false) {
      return undefined;
    }
    const isStartup = kind === ProbeKind.STARTUP;
    const portRef = k8s.IntOrString.fromString(port ?? '');
    return {
      httpGet: this.type === CheckType.HTTP ? {
        path: settings.path ?? this.path,
        port: portRef,
        ...(this.options.scheme !== undefined ? { scheme: this.options.scheme } : {}),
        ...(this.options.headers !== undefined
          ? { httpHeaders: Object.entries(this.options.headers).map(([name, value]) => ({ name, value })) } : {}),
      } : undefined,
      tcpSocket: this.type === CheckType.TCP ? { port: portRef } : undefined,
      grpc: this.type === CheckType.GRPC
        ? { port: portNumber ?? 0, ...(this.options.service !== undefined ? { service: this.options.service } : {}) } : undefined,
      exec: this.type === CheckType.EXEC ? { command: [...this.command ?? []] } : undefined,
      initialDelaySeconds: settings.initialDelay?.toSeconds() ?? 0,
      periodSeconds: settings.period?.toSeconds() ?? (isStartup ? 5 : 10),
      timeoutSeconds: settings.timeout?.toSeconds() ?? 2,
      failureThreshold: settings.failureThreshold ?? (isStartup ? 30 : 3),
      successThreshold: 1,
    };
  }
}
