import { Duration, Size } from 'cdk8s';
import { IConstruct } from 'constructs';
import { SecretKeyRef } from '../../networking/connection';
import { ValidationError } from '../../core/errors';
import { HealthCheck } from '../../pod/health-check';
import { Image } from '../../pod/image';
import { Resources, ResourcePreset } from '../../pod/resources';
import { ISidecar, ISidecarHost } from '../sidecar';
import { SidecarTrafficRule } from '../../networking/network-policy';
import { checkAbsolutePath, checkDns1123Label, checkPortNumber, isIanaSvcName } from '../../core/validators';
import { VolumeSource } from '../../pod/volumes';
import { checkConfigValue, FluentBitSection, renderFluentBitConfig } from './fluent-bit-config';
import { LogInput } from './log-input';
import { LogOutput } from './log-output';
import { wholeSeconds } from '../../pod/durations';
import { unknownPropProblem } from '../../core/prop-names';
import { SIDECAR_LOGGER_PROP_NAMES } from '../sidecar-prop-names';

/** Fluent Bit's own log level. */
export enum FluentBitLogLevel {
  /** Errors only. */
  ERROR = 'error',
  /** Warnings and errors. */
  WARN = 'warn',
  /** Informational messages. */
  INFO = 'info',
  /** Debug output. */
  DEBUG = 'debug',
}

/** Properties of a {@link SidecarLogger}. */
export interface SidecarLoggerProps {
  /** Where the records go (at least one). */
  readonly outputs: LogOutput[];
  /**
   * The files to tail, inside `logDir`.
   * @default - every `*.log` file in `logDir`, one record per line
   */
  readonly inputs?: LogInput[];
  /**
   * The directory the app writes its log files to: an emptyDir mounted read-write in the app
   * container and read-only in the shipper.
   * @default '/var/log/app'
   */
  readonly logDir?: string;
  /**
   * Size limit of the log directory (the kubelet evicts the pod above it; rotate the files).
   * @default Size.gibibytes(1)
   */
  readonly logDirSizeLimit?: Size;
  /**
   * The shipper's container name (also the prefix of its volume names, and of its port name
   * unless `httpPortName` is set). Give each shipper of a pod its own name.
   * @default 'log-shipper'
   */
  readonly name?: string;
  /**
   * The Fluent Bit image, pinned.
   * @default SidecarLogger.DEFAULT_IMAGE (cr.fluentbit.io/fluent/fluent-bit:3.1.9)
   */
  readonly image?: Image;
  /**
   * The shipper's requests and limits.
   * @default Resources.preset(ResourcePreset.NANO)
   */
  readonly resources?: Resources;
  /**
   * The port of Fluent Bit's HTTP server (health endpoint `/api/v1/health`, metrics). Port
   * numbers are unique in the pod: a second shipper needs another one (e.g. 2021).
   * @default 2020
   */
  readonly httpPort?: number;
  /**
   * The name of that port (an IANA_SVC_NAME, unique in the pod; the probes use it).
   * @default - `fluentbit-http` for the shipper named `log-shipper`, else `<name>-http` with
   * the name cut to 10 characters (`audit-shipper` → `audit-ship-http`)
   */
  readonly httpPortName?: string;
  /**
   * How often records are flushed to the outputs.
   * @default Duration.seconds(1)
   */
  readonly flushInterval?: Duration;
  /**
   * Fluent Bit's own log level.
   * @default FluentBitLogLevel.INFO
   */
  readonly logLevel?: FluentBitLogLevel;
  /**
   * Run the shipper as a native sidecar (init container with `restartPolicy: Always`): it starts
   * before the app and stops after it, and does not keep Jobs running. Alpha in Kubernetes 1.28
   * (feature gate `SidecarContainers`): pods never start on clusters without it.
   * @default false
   */
  readonly native?: boolean;
}

/** The name of the HTTP port of the shipper named `log-shipper` (the default). */
export const FLUENT_BIT_HTTP_PORT_NAME = 'fluentbit-http';

/** The default shipper name. */
const DEFAULT_NAME = 'log-shipper';

const CONFIG_DIR = '/fluent-bit/config';
const STATE_DIR = '/fluent-bit/state';

/**
 * A log shipper sidecar: Fluent Bit tails the files the app writes to a shared emptyDir and sends
 * them to the configured outputs, so the app never knows which log store is used.
 *
 * The configuration (classic format: `fluent-bit.conf` including `inputs.conf`, `outputs.conf`,
 * and `parsers.conf`) is generated from the props into a ConfigMap the workload owns; its content
 * is part of the workload's config hash, so a change rolls the pods. Credentials are Secret keys
 * passed as environment variables and referenced as `${VAR}`. The shipper runs with the
 * workload's secure defaults (non-root, read-only root filesystem); its tail databases and buffers
 * live in a writable emptyDir. Its health endpoint backs the probes.
 *
 * ```ts
 * web.addSidecar(new SidecarLogger({
 *   inputs: [{ path: '/var/log/app/*.json', parser: LogParser.json({ timeKey: 'time' }) }],
 *   outputs: [LogOutput.loki({ url: 'http://loki.monitoring:3100' })],
 * }));
 * ```
 */
export class SidecarLogger implements ISidecar {
  /** The default Fluent Bit image. */
  public static readonly DEFAULT_IMAGE = Image.of('cr.fluentbit.io/fluent/fluent-bit:3.1.9');

  /** The container name. */
  public readonly name: string;
  /** The shared log directory. */
  public readonly logDir: string;
  /** The size limit of the log directory. */
  public readonly logDirSizeLimit: Size;
  /** The Fluent Bit image. */
  public readonly image: Image;
  /** The shipper's requests and limits. */
  public readonly resources: Resources;
  /** The HTTP server port. */
  public readonly httpPort: number;
  /** The name of the HTTP server port. */
  public readonly httpPortName: string;
  /** The name of the log directory volume (`app-logs` for the shipper named `log-shipper`, else `<name>-logs`). */
  public readonly logVolumeName: string;
  /** The flush interval. */
  public readonly flushInterval: Duration;
  /** Fluent Bit's log level. */
  public readonly logLevel: FluentBitLogLevel;
  /** Whether the shipper runs as a native sidecar. */
  public readonly native: boolean;

  private readonly inputs: LogInput[];
  private readonly outputs: LogOutput[];
  /** The props as given, for the unknown-prop check at `bind` (where the host's path is known). */
  private readonly _props: SidecarLoggerProps;
  private _files?: Record<string, string>;

  constructor(props: SidecarLoggerProps) {
    this._props = props;
    this.name = props.name ?? DEFAULT_NAME;
    this.logDir = (props.logDir ?? '/var/log/app').replace(/(.)\/+$/, '$1');
    this.logDirSizeLimit = props.logDirSizeLimit ?? Size.gibibytes(1);
    this.image = props.image ?? SidecarLogger.DEFAULT_IMAGE;
    this.resources = props.resources ?? Resources.preset(ResourcePreset.NANO);
    this.httpPort = props.httpPort ?? 2020;
    this.httpPortName = props.httpPortName ?? defaultPortName(this.name);
    this.logVolumeName = this.name === DEFAULT_NAME ? 'app-logs' : `${this.name}-logs`;
    this.flushInterval = props.flushInterval ?? Duration.seconds(1);
    this.logLevel = props.logLevel ?? FluentBitLogLevel.INFO;
    this.native = props.native ?? false;
    this.inputs = [...props.inputs ?? [{ path: `${this.logDir}/*.log` }]];
    this.outputs = [...props.outputs ?? []];
  }

  /** The generated configuration files (file name → content), available after `bind`. */
  public get configFiles(): Record<string, string> | undefined {
    return this._files ? { ...this._files } : undefined;
  }

  /** Adds the shipper container, its ConfigMap and volumes to the host's pods. */
  public bind(host: ISidecarHost): void {
    const unknown = unknownPropProblem(this._props, SIDECAR_LOGGER_PROP_NAMES, `sidecars.${this.name}.`);
    if (unknown !== undefined) {
      throw new ValidationError(host, unknown);
    }
    checkDns1123Label(host, 'SidecarLogger.name', this.name);
    checkAbsolutePath(host, `sidecars.${this.name}.logDir`, this.logDir);
    if (this.logDir === '/' || this.logDir === '/tmp' || this.logDir.startsWith('/fluent-bit')) {
      throw new ValidationError(host, `'sidecars.${this.name}.logDir' (${JSON.stringify(this.logDir)}) must be a dedicated directory such as '/var/log/app'`);
    }
    checkPortNumber(host, `sidecars.${this.name}.httpPort`, this.httpPort);
    if (typeof this.httpPortName !== 'string' || !isIanaSvcName(this.httpPortName)) {
      throw new ValidationError(host, `'sidecars.${this.name}.httpPortName' (${JSON.stringify(this.httpPortName)}) must be an IANA_SVC_NAME: `
        + '1-15 lower-case letters, digits or \'-\', with at least one letter, no \'--\' and no leading or trailing \'-\' (derived from \'name\' unless set): set \'httpPortName\'');
    }
    if (host.sidecarPod?.runsToCompletion && !this.native) {
      throw new ValidationError(host, `'sidecars.${this.name}.native' must be true on a workload that runs to completion: `
        + 'a regular log shipper container never exits, so the Job would never finish');
    }
    const { files, secretEnv, egress } = this.render(host);
    this._files = files;
    host.addSidecarContainer({
      name: this.name,
      image: this.image,
      command: ['/fluent-bit/bin/fluent-bit'],
      args: ['--config', `${CONFIG_DIR}/fluent-bit.conf`],
      ports: [{ name: this.httpPortName, number: this.httpPort }],
      secretEnv,
      resources: this.resources,
      health: HealthCheck.http('/api/v1/health', { port: this.httpPortName }),
      native: this.native,
      volumes: [
        {
          name: this.logVolumeName,
          path: this.logDir,
          readOnly: true,
          source: VolumeSource.emptyDir({ sizeLimit: this.logDirSizeLimit }),
          appPath: this.logDir,
        },
        { name: `${this.name}-config`, path: CONFIG_DIR, readOnly: true, source: VolumeSource.configFiles(files) },
        { name: `${this.name}-state`, path: STATE_DIR, source: VolumeSource.emptyDir({ sizeLimit: Size.mebibytes(256) }) },
      ],
    });
    // Once connectTo/allowEgress isolates the pods' egress, the outputs must stay reachable.
    if (egress.length > 0) {
      host.sidecarPod?.allowEgress?.(this.name, egress);
    }
  }

  /** Validates the props and renders the configuration files. */
  private render(scope: IConstruct): { files: Record<string, string>; secretEnv: Record<string, SecretKeyRef>; egress: SidecarTrafficRule[] } {
    const prop = `sidecars.${this.name}`;
    wholeSeconds(scope, `${prop}.flushInterval`, this.flushInterval, 1);
    if (this.inputs.length === 0) {
      throw new ValidationError(scope, `'${prop}.inputs' must not be empty: leave it out to tail ${this.logDir}/*.log`);
    }
    if (this.outputs.length === 0) {
      throw new ValidationError(scope, `'${prop}.outputs' must have at least one output, e.g. LogOutput.stdout()`);
    }
    const service: FluentBitSection = {
      name: 'SERVICE',
      entries: [
        ['Flush', `${this.flushInterval.toSeconds()}`],
        ['Log_Level', this.logLevel],
        ['Daemon', 'Off'],
        ['Parsers_File', `${CONFIG_DIR}/parsers.conf`],
        ['HTTP_Server', 'On'],
        ['HTTP_Listen', '0.0.0.0'],
        ['HTTP_Port', `${this.httpPort}`],
        ['Health_Check', 'On'],
        ['storage.path', `${STATE_DIR}/storage`],
        ['storage.sync', 'normal'],
        ['storage.backlog.mem_limit', '5M'],
      ],
    };
    const parsers = new Map<string, { section: FluentBitSection; prop: string }>();
    const addParser = (name: string, section: FluentBitSection, at: string): void => {
      const known = parsers.get(name);
      if (known && JSON.stringify(known.section) !== JSON.stringify(section)) {
        throw new ValidationError(scope, `'${at}' defines parser ${JSON.stringify(name)} differently from '${known.prop}'; parser names must be unique`);
      }
      parsers.set(name, { section, prop: at });
    };
    const inputs: FluentBitSection[] = [];
    const filters: FluentBitSection[] = [];
    const tags = new Set<string>();
    this.inputs.forEach((input, i) => {
      const at = `${prop}.inputs[${i}]`;
      if (typeof input !== 'object' || input === null) {
        throw new ValidationError(scope, `'${at}' (${JSON.stringify(input)}) must be a LogInput: an object with a 'path'`);
      }
      this.checkInputPath(scope, `${at}.path`, input.path);
      const tag = checkConfigValue(scope, `${at}.tag`, input.tag ?? `app.${i}`);
      if (!/^[A-Za-z0-9_.-]+$/.test(tag) || tags.has(tag)) {
        throw new ValidationError(scope, `'${at}.tag' (${JSON.stringify(tag)}) must be unique and made of letters, digits, '.', '_' or '-'`);
      }
      tags.add(tag);
      const entries: Array<[string, string]> = [
        ['Name', 'tail'], ['Tag', tag], ['Path', input.path],
        ['DB', `${STATE_DIR}/tail-${i}.db`], ['DB.locking', 'true'],
        ['Mem_Buf_Limit', '5MB'], ['Skip_Long_Lines', 'On'], ['Refresh_Interval', '10'],
        ['storage.type', 'filesystem'],
      ];
      if (input.parser) {
        addParser(input.parser.name, input.parser._section(scope, `${at}.parser`), `${at}.parser`);
      }
      if (input.multiline) {
        const section = input.multiline._section(scope, `${at}.multiline`);
        if (section) {
          addParser(`multiline:${input.multiline.name}`, section, `${at}.multiline`);
        }
        entries.push(['multiline.parser', input.multiline.name]);
        if (input.parser) {
          // With multiline, tail ignores `Parser`: the joined record is parsed by a filter.
          filters.push({ name: 'FILTER', entries: [['Name', 'parser'], ['Match', tag], ['Key_Name', 'log'], ['Parser', input.parser.name], ['Reserve_Data', 'On']] });
        }
      } else if (input.parser) {
        entries.push(['Parser', input.parser.name]);
      }
      inputs.push({ name: 'INPUT', entries });
    });
    const outputs: FluentBitSection[] = [];
    const secretEnv: Record<string, SecretKeyRef> = {};
    const egress: SidecarTrafficRule[] = [];
    this.outputs.forEach((output, i) => {
      if (!(output instanceof LogOutput)) {
        throw new ValidationError(scope, `'${prop}.outputs[${i}]' must be a LogOutput: use LogOutput.loki(), LogOutput.elasticsearch(), …`);
      }
      const rendered = output._render(scope, `${prop}.outputs[${i}]`, i, STATE_DIR);
      for (const [name, ref] of Object.entries(rendered.secretEnv)) {
        const previous = Object.hasOwn(secretEnv, name) ? secretEnv[name] : undefined;
        if (previous && (previous.secretName !== ref.secretName || previous.key !== ref.key)) {
          throw new ValidationError(scope, `'${prop}.outputs[${i}]' needs ${name} from a different Secret key than an earlier output; `
            + 'S3 outputs of one shipper must share their credentials');
        }
        secretEnv[name] = ref;
      }
      outputs.push(rendered.section);
      if (rendered.egress) {
        egress.push({ peers: [rendered.egress.destination], ports: [rendered.egress.port], prop: `${prop}.outputs[${i}].destination` });
      }
    });
    const parserSections = [...parsers.values()].map(p => p.section);
    return {
      files: {
        'fluent-bit.conf': renderFluentBitConfig([service], [`${CONFIG_DIR}/inputs.conf`, `${CONFIG_DIR}/outputs.conf`]),
        'inputs.conf': renderFluentBitConfig([...inputs, ...filters]),
        'outputs.conf': renderFluentBitConfig(outputs),
        'parsers.conf': parserSections.length ? renderFluentBitConfig(parserSections) : '# no custom parsers\n',
      },
      secretEnv,
      egress,
    };
  }

  private checkInputPath(scope: IConstruct, prop: string, path: string): void {
    checkConfigValue(scope, prop, path);
    if (!path.startsWith(`${this.logDir}/`) || path.split('/').includes('..') || path.length === this.logDir.length + 1) {
      throw new ValidationError(scope, `'${prop}' (${JSON.stringify(path)}) must be a file or glob inside the shared log directory `
        + `${JSON.stringify(this.logDir)} (e.g. '${this.logDir}/*.log'); the shipper can read nothing else`);
    }
  }
}

/** `log-shipper` → `fluentbit-http`; otherwise the name cut to 10 characters + `-http`. */
function defaultPortName(name: string): string {
  if (name === DEFAULT_NAME) {
    return FLUENT_BIT_HTTP_PORT_NAME;
  }
  return `${String(name).slice(0, 10).replace(/-+$/, '')}-http`;
}
