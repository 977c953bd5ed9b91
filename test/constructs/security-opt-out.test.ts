import { Chart, Testing } from 'cdk8s';
import {
  AddedCapability, Image, PodSecurityLevel, SECURITY_OPT_OUT_ANNOTATION, SecurityOptions, Severity, testing, validate, WebApp,
} from '../../src';

/*
 * Images built to run as root or to bind port 80 (the official wordpress image's Apache, the
 * guestbook's PHP image): an explicit, typed opt-out with a reason that renders exactly what is
 * needed, recorded on the workload and reported by the policy layer under "restricted".
 */

function build(security: SecurityOptions): { chart: Chart; deployment: Record<string, any> } {
  const chart = Testing.chart();
  new WebApp(chart, 'Web', {
    image: Image.of('wordpress:6.7.1-apache'),
    ports: [{ name: 'http', number: 80 }],
    security,
  });
  const deployment = testing.findObject(testing.synthChart(chart), 'Deployment') as Record<string, any>;
  return { chart, deployment };
}

const APACHE = { reason: 'the official wordpress image starts Apache as root, which binds port 80 and drops to www-data' };

describe('security.runAsImageUser', () => {
  test('no fixed UID/GID, runAsNonRoot false, all capabilities dropped but the ones asked for, no fsGroup', () => {
    const { deployment } = build({
      runAsImageUser: { ...APACHE, capabilities: [AddedCapability.SETUID, AddedCapability.SETGID, AddedCapability.NET_BIND_SERVICE] },
      readOnlyRootFilesystem: false,
    });
    const pod = deployment.spec.template.spec;
    // (fsGroupChangePolicy: cdk8s-plus-28 renders its default on every pod)
    expect(pod.securityContext).toStrictEqual({ fsGroupChangePolicy: 'Always', runAsNonRoot: false, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.containers[0].securityContext).toStrictEqual({
      allowPrivilegeEscalation: false,
      capabilities: { add: ['SETUID', 'SETGID', 'NET_BIND_SERVICE'], drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: false,
      runAsNonRoot: false,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(deployment.metadata.annotations[SECURITY_OPT_OUT_ANNOTATION]).toBe(APACHE.reason);
  });

  test('an fsGroup that is given is kept', () => {
    const { deployment } = build({ runAsImageUser: APACHE, fsGroup: 33 });
    expect(deployment.spec.template.spec.securityContext).toMatchObject({ fsGroup: 33, fsGroupChangePolicy: 'OnRootMismatch' });
  });

  test('reported under Pod Security "restricted", accepted under "baseline", never silent', () => {
    const { chart } = build({ runAsImageUser: { ...APACHE, capabilities: [AddedCapability.SETUID, AddedCapability.SETGID] } });
    const restricted = validate(chart).findings.filter(f => f.severity === Severity.ERROR).map(f => `${f.rule} ${f.path}`);
    expect(restricted).toStrictEqual([
      'policy/pod-security spec.template.spec.containers[0].securityContext.capabilities.add[0]',
      'policy/pod-security spec.template.spec.containers[0].securityContext.capabilities.add[1]',
      'policy/pod-security spec.template.spec.containers[0].securityContext.runAsNonRoot',
      'policy/pod-security spec.template.spec.securityContext.runAsNonRoot',
    ]);
    const baseline = validate(chart, { podSecurity: PodSecurityLevel.BASELINE });
    expect(baseline.findings.filter(f => f.severity === Severity.ERROR)).toStrictEqual([]);
  });
});

describe('security.bindLowPorts', () => {
  test('only the namespaced sysctl: still UID 10001, all capabilities dropped, and valid under "restricted"', () => {
    const { chart, deployment } = build({ bindLowPorts: { reason: 'the image listens on port 80' } });
    const pod = deployment.spec.template.spec;
    expect(pod.securityContext.sysctls).toStrictEqual([{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }]);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001 });
    expect(pod.containers[0].securityContext.capabilities).toStrictEqual({ drop: ['ALL'] });
    expect(deployment.metadata.annotations[SECURITY_OPT_OUT_ANNOTATION]).toBe('the image listens on port 80');
    expect(validate(chart).findings.filter(f => f.severity === Severity.ERROR)).toStrictEqual([]);
  });

  test('both opt-outs: both reasons recorded', () => {
    const { deployment } = build({ runAsImageUser: APACHE, bindLowPorts: { reason: 'port 80' } });
    expect(deployment.metadata.annotations[SECURITY_OPT_OUT_ANNOTATION]).toBe(`${APACHE.reason}; port 80`);
  });

  test('without an opt-out nothing changes and nothing is recorded', () => {
    const { deployment } = build({});
    expect(deployment.metadata.annotations?.[SECURITY_OPT_OUT_ANNOTATION]).toBeUndefined();
    expect(deployment.spec.template.spec.securityContext.sysctls).toBeUndefined();
  });
});

describe('security opt-outs: bad input', () => {
  test.each<[string, SecurityOptions, string]>([
    ['a root opt-out without a reason', { runAsImageUser: {} as never },
      '[test/Web] \'security.runAsImageUser.reason\' (undefined) is required: say why the image needs it, e.g. { reason: \'the image starts Apache as root\' }'],
    ['an empty reason', { bindLowPorts: { reason: '  ' } },
      '[test/Web] \'security.bindLowPorts.reason\' ("  ") is required: say why the image needs it, e.g. { reason: \'the image starts Apache as root\' }'],
    ['a fixed user and the image user', { runAsImageUser: APACHE, user: 1000 },
      '[test/Web] \'security.user\' (1000) and \'security.runAsImageUser\' cannot be combined: the image\'s user runs the containers; leave \'security.user\' out'],
    ['a capability baseline does not allow (JavaScript)', { runAsImageUser: { ...APACHE, capabilities: ['SYS_ADMIN' as AddedCapability] } },
      '[test/Web] \'security.runAsImageUser.capabilities[0]\' ("SYS_ADMIN") must be one of the capabilities Pod Security "baseline" allows: '
      + 'AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT'],
  ])('%s', (_case, security, message) => {
    expect(() => build(security)).toThrow(message);
  });
});
