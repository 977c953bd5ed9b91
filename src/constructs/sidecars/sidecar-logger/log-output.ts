import { Duration, Size } from 'cdk8s';
import { IConstruct } from 'constructs';
import { SecretKeyRef } from '../../networking/connection';
import { ValidationError } from '../../core/errors';
import { NetworkPeer } from '../../networking/network-policy';
import { checkConfigValue, FluentBitSection } from './fluent-bit-config';
import { wholeSeconds } from '../../pod/durations';
import { checkWholeSize } from '../../pod/resources';
import { PropNames, unknownPropProblem } from '../../core/prop-names';
import { LOG_OUTPUT_NAMES } from '../sidecar-prop-names';

/** Options shared by every output. */
export interface LogOutputOptions {
  /**
   * The tag pattern of the records sent to this output (`*` wildcards).
   * @default '*'
   */
  readonly match?: string;
}

/** Options of an output that sends the records over the network. */
export interface RemoteOutputOptions extends LogOutputOptions {
  /**
   * Where the endpoint is, for the NetworkPolicy that lets the shipper reach it once the pod's
   * egress is isolated (`connectTo`, `allowEgress`): the endpoint's port is opened to this peer.
   * Narrow it to the log store's pods or addresses when you know them.
   * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
   * @default NetworkPeer.anyAddress() - the endpoint's port to any address (a host known by its
   * DNS name, in or outside the cluster, has no fixed address)
   */
  readonly destination?: NetworkPeer;
}

/** Options of an HTTP-based output with optional basic authentication. */
export interface AuthenticatedOutputOptions extends RemoteOutputOptions {
  /** The endpoint URL, `http://` or `https://` (TLS is enabled for https). */
  readonly url: string;
  /**
   * The basic-auth user (not a secret).
   * @default - no basic authentication
   */
  readonly user?: string;
  /**
   * The basic-auth password, a key of an existing Secret (never written into the ConfigMap).
   * @default - no password
   */
  readonly password?: SecretKeyRef;
}

/** Options of an Elasticsearch or OpenSearch output. */
export interface SearchOutputOptions extends AuthenticatedOutputOptions {
  /**
   * The index the records are written to.
   * @default 'logs'
   */
  readonly index?: string;
}

/** Options of a Grafana Loki output. */
export interface LokiOutputOptions extends AuthenticatedOutputOptions {
  /**
   * Static stream labels.
   * @default { job: 'fluent-bit' }
   */
  readonly labels?: Record<string, string>;
  /**
   * The tenant (`X-Scope-OrgID`) in a multi-tenant Loki.
   * @default - no tenant
   */
  readonly tenantId?: string;
}

/** Body formats of the HTTP output. */
export enum HttpOutputFormat {
  /** One JSON array per request. */
  JSON = 'json',
  /** One JSON object per line. */
  JSON_LINES = 'json_lines',
  /** MessagePack. */
  MSGPACK = 'msgpack',
}

/** Options of a generic HTTP output. */
export interface HttpOutputOptions extends AuthenticatedOutputOptions {
  /**
   * The body format.
   * @default HttpOutputFormat.JSON_LINES
   */
  readonly format?: HttpOutputFormat;
  /**
   * Extra request headers (not secrets).
   * @default - none
   */
  readonly headers?: Record<string, string>;
  /**
   * A bearer token sent as `Authorization: Bearer <token>`, a key of an existing Secret.
   * @default - no token
   */
  readonly bearerToken?: SecretKeyRef;
}

/** Options of an Amazon S3 (or S3-compatible) output. */
export interface S3OutputOptions extends RemoteOutputOptions {
  /** The bucket name. */
  readonly bucket: string;
  /** The bucket region, e.g. `eu-west-1`. */
  readonly region: string;
  /**
   * The key prefix of the uploaded objects.
   * @default 'logs'
   */
  readonly prefix?: string;
  /**
   * An S3-compatible endpoint URL (MinIO, Ceph…).
   * @default - AWS S3
   */
  readonly endpoint?: string;
  /**
   * Access key id and secret access key, keys of existing Secrets.
   * @default - the AWS default chain (e.g. IRSA web identity)
   */
  readonly credentials?: { readonly accessKeyId: SecretKeyRef; readonly secretAccessKey: SecretKeyRef };
  /**
   * Upload when a file reaches this size.
   * @default Size.mebibytes(50)
   */
  readonly totalFileSize?: Size;
  /**
   * Upload at least this often.
   * @default Duration.minutes(10)
   */
  readonly uploadTimeout?: Duration;
}

/** Formats of the stdout output. */
export enum StdoutFormat {
  /** One JSON object per line. */
  JSON_LINES = 'json_lines',
  /** Fluent Bit's msgpack dump. */
  MSGPACK = 'msgpack',
}

/**
 * The rendered output: its section and the Secret keys it reads through environment variables.
 *
 * @internal
 */
export interface RenderedOutput {
  /** The `[OUTPUT]` section. */
  readonly section: FluentBitSection;
  /** Environment variables read from Secrets (referenced as `${VAR}` in the section). */
  readonly secretEnv: Record<string, SecretKeyRef>;
  /** The TCP port and peer the shipper must reach; none for outputs that stay in the pod (stdout). */
  readonly egress?: { readonly port: number; readonly destination: NetworkPeer };
}

enum OutputType { STDOUT, ELASTICSEARCH, OPENSEARCH, LOKI, HTTP, S3 }

/** The option names of an output type (for the unknown-prop check). */
function optionNames(type: OutputType): PropNames {
  switch (type) {
    case OutputType.STDOUT: return LOG_OUTPUT_NAMES.stdout;
    case OutputType.ELASTICSEARCH:
    case OutputType.OPENSEARCH: return LOG_OUTPUT_NAMES.search;
    case OutputType.LOKI: return LOG_OUTPUT_NAMES.loki;
    case OutputType.HTTP: return LOG_OUTPUT_NAMES.http;
    default: return LOG_OUTPUT_NAMES.s3;
  }
}

const TYPE_NAMES: Record<OutputType, string> = {
  [OutputType.STDOUT]: 'stdout',
  [OutputType.ELASTICSEARCH]: 'Elasticsearch',
  [OutputType.OPENSEARCH]: 'OpenSearch',
  [OutputType.LOKI]: 'Loki',
  [OutputType.HTTP]: 'HTTP',
  [OutputType.S3]: 'S3',
};

const FACTORIES: Record<OutputType, string> = {
  [OutputType.STDOUT]: 'LogOutput.stdout()',
  [OutputType.ELASTICSEARCH]: 'LogOutput.elasticsearch({ url: \'https://es.logging:9200\' })',
  [OutputType.OPENSEARCH]: 'LogOutput.openSearch({ url: \'https://opensearch.logging:9200\' })',
  [OutputType.LOKI]: 'LogOutput.loki({ url: \'http://loki.monitoring:3100\' })',
  [OutputType.HTTP]: 'LogOutput.http({ url: \'https://collector.example.com/logs\' })',
  [OutputType.S3]: 'LogOutput.s3({ bucket: \'my-logs\', region: \'eu-west-1\' })',
};

/**
 * Where the shipper sends the records (a Fluent Bit `[OUTPUT]`). Credentials are keys of
 * existing Secrets, passed to the container as `secretKeyRef` environment variables and referenced
 * as `${VAR}` in the configuration, so no secret value is written into the ConfigMap.
 *
 * @see https://docs.fluentbit.io/manual/pipeline/outputs
 */
export class LogOutput {
  /** The container's standard output (read by the node's log collector, `kubectl logs`). */
  public static stdout(options: LogOutputOptions & { readonly format?: StdoutFormat } = {}): LogOutput {
    return new LogOutput(OutputType.STDOUT, options);
  }

  /** Elasticsearch (`es` plugin). */
  public static elasticsearch(options: SearchOutputOptions): LogOutput {
    return new LogOutput(OutputType.ELASTICSEARCH, options);
  }

  /** OpenSearch (`opensearch` plugin). */
  public static openSearch(options: SearchOutputOptions): LogOutput {
    return new LogOutput(OutputType.OPENSEARCH, options);
  }

  /** Grafana Loki (`loki` plugin). */
  public static loki(options: LokiOutputOptions): LogOutput {
    return new LogOutput(OutputType.LOKI, options);
  }

  /** Any HTTP endpoint (`http` plugin). */
  public static http(options: HttpOutputOptions): LogOutput {
    return new LogOutput(OutputType.HTTP, options);
  }

  /** Amazon S3 or an S3-compatible store (`s3` plugin). */
  public static s3(options: S3OutputOptions): LogOutput {
    return new LogOutput(OutputType.S3, options);
  }

  private constructor(private readonly type: OutputType, private readonly options: LogOutputOptions) {
  }

  /** The kind of output, for messages (`Loki`, `S3`…). */
  public get kind(): string {
    return TYPE_NAMES[this.type];
  }

  /**
   * Validates and renders the `[OUTPUT]` section; `index` names its environment variables.
   *
   * @internal
   */
  public _render(scope: IConstruct, prop: string, index: number, stateDir: string): RenderedOutput {
    const unknown = unknownPropProblem(this.options, optionNames(this.type), `${prop}.`);
    if (unknown !== undefined) {
      throw new ValidationError(scope, unknown);
    }
    const match = checkConfigValue(scope, `${prop}.match`, this.options.match ?? '*');
    const entries: Array<[string, string]> = [];
    const secretEnv: Record<string, SecretKeyRef> = {};
    const secret = (suffix: string, ref: SecretKeyRef, field: string): string => {
      checkSecretRef(scope, `${prop}.${field}`, ref);
      const name = `LOG_OUTPUT_${index}_${suffix}`;
      secretEnv[name] = { secretName: ref.secretName, key: ref.key };
      return `\${${name}}`;
    };
    let port: string | undefined;
    switch (this.type) {
      case OutputType.STDOUT: {
        const format = (this.options as { format?: StdoutFormat }).format ?? StdoutFormat.JSON_LINES;
        entries.push(['Name', 'stdout'], ['Match', match], ['Format', format]);
        break;
      }
      case OutputType.ELASTICSEARCH:
      case OutputType.OPENSEARCH: {
        const o = this.options as SearchOutputOptions;
        const url = this.url(scope, prop, o.url);
        port = url.port;
        entries.push(['Name', this.type === OutputType.ELASTICSEARCH ? 'es' : 'opensearch'], ['Match', match],
          ['Host', url.host], ['Port', url.port], ...pathEntry('Path', url.path),
          ['Index', checkConfigValue(scope, `${prop}.index`, o.index ?? 'logs')],
          ['Suppress_Type_Name', 'On'], ['Replace_Dots', 'On'], ['tls', url.tls ? 'On' : 'Off']);
        basicAuth(entries, 'HTTP_User', 'HTTP_Passwd', o, p => secret('PASSWORD', p, 'password'), scope, prop);
        break;
      }
      case OutputType.LOKI: {
        const o = this.options as LokiOutputOptions;
        const url = this.url(scope, prop, o.url);
        port = url.port;
        const labels = Object.entries(o.labels ?? { job: 'fluent-bit' }).map(([k, v]) => {
          if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(k) || /[,\r\n]/.test(v) || v === '') {
            throw new ValidationError(scope, `'${prop}.labels' entry ${JSON.stringify(`${k}=${v}`)} is invalid: keys are Prometheus label names, values are non-empty without ','`);
          }
          return `${k}=${v}`;
        });
        entries.push(['Name', 'loki'], ['Match', match], ['Host', url.host], ['Port', url.port],
          ['Uri', url.path === '/' ? '/loki/api/v1/push' : url.path], ['tls', url.tls ? 'On' : 'Off'],
          ['Labels', labels.join(', ')], ['Line_Format', 'json']);
        if (o.tenantId !== undefined) {
          entries.push(['Tenant_ID', checkConfigValue(scope, `${prop}.tenantId`, o.tenantId)]);
        }
        basicAuth(entries, 'Http_User', 'Http_Passwd', o, p => secret('PASSWORD', p, 'password'), scope, prop);
        break;
      }
      case OutputType.HTTP: {
        const o = this.options as HttpOutputOptions;
        const url = this.url(scope, prop, o.url);
        port = url.port;
        entries.push(['Name', 'http'], ['Match', match], ['Host', url.host], ['Port', url.port], ['Uri', url.path],
          ['Format', o.format ?? HttpOutputFormat.JSON_LINES], ['tls', url.tls ? 'On' : 'Off']);
        for (const [name, value] of Object.entries(o.headers ?? {})) {
          if (!/^[A-Za-z0-9-]+$/.test(name)) {
            throw new ValidationError(scope, `'${prop}.headers' name (${JSON.stringify(name)}) must be letters, digits or '-'`);
          }
          entries.push(['Header', `${name} ${checkConfigValue(scope, `${prop}.headers.${name}`, value)}`]);
        }
        if (o.bearerToken) {
          entries.push(['Header', `Authorization Bearer ${secret('TOKEN', o.bearerToken, 'bearerToken')}`]);
        }
        basicAuth(entries, 'Http_User', 'Http_Passwd', o, p => secret('PASSWORD', p, 'password'), scope, prop);
        break;
      }
      case OutputType.S3: {
        const o = this.options as S3OutputOptions;
        if (typeof o.bucket !== 'string' || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(o.bucket)) {
          throw new ValidationError(scope, `'${prop}.bucket' (${JSON.stringify(o.bucket)}) is required for an S3 output and must be a bucket name `
            + '(3-63 lower-case letters, digits, \'.\' or \'-\')');
        }
        if (typeof o.region !== 'string' || !/^[a-z0-9-]+$/.test(o.region)) {
          throw new ValidationError(scope, `'${prop}.region' (${JSON.stringify(o.region)}) is required for an S3 output, e.g. 'eu-west-1'`);
        }
        const prefix = checkConfigValue(scope, `${prop}.prefix`, o.prefix ?? 'logs').replace(/^\/+|\/+$/g, '');
        const size = o.totalFileSize ?? Size.mebibytes(50);
        checkWholeSize(scope, `${prop}.totalFileSize`, size, 'mebibytes');
        const timeout = wholeSeconds(scope, `${prop}.uploadTimeout`, o.uploadTimeout ?? Duration.minutes(10), 1);
        entries.push(['Name', 's3'], ['Match', match], ['bucket', o.bucket], ['region', o.region],
          ['total_file_size', `${size.toMebibytes()}M`], ['upload_timeout', `${timeout}s`],
          ['use_put_object', 'On'], ['compression', 'gzip'],
          ['s3_key_format', `/${prefix}/%Y/%m/%d/%H%M%S-$UUID.gz`], ['store_dir', `${stateDir}/s3-${index}`]);
        port = '443';
        if (o.endpoint !== undefined) {
          const url = this.url(scope, `${prop}.endpoint`, o.endpoint, true);
          entries.push(['endpoint', url.raw]);
          port = url.port;
        }
        if (o.credentials) {
          checkSecretRef(scope, `${prop}.credentials.accessKeyId`, o.credentials.accessKeyId);
          checkSecretRef(scope, `${prop}.credentials.secretAccessKey`, o.credentials.secretAccessKey);
          // The AWS credential chain of the plugin reads these two variables.
          secretEnv.AWS_ACCESS_KEY_ID = { ...o.credentials.accessKeyId };
          secretEnv.AWS_SECRET_ACCESS_KEY = { ...o.credentials.secretAccessKey };
        }
        break;
      }
    }
    return { section: { name: 'OUTPUT', entries }, secretEnv, ...this.egress(scope, prop, port) };
  }

  /** The egress of a remote output: its port and destination (checked). */
  private egress(scope: IConstruct, prop: string, port: string | undefined): Pick<RenderedOutput, 'egress'> {
    if (port === undefined) {
      return {};
    }
    const destination = (this.options as RemoteOutputOptions).destination ?? NetworkPeer.anyAddress();
    if (!(destination instanceof NetworkPeer)) {
      throw new ValidationError(scope, `'${prop}.destination' must be a NetworkPeer: use NetworkPeer.pods(), .namespace(), .cidrs() or .anyAddress()`);
    }
    destination._validate(scope, `${prop}.destination`);
    return { egress: { port: Number(port), destination } };
  }

  private url(scope: IConstruct, prop: string, value: string | undefined, isProp = false): ParsedUrl {
    const field = isProp ? prop : `${prop}.url`;
    if (value === undefined || value === null || value === '') {
      throw new ValidationError(scope, `'${field}' is required for a ${this.kind} output: e.g. ${FACTORIES[this.type]}`);
    }
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new ValidationError(scope, `'${field}' (${JSON.stringify(value)}) must be an absolute http:// or https:// URL`);
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.search || url.hash) {
      throw new ValidationError(scope, `'${field}' (${JSON.stringify(value)}) must be an http:// or https:// URL without credentials, query or fragment `
        + '(pass credentials as Secret references)');
    }
    const tls = url.protocol === 'https:';
    return { raw: value, host: url.hostname, port: url.port || (tls ? '443' : '80'), path: url.pathname || '/', tls };
  }
}

interface ParsedUrl {
  readonly raw: string;
  readonly host: string;
  readonly port: string;
  readonly path: string;
  readonly tls: boolean;
}

function pathEntry(key: string, path: string): Array<[string, string]> {
  return path === '/' ? [] : [[key, path]];
}

function basicAuth(entries: Array<[string, string]>, userKey: string, passwordKey: string, o: AuthenticatedOutputOptions,
  secret: (ref: SecretKeyRef) => string, scope: IConstruct, prop: string): void {
  if (o.password && o.user === undefined) {
    throw new ValidationError(scope, `'${prop}.password' needs '${prop}.user': basic authentication sends both`);
  }
  if (o.user !== undefined) {
    entries.push([userKey, checkConfigValue(scope, `${prop}.user`, o.user)]);
  }
  if (o.password) {
    entries.push([passwordKey, secret(o.password)]);
  }
}

function checkSecretRef(scope: IConstruct, prop: string, ref: SecretKeyRef): void {
  if (!ref || typeof ref.secretName !== 'string' || typeof ref.key !== 'string' || ref.secretName === '' || ref.key === '') {
    throw new ValidationError(scope, `'${prop}' must reference a key of an existing Secret: { secretName: 'logging-credentials', key: 'password' }`);
  }
}
