/**
 * Sidecars: the Fluent Bit log shipper and Prometheus metrics exporters.
 */
export { FluentBitLogLevel, FLUENT_BIT_HTTP_PORT_NAME, SidecarLogger, SidecarLoggerProps } from './sidecar-logger/sidecar-logger';
export { LogInput, LogParser, MultilineParser, MultilineRegexOptions, ParserTimeOptions } from './sidecar-logger/log-input';
export {
  AuthenticatedOutputOptions, HttpOutputFormat, HttpOutputOptions, LogOutput, LogOutputOptions, LokiOutputOptions,
  RemoteOutputOptions, S3OutputOptions, SearchOutputOptions, StdoutFormat,
} from './sidecar-logger/log-output';
export {
  AppMetricsOptions, DatabaseExporterOptions, METRICS_SERVICE_LABEL, ExporterContainerOptions, GenericExporterOptions, MetricsExporter,
  MetricsOptions, SERVICE_MONITOR_API_VERSION, SERVICE_MONITOR_KIND, ServiceMonitorOptions,
} from './metrics-exporter/metrics-exporter';
export { SUPPORTED_ENGINES as EXPORTER_ENGINES } from './metrics-exporter/exporter-catalog';
