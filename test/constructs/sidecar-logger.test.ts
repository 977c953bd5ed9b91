import { Duration, Size, Testing } from 'cdk8s';
import {
  CONFIG_HASH_ANNOTATION, CronTask, FluentBitLogLevel, HttpOutputFormat, Image, LogOutput, LogParser, MultilineParser,
  Schedule, SidecarLogger, SidecarLoggerProps, ValidationError, WebApp, Worker,
} from '../../src';
import { sourcedObjectsOf, validate } from '../../src/validation';
import { pssRestrictedViolations } from './pss-restricted';
import { get, getAll, parseFluentBit, ParsedSection } from './sidecar-fluent-bit-parser';

const IMAGE = Image.of('ghcr.io/acme/web:1.4.2');
const LOKI = { url: 'http://loki.monitoring:3100', user: 'shipper', password: { secretName: 'loki-auth', key: 'password' } };

function synth(props: Partial<SidecarLoggerProps> = {}): { manifests: any[]; logger: SidecarLogger } {
  const chart = Testing.chart();
  const logger = new SidecarLogger({ outputs: [LogOutput.stdout()], ...props });
  new WebApp(chart, 'Web', { image: IMAGE, sidecars: [logger] });
  return { manifests: Testing.synth(chart), logger };
}

function podOf(manifests: any[]): any {
  return manifests.find(m => m.kind === 'Deployment').spec.template.spec;
}

/** The parsed configuration of the shipper's ConfigMap, as Fluent Bit would read it from /fluent-bit/config. */
function parsedConfig(manifests: any[]): { sections: ParsedSection[]; files: Record<string, string> } {
  const pod = podOf(manifests);
  const configVolume = pod.volumes.find((v: any) => v.name === 'log-shipper-config');
  const configMap = manifests.find(m => m.kind === 'ConfigMap' && m.metadata.name === configVolume.configMap.name);
  const files = Object.fromEntries(Object.entries(configMap.data as Record<string, string>).map(([k, v]) => [`/fluent-bit/config/${k}`, v]));
  const shipper = pod.containers.find((c: any) => c.name === 'log-shipper');
  const main = shipper.args[shipper.args.indexOf('--config') + 1];
  return { sections: parseFluentBit(files, main), files };
}

function sections(parsed: ParsedSection[], name: string): ParsedSection[] {
  return parsed.filter(s => s.name === name);
}

function error(build: () => void): string {
  try {
    build();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as Error).message;
  }
  throw new Error('expected a ValidationError');
}

describe('SidecarLogger snapshots', () => {
  test('defaults (stdout)', () => {
    expect(synth().manifests).toMatchSnapshot();
  });

  test('json + java multiline to Loki and S3', () => {
    expect(synth({
      inputs: [{ path: '/var/log/app/*.json', parser: LogParser.json({ timeKey: 'time' }), multiline: MultilineParser.java() }],
      outputs: [LogOutput.loki(LOKI), LogOutput.s3({ bucket: 'acme-logs', region: 'eu-west-1' })],
    }).manifests).toMatchSnapshot();
  });
});

describe('SidecarLogger pod wiring', () => {
  const { manifests, logger } = synth();
  const pod = podOf(manifests);
  const app = pod.containers.find((c: any) => c.name === 'app');
  const shipper = pod.containers.find((c: any) => c.name === 'log-shipper');

  test('the resolved defaults', () => {
    expect(logger.name).toBe('log-shipper');
    expect(logger.logDir).toBe('/var/log/app');
    expect(logger.image.reference).toBe('cr.fluentbit.io/fluent/fluent-bit:3.1.9');
    expect(logger.httpPort).toBe(2020);
    expect(logger.native).toBe(false);
    expect(logger.logLevel).toBe(FluentBitLogLevel.INFO);
    expect(logger.logDirSizeLimit.toMebibytes()).toBe(1024);
  });

  test('the log directory is an emptyDir shared read-write by the app and read-only by the shipper', () => {
    expect(pod.volumes.find((v: any) => v.name === 'app-logs')).toEqual({ name: 'app-logs', emptyDir: { sizeLimit: '1024Mi' } });
    expect(app.volumeMounts).toContainEqual({ name: 'app-logs', mountPath: '/var/log/app', readOnly: false });
    expect(shipper.volumeMounts).toContainEqual({ name: 'app-logs', mountPath: '/var/log/app', readOnly: true });
  });

  test('config and state stay private to the shipper; state is a writable emptyDir', () => {
    expect(app.volumeMounts.map((m: any) => m.name)).toEqual(['tmp', 'app-logs']);
    expect(shipper.volumeMounts).toEqual([
      { name: 'tmp', mountPath: '/tmp' },
      { name: 'app-logs', mountPath: '/var/log/app', readOnly: true },
      { name: 'log-shipper-config', mountPath: '/fluent-bit/config', readOnly: true },
      { name: 'log-shipper-state', mountPath: '/fluent-bit/state', readOnly: false },
    ]);
    expect(pod.volumes.find((v: any) => v.name === 'log-shipper-state')).toEqual({ name: 'log-shipper-state', emptyDir: { sizeLimit: '256Mi' } });
  });

  test('secure defaults: non-root, read-only root filesystem, PSS restricted', () => {
    expect(shipper.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    expect(pssRestrictedViolations(pod)).toEqual([]);
  });

  test('health probes on the Fluent Bit HTTP server', () => {
    expect(shipper.ports).toEqual([{ name: 'fluentbit-http', containerPort: 2020 }]);
    for (const probe of [shipper.readinessProbe, shipper.livenessProbe, shipper.startupProbe]) {
      expect(probe.httpGet).toEqual({ path: '/api/v1/health', port: 'fluentbit-http' });
    }
  });

  test('the shipper reaches the app only through the shared volume: no Service port, no app port', () => {
    const service = manifests.find(m => m.kind === 'Service');
    expect(service.spec.ports.map((p: any) => p.name)).toEqual(['http']);
  });
});

describe('SidecarLogger configuration (parsed)', () => {
  test('service section enables the health endpoint and filesystem buffering in the state volume', () => {
    const { sections: parsed, files } = parsedConfig(synth({ flushInterval: Duration.seconds(5), logLevel: FluentBitLogLevel.WARN, httpPort: 2021 }).manifests);
    const [service] = sections(parsed, 'SERVICE');
    expect(service.entries).toEqual([
      ['Flush', '5'], ['Log_Level', 'warn'], ['Daemon', 'Off'], ['Parsers_File', '/fluent-bit/config/parsers.conf'],
      ['HTTP_Server', 'On'], ['HTTP_Listen', '0.0.0.0'], ['HTTP_Port', '2021'], ['Health_Check', 'On'],
      ['storage.path', '/fluent-bit/state/storage'], ['storage.sync', 'normal'], ['storage.backlog.mem_limit', '5M'],
    ]);
    expect(files[get(service, 'Parsers_File')!]).toBeDefined();
    expect(parsed.map(s => s.name)).toEqual(['SERVICE', 'INPUT', 'OUTPUT']);
  });

  test('default input tails *.log in the log directory with a tail DB in the state volume', () => {
    const [input] = sections(parsedConfig(synth().manifests).sections, 'INPUT');
    expect(get(input, 'Name')).toBe('tail');
    expect(get(input, 'Path')).toBe('/var/log/app/*.log');
    expect(get(input, 'DB')).toBe('/fluent-bit/state/tail-0.db');
    expect(get(input, 'Tag')).toBe('app.0');
    expect(get(input, 'Parser')).toBeUndefined();
  });

  test('parsers: json and regex inputs, a multiline regex parser and a parser filter after multiline', () => {
    const { sections: parsed, files } = parsedConfig(synth({
      logDir: '/logs',
      inputs: [
        { path: '/logs/access-*.log', parser: LogParser.regex('access', '^(?<host>[^ ]+) (?<method>[A-Z]+) (?<path>[^ ]+)$'), tag: 'access' },
        {
          path: '/logs/app.log',
          parser: LogParser.json({ timeKey: 'ts', timeFormat: '%s' }),
          multiline: MultilineParser.regex('stack', { start: '^\\d{4}-', continuation: '^\\s+at ', flushTimeout: Duration.seconds(2) }),
        },
      ],
    }).manifests);
    const inputs = sections(parsed, 'INPUT');
    expect(inputs.map(i => [get(i, 'Tag'), get(i, 'Path'), get(i, 'Parser'), get(i, 'multiline.parser')]))
      .toEqual([['access', '/logs/access-*.log', 'access', undefined], ['app.1', '/logs/app.log', undefined, 'stack']]);
    const [filter] = sections(parsed, 'FILTER');
    expect(filter.entries).toEqual([['Name', 'parser'], ['Match', 'app.1'], ['Key_Name', 'log'], ['Parser', 'json'], ['Reserve_Data', 'On']]);
    // The parsers file is loaded through Parsers_File, not @INCLUDE.
    const parserFile = parseFluentBit(files, get(sections(parsed, 'SERVICE')[0], 'Parsers_File')!);
    const parsers = sections(parserFile, 'PARSER');
    expect(parsers.map(p => get(p, 'Name'))).toEqual(['access', 'json']);
    expect(get(parsers[0], 'Format')).toBe('regex');
    expect(get(parsers[0], 'Regex')).toBe('^(?<host>[^ ]+) (?<method>[A-Z]+) (?<path>[^ ]+)$');
    expect(get(parsers[1], 'Time_Key')).toBe('ts');
    const [multiline] = sections(parserFile, 'MULTILINE_PARSER');
    expect(get(multiline, 'flush_timeout')).toBe('2000');
    expect(getAll(multiline, 'rule')).toEqual(['"start_state" "/^\\d{4}-/" "cont"', '"cont" "/^\\s+at /" "cont"']);
  });

  test.each([
    ['stdout', LogOutput.stdout(), [['Name', 'stdout'], ['Match', '*'], ['Format', 'json_lines']], {}],
    ['Elasticsearch', LogOutput.elasticsearch({ url: 'https://es.logging:9200/prefix', index: 'web', user: 'elastic', password: { secretName: 'es', key: 'pw' } }),
      [['Name', 'es'], ['Match', '*'], ['Host', 'es.logging'], ['Port', '9200'], ['Path', '/prefix'], ['Index', 'web'], ['Suppress_Type_Name', 'On'],
        ['Replace_Dots', 'On'], ['tls', 'On'], ['HTTP_User', 'elastic'], ['HTTP_Passwd', '${LOG_OUTPUT_0_PASSWORD}']],
      { LOG_OUTPUT_0_PASSWORD: { name: 'es', key: 'pw' } }],
    ['OpenSearch', LogOutput.openSearch({ url: 'http://opensearch.logging', match: 'app.*' }),
      [['Name', 'opensearch'], ['Match', 'app.*'], ['Host', 'opensearch.logging'], ['Port', '80'], ['Index', 'logs'], ['Suppress_Type_Name', 'On'], ['Replace_Dots', 'On'], ['tls', 'Off']], {}],
    ['Loki', LogOutput.loki({ ...LOKI, labels: { job: 'web', env: 'prod' }, tenantId: 'team-a' }),
      [['Name', 'loki'], ['Match', '*'], ['Host', 'loki.monitoring'], ['Port', '3100'], ['Uri', '/loki/api/v1/push'], ['tls', 'Off'], ['Labels', 'job=web, env=prod'],
        ['Line_Format', 'json'], ['Tenant_ID', 'team-a'], ['Http_User', 'shipper'], ['Http_Passwd', '${LOG_OUTPUT_0_PASSWORD}']],
      { LOG_OUTPUT_0_PASSWORD: { name: 'loki-auth', key: 'password' } }],
    ['HTTP', LogOutput.http({ url: 'https://collector.example.com:8443/ingest', format: HttpOutputFormat.JSON, headers: { 'X-Source': 'web' }, bearerToken: { secretName: 'collector', key: 'token' } }),
      [['Name', 'http'], ['Match', '*'], ['Host', 'collector.example.com'], ['Port', '8443'], ['Uri', '/ingest'], ['Format', 'json'], ['tls', 'On'],
        ['Header', 'X-Source web'], ['Header', 'Authorization Bearer ${LOG_OUTPUT_0_TOKEN}']],
      { LOG_OUTPUT_0_TOKEN: { name: 'collector', key: 'token' } }],
    ['S3', LogOutput.s3({ bucket: 'acme-logs', region: 'eu-west-1', prefix: '/web/', endpoint: 'https://minio.storage:9000', totalFileSize: Size.mebibytes(10),
      uploadTimeout: Duration.minutes(1), credentials: { accessKeyId: { secretName: 's3', key: 'id' }, secretAccessKey: { secretName: 's3', key: 'secret' } } }),
    [['Name', 's3'], ['Match', '*'], ['bucket', 'acme-logs'], ['region', 'eu-west-1'], ['total_file_size', '10M'], ['upload_timeout', '60s'], ['use_put_object', 'On'],
      ['compression', 'gzip'], ['s3_key_format', '/web/%Y/%m/%d/%H%M%S-$UUID.gz'], ['store_dir', '/fluent-bit/state/s3-0'], ['endpoint', 'https://minio.storage:9000']],
    { AWS_ACCESS_KEY_ID: { name: 's3', key: 'id' }, AWS_SECRET_ACCESS_KEY: { name: 's3', key: 'secret' } }],
  ])('%s output: section and credentials from Secrets only', (_kind, output, entries, secretEnv) => {
    const { manifests } = synth({ outputs: [output] });
    const [section] = sections(parsedConfig(manifests).sections, 'OUTPUT');
    expect(section.entries).toEqual(entries);
    const shipper = podOf(manifests).containers.find((c: any) => c.name === 'log-shipper');
    expect(Object.fromEntries((shipper.env ?? []).map((e: any) => [e.name, e.valueFrom.secretKeyRef]))).toEqual(secretEnv);
  });

  test('no secret value is written: the ConfigMap holds ${VAR} references only', () => {
    const { manifests } = synth({ outputs: [LogOutput.loki(LOKI)] });
    const configMap = manifests.find(m => m.kind === 'ConfigMap');
    expect(JSON.stringify(configMap.data)).toContain('${LOG_OUTPUT_0_PASSWORD}');
    expect(manifests.filter(m => m.kind === 'Secret')).toEqual([]);
  });
});

describe('SidecarLogger rollouts and ordering', () => {
  function hash(props: Partial<SidecarLoggerProps>): string {
    return synth(props).manifests.find(m => m.kind === 'Deployment').spec.template.metadata.annotations[CONFIG_HASH_ANNOTATION];
  }

  test('a configuration change changes the pod config hash (rolls the pods)', () => {
    expect(hash({})).toBe(hash({}));
    expect(hash({ logLevel: FluentBitLogLevel.DEBUG })).not.toBe(hash({}));
  });

  test('native: an init container with restartPolicy Always', () => {
    const pod = podOf(synth({ native: true }).manifests);
    expect(pod.containers.map((c: any) => c.name)).toEqual(['app']);
    expect(pod.initContainers.map((c: any) => [c.name, c.restartPolicy])).toEqual([['log-shipper', 'Always']]);
    expect(pod.initContainers[0].readinessProbe.httpGet.path).toBe('/api/v1/health');
    expect(pssRestrictedViolations(pod)).toEqual([]);
  });

  test('on a CronTask the shipper must be native, and then the CronJob renders it as an init container', () => {
    const chart = Testing.chart();
    expect(error(() => new CronTask(chart, 'Job', { image: IMAGE, schedule: Schedule.daily(3), sidecars: [new SidecarLogger({ outputs: [LogOutput.stdout()] })] })))
      .toBe('[test/Job] \'sidecars.log-shipper.native\' must be true on a workload that runs to completion: a regular log shipper container never exits, so the Job would never finish');
    const ok = Testing.chart();
    new CronTask(ok, 'Job', { image: IMAGE, schedule: Schedule.daily(3), sidecars: [new SidecarLogger({ outputs: [LogOutput.stdout()], native: true })] });
    const cronJob = Testing.synth(ok).find(m => m.kind === 'CronJob');
    expect(cronJob.spec.jobTemplate.spec.template.spec.initContainers.map((c: any) => c.restartPolicy)).toEqual(['Always']);
  });

  test('the whole WebApp validates with no error (the Loki Secret declared external)', () => {
    const chart = Testing.chart();
    new WebApp(chart, 'Web', { image: IMAGE, sidecars: [new SidecarLogger({ outputs: [LogOutput.loki(LOKI)] })] });
    const report = validate(sourcedObjectsOf(chart), { external: [{ kind: 'Secret', name: 'loki-auth' }] });
    expect(report.findings.filter(f => f.severity === 'error')).toEqual([]);
  });
});

describe('SidecarLogger input errors', () => {
  function bindError(props: Partial<SidecarLoggerProps>, host: 'web' | 'worker' = 'web'): string {
    const chart = Testing.chart();
    const logger = new SidecarLogger({ outputs: [LogOutput.stdout()], ...props } as SidecarLoggerProps);
    return error(() => host === 'web'
      ? new WebApp(chart, 'Web', { image: IMAGE, sidecars: [logger] })
      : new Worker(chart, 'Web', { image: IMAGE, sidecars: [logger] }));
  }

  test.each([
    ['a log path outside the shared directory', { inputs: [{ path: '/var/log/other/*.log' }] },
      '[test/Web] \'sidecars.log-shipper.inputs[0].path\' ("/var/log/other/*.log") must be a file or glob inside the shared log directory "/var/log/app" (e.g. \'/var/log/app/*.log\'); the shipper can read nothing else'],
    ['a path escaping with ..', { inputs: [{ path: '/var/log/app/../../etc/*' }] },
      '[test/Web] \'sidecars.log-shipper.inputs[0].path\' ("/var/log/app/../../etc/*") must be a file or glob inside the shared log directory "/var/log/app" (e.g. \'/var/log/app/*.log\'); the shipper can read nothing else'],
    ['Loki without a URL', { outputs: [LogOutput.loki({} as any)] },
      '[test/Web] \'sidecars.log-shipper.outputs[0].url\' is required for a Loki output: e.g. LogOutput.loki({ url: \'http://loki.monitoring:3100\' })'],
    ['Elasticsearch with a non-HTTP URL', { outputs: [LogOutput.elasticsearch({ url: 'ftp://es:21' })] },
      '[test/Web] \'sidecars.log-shipper.outputs[0].url\' ("ftp://es:21") must be an http:// or https:// URL without credentials, query or fragment (pass credentials as Secret references)'],
    ['credentials in the URL', { outputs: [LogOutput.http({ url: 'https://user:pw@collector' })] },
      '[test/Web] \'sidecars.log-shipper.outputs[0].url\' ("https://user:pw@collector") must be an http:// or https:// URL without credentials, query or fragment (pass credentials as Secret references)'],
    ['S3 without a bucket', { outputs: [LogOutput.s3({ region: 'eu-west-1' } as any)] },
      '[test/Web] \'sidecars.log-shipper.outputs[0].bucket\' (undefined) is required for an S3 output and must be a bucket name (3-63 lower-case letters, digits, \'.\' or \'-\')'],
    ['a password without a user', { outputs: [LogOutput.loki({ url: 'http://loki:3100', password: { secretName: 'l', key: 'p' } })] },
      '[test/Web] \'sidecars.log-shipper.outputs[0].password\' needs \'sidecars.log-shipper.outputs[0].user\': basic authentication sends both'],
    ['no output', { outputs: [] },
      '[test/Web] \'sidecars.log-shipper.outputs\' must have at least one output, e.g. LogOutput.stdout()'],
    ['a regex parser without named groups', { inputs: [{ path: '/var/log/app/a.log', parser: LogParser.regex('plain', '^.*$') }] },
      '[test/Web] \'sidecars.log-shipper.inputs[0].parser regex\' ("^.*$") has no named group; fields come from groups like (?<message>.*)'],
    ['two parsers with one name', { inputs: [{ path: '/var/log/app/a.log', parser: LogParser.json() }, { path: '/var/log/app/b.log', parser: LogParser.regex('json', '^(?<m>.*)$') }] },
      '[test/Web] \'sidecars.log-shipper.inputs[1].parser\' defines parser "json" differently from \'sidecars.log-shipper.inputs[0].parser\'; parser names must be unique'],
    ['a multi-line value', { outputs: [LogOutput.loki({ url: 'http://loki:3100', tenantId: 'a\nb' })] },
      '[test/Web] \'sidecars.log-shipper.outputs[0].tenantId\' ("a\\nb") must be a non-empty single-line value without leading or trailing spaces (Fluent Bit configuration values end at the line break)'],
    ['the shared directory at /tmp', { logDir: '/tmp' },
      '[test/Web] \'sidecars.log-shipper.logDir\' ("/tmp") must be a dedicated directory such as \'/var/log/app\''],
  ])('%s', (_name, props, message) => {
    expect(bindError(props as Partial<SidecarLoggerProps>)).toBe(message);
  });

  test('nothing is written on error: synth of a chart with a bad logger throws before any output', () => {
    expect(() => bindError({ inputs: [{ path: '/etc/passwd' }] }, 'worker')).not.toThrow();
    expect(bindError({ inputs: [{ path: '/etc/passwd' }] }, 'worker')).toContain('\'sidecars.log-shipper.inputs[0].path\' ("/etc/passwd")');
  });
});
