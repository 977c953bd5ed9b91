/**
 * Issue 11 item 4 for the sidecars: an unknown key in the props of a SidecarLogger or in the
 * options of a MetricsExporter, a LogOutput, a LogParser or a MultilineParser is a
 * ValidationError with the host's construct path, the prop path and a "did you mean" suggestion
 * (or the list of props), raised when the sidecar is bound, before anything is added.
 */
import { Testing } from 'cdk8s';
import {
  Database, DatabaseCredentials, DatabaseEngine, Image, LogOutput, LogParser, MetricsExporter, MultilineParser, SidecarLogger,
  ValidationError, WebApp,
} from '../../src';

const IMAGE = Image.of('ghcr.io/acme/web:1.4.2');
const LOKI = { url: 'http://loki.monitoring:3100' };

/** Untyped options, as a JavaScript caller passes them. */
function untyped<T>(options: Record<string, unknown>): T {
  return options as unknown as T;
}

/** The message of the ValidationError thrown while a WebApp is built with `sidecar` (fails on any other outcome). */
function bindError(sidecar: () => SidecarLogger | MetricsExporter, ports = [{ name: 'http', number: 8080 }]): string {
  try {
    new WebApp(Testing.chart(), 'Web', { image: IMAGE, ports, sidecars: [sidecar()] });
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as Error).message;
  }
  throw new Error('expected a ValidationError, nothing was thrown');
}

const logger = (props: Record<string, unknown>) => () => new SidecarLogger(untyped({ outputs: [LogOutput.stdout()], ...props }));

describe('unknown keys in sidecar options', () => {
  test.each<[string, () => SidecarLogger | MetricsExporter, string]>([
    ['SidecarLogger lgoDir', logger({ lgoDir: '/var/log/app' }), '[test/Web] unknown prop \'sidecars.log-shipper.lgoDir\': did you mean \'sidecars.log-shipper.logDir\'?'],
    ['SidecarLogger lgoPath (nothing close)', logger({ lgoPath: '/var/log/app' }),
      '[test/Web] unknown prop \'sidecars.log-shipper.lgoPath\': SidecarLoggerProps has no such prop (props: outputs, inputs, logDir, logDirSizeLimit, '
      + 'name, image, resources, httpPort, httpPortName, flushInterval, logLevel, native)'],
    ['SidecarLogger output (a named shipper)', logger({ name: 'audit', output: [] }),
      '[test/Web] unknown prop \'sidecars.audit.output\': did you mean \'sidecars.audit.outputs\'?'],
    ['an input element', logger({ inputs: [{ path: '/var/log/app/a.log' }, { paths: '/var/log/app/b.log' }] }),
      '[test/Web] unknown prop \'sidecars.log-shipper.inputs[1].paths\': did you mean \'sidecars.log-shipper.inputs[1].path\'?'],
    ['LogParser.json timekey', logger({ inputs: [{ path: '/var/log/app/a.log', parser: LogParser.json(untyped({ timekey: 'time' })) }] }),
      '[test/Web] unknown prop \'sidecars.log-shipper.inputs[0].parser.timekey\': did you mean \'sidecars.log-shipper.inputs[0].parser.timeKey\'?'],
    ['MultilineParser.regex continue', logger({
      inputs: [{ path: '/var/log/app/a.log', multiline: MultilineParser.regex('trace', untyped({ start: '^\\d', continue: '^\\s' })) }],
    }), '[test/Web] unknown prop \'sidecars.log-shipper.inputs[0].multiline.continue\': MultilineRegexOptions has no such prop '
      + '(props: start, continuation, flushTimeout)'],
    ['LogOutput.loki label', logger({ outputs: [LogOutput.stdout(), LogOutput.loki(untyped({ ...LOKI, label: { app: 'web' } }))] }),
      '[test/Web] unknown prop \'sidecars.log-shipper.outputs[1].label\': did you mean \'sidecars.log-shipper.outputs[1].labels\'?'],
    ['LogOutput.stdout formt', logger({ outputs: [LogOutput.stdout(untyped({ formt: 'json_lines' }))] }),
      '[test/Web] unknown prop \'sidecars.log-shipper.outputs[0].formt\': did you mean \'sidecars.log-shipper.outputs[0].format\'?'],
    ['LogOutput.s3 credentials.accessKey', logger({
      outputs: [LogOutput.s3(untyped({ bucket: 'logs', region: 'eu-west-1', credentials: { accessKey: { secretName: 's3', key: 'id' } } }))],
    }), '[test/Web] unknown prop \'sidecars.log-shipper.outputs[0].credentials.accessKey\': did you mean \'sidecars.log-shipper.outputs[0].credentials.accessKeyId\'?'],
    ['MetricsExporter.fromApp prot', () => MetricsExporter.fromApp(untyped({ port: 'http', prot: 'http' })),
      '[test/Web] unknown prop \'sidecars.http.prot\': did you mean \'sidecars.http.port\'?'],
    ['MetricsExporter.fromApp serviceMonitor.intervall', () => MetricsExporter.fromApp(untyped({ port: 'http', serviceMonitor: { intervall: '30s' } })),
      '[test/Web] unknown prop \'sidecars.http.serviceMonitor.intervall\': did you mean \'sidecars.http.serviceMonitor.interval\'?'],
    ['MetricsExporter.generic imag', () => MetricsExporter.generic(untyped({ name: 'statsd', image: Image.of('prom/statsd-exporter:v0.27.1'), port: 9102, imag: 1 })),
      '[test/Web] unknown prop \'sidecars.statsd.imag\': did you mean \'sidecars.statsd.image\'?'],
  ])('%s', (_name, sidecar, message) => {
    expect(bindError(sidecar)).toBe(message);
  });

  test('MetricsExporter.forDatabase: the key of the exporter bound to the database names the exporter container', () => {
    const chart = Testing.chart();
    const db = new Database(chart, 'Db', { engine: DatabaseEngine.postgres('16.4'), credentials: DatabaseCredentials.fromExistingSecret('db', { userKey: 'username' }) });
    expect(() => db.addSidecar(MetricsExporter.forDatabase(db, untyped({ scraper: [] })))).toThrow(
      new ValidationError(db, 'unknown prop \'sidecars.postgres-exporter.scraper\': did you mean \'sidecars.postgres-exporter.scrapers\'?'));
  });

  test('keys set to undefined and the typed options are accepted', () => {
    const chart = Testing.chart();
    new WebApp(chart, 'Web', {
      image: IMAGE,
      ports: [{ name: 'http', number: 8080 }],
      sidecars: [
        new SidecarLogger(untyped({ outputs: [LogOutput.loki({ ...LOKI, tenantId: 'shop' })], logDir: undefined })),
        MetricsExporter.fromApp({ port: 'http', serviceMonitor: { interval: undefined } }),
      ],
    });
    expect(() => Testing.synth(chart)).not.toThrow();
  });
});
