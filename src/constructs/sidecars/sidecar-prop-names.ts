/**
 * The prop names of the sidecars' props and option objects, for callers without TypeScript: an
 * unknown key (`lgoDir`, `serviceMonitor.intervall`) is a `ValidationError` with the host's path
 * and a suggestion when the sidecar is bound.
 *
 * @internal
 */
import { PropNames, propNamesOf } from '../core/prop-names';
import type {
  AppMetricsOptions, DatabaseExporterOptions, GenericExporterOptions, ServiceMonitorOptions,
} from './metrics-exporter/metrics-exporter';
import type { SidecarLoggerProps } from './sidecar-logger/sidecar-logger';
import type { SidecarContainerOptions, SidecarVolumeMount } from './sidecar';
import type { PortSpec } from '../pod/ports';
import type { LogInput, MultilineRegexOptions, ParserTimeOptions } from './sidecar-logger/log-input';
import type {
  HttpOutputOptions, LogOutputOptions, LokiOutputOptions, S3OutputOptions, SearchOutputOptions, StdoutFormat,
} from './sidecar-logger/log-output';

const LOG_INPUT_NAMES = propNamesOf<LogInput>('LogInput', { path: true, parser: true, multiline: true, tag: true });

/** `SidecarLoggerProps`, with each plain-object `inputs` element. */
export const SIDECAR_LOGGER_PROP_NAMES: PropNames = propNamesOf<SidecarLoggerProps>('SidecarLoggerProps', {
  outputs: true, inputs: true, logDir: true, logDirSizeLimit: true, name: true, image: true, resources: true,
  httpPort: true, httpPortName: true, flushInterval: true, logLevel: true, native: true,
}, undefined, { inputs: LOG_INPUT_NAMES });

/** `ParserTimeOptions` of `LogParser.json()`, `logfmt()` and `regex()`. */
export const PARSER_TIME_NAMES: PropNames = propNamesOf<ParserTimeOptions>('ParserTimeOptions', { timeKey: true, timeFormat: true });

/** `MultilineRegexOptions` of `MultilineParser.regex()`. */
export const MULTILINE_REGEX_NAMES: PropNames = propNamesOf<MultilineRegexOptions>('MultilineRegexOptions', {
  start: true, continuation: true, flushTimeout: true,
});

const S3_CREDENTIALS_NAMES = propNamesOf<NonNullable<S3OutputOptions['credentials']>>('S3OutputOptions.credentials', {
  accessKeyId: true, secretAccessKey: true,
});

/** The options of each `LogOutput` factory, by factory name. */
export const LOG_OUTPUT_NAMES: Readonly<Record<'stdout' | 'search' | 'loki' | 'http' | 's3', PropNames>> = {
  stdout: propNamesOf<LogOutputOptions & { readonly format?: StdoutFormat }>('LogOutputOptions', { match: true, format: true }),
  search: propNamesOf<SearchOutputOptions>('SearchOutputOptions', {
    match: true, destination: true, url: true, user: true, password: true, index: true,
  }),
  loki: propNamesOf<LokiOutputOptions>('LokiOutputOptions', {
    match: true, destination: true, url: true, user: true, password: true, labels: true, tenantId: true,
  }),
  http: propNamesOf<HttpOutputOptions>('HttpOutputOptions', {
    match: true, destination: true, url: true, user: true, password: true, format: true, headers: true, bearerToken: true,
  }),
  s3: propNamesOf<S3OutputOptions>('S3OutputOptions', {
    match: true, destination: true, bucket: true, region: true, prefix: true, endpoint: true, credentials: true,
    totalFileSize: true, uploadTimeout: true,
  }, { credentials: S3_CREDENTIALS_NAMES }),
};

const SERVICE_MONITOR_NAMES = propNamesOf<ServiceMonitorOptions>('ServiceMonitorOptions', {
  enabled: true, interval: true, scrapeTimeout: true, labels: true,
});
const NESTED = { serviceMonitor: SERVICE_MONITOR_NAMES };

/** The options of each `MetricsExporter` factory, by factory name. */
export const METRICS_EXPORTER_NAMES: Readonly<Record<'forDatabase' | 'generic' | 'fromApp', PropNames>> = {
  forDatabase: propNamesOf<DatabaseExporterOptions>('DatabaseExporterOptions', {
    path: true, scrapeAnnotations: true, serviceMonitor: true, scrapers: true, name: true, portName: true, resources: true, image: true,
  }, NESTED),
  generic: propNamesOf<GenericExporterOptions>('GenericExporterOptions', {
    path: true, scrapeAnnotations: true, serviceMonitor: true, scrapers: true, name: true, portName: true, resources: true, image: true,
    port: true, args: true, env: true, secretEnv: true,
  }, NESTED),
  fromApp: propNamesOf<AppMetricsOptions>('AppMetricsOptions', {
    path: true, scrapeAnnotations: true, serviceMonitor: true, scrapers: true, port: true,
  }, NESTED),
};

/** `SidecarContainerOptions` of `addSidecarContainer`, with its ports and volumes. */
export const SIDECAR_CONTAINER_NAMES: PropNames = propNamesOf<SidecarContainerOptions>('SidecarContainerOptions', {
  name: true, image: true, command: true, args: true, ports: true, env: true, secretEnv: true, resources: true, volumes: true,
  health: true, native: true,
}, undefined, {
  ports: propNamesOf<PortSpec>('PortSpec', { name: true, number: true, protocol: true }),
  volumes: propNamesOf<SidecarVolumeMount>('SidecarVolumeMount', {
    name: true, path: true, source: true, readOnly: true, appPath: true, appReadOnly: true,
  }),
});
