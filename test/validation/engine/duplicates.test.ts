import { validate } from '../../../src/validation/engine';
import { sameField } from '../../../src/validation/engine-duplicates';
import { PodSecurityLevel } from '../../../src/validation/rule';
import { KubeObject, Severity } from '../../../src/validation/types';

/** A Deployment that breaks Pod Security and most security best practices at once (its other best practices are met). */
function riskyWorkload(annotations: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', annotations },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          hostNetwork: true,
          securityContext: { sysctls: [{ name: 'kernel.msgmax', value: '65536' }] },
          volumes: [{ name: 'docker', hostPath: { path: '/var/run/docker.sock' } }],
          containers: [
            {
              name: 'app',
              image: 'nginx:1.25',
              ports: [{ containerPort: 80, hostPort: 80 }],
              resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '64Mi' } },
              readinessProbe: { httpGet: { path: '/', port: 80 } },
              livenessProbe: { httpGet: { path: '/', port: 80 } },
              volumeMounts: [{ name: 'docker', mountPath: '/var/run/docker.sock', readOnly: true }],
              securityContext: {
                privileged: true,
                allowPrivilegeEscalation: true,
                runAsUser: 0,
                readOnlyRootFilesystem: true,
                capabilities: { add: ['SYS_ADMIN'] },
              },
            },
          ],
        },
      },
    },
  };
}

/** Bundle-level best practices that do not concern the pod's fields (and the note on a level below restricted). */
const QUIET = {
  'pdb-missing': Severity.OFF, 'network-policy-missing': Severity.OFF, 'default-service-account': Severity.OFF, 'pod-security-relaxed': Severity.OFF,
};
const C = 'spec.template.spec.containers[0]';
const S = 'spec.template.spec';

function summary(findings: readonly { rule: string; severity: Severity; path: string }[]): string[] {
  return findings.map((f) => `${f.rule} ${f.severity} ${f.path}`);
}

describe('one finding per field: Pod Security and the best-practice rules', () => {
  test('restricted (the default) speaks for every field it fails; the best-practice duplicates are dropped', () => {
    const report = validate([riskyWorkload()], { rules: QUIET });
    expect(summary(report.findings)).toEqual([
      `policy/pod-security error ${C}.ports[0].hostPort`,
      `policy/pod-security error ${C}.securityContext.allowPrivilegeEscalation`,
      `policy/pod-security error ${C}.securityContext.capabilities.add[0]`,
      `policy/pod-security error ${C}.securityContext.capabilities.drop`,
      `policy/pod-security error ${C}.securityContext.privileged`,
      `policy/pod-security error ${C}.securityContext.runAsNonRoot`,
      `policy/pod-security error ${C}.securityContext.runAsUser`,
      `policy/pod-security error ${C}.securityContext.seccompProfile.type`,
      `policy/pod-security error ${S}.hostNetwork`,
      `policy/pod-security error ${S}.securityContext.sysctls[0].name`,
      `policy/pod-security error ${S}.volumes[0].hostPath`,
    ]);
    expect(report.findings.find((f) => f.path === `${C}.securityContext.privileged`)?.message).toBe(
      'Forbidden: violates PodSecurity "restricted:v1.28": privileged (container "app" must not set securityContext.privileged=true)',
    );
  });

  test('with baseline, the best-practice rules speak for the fields baseline does not check', () => {
    const report = validate([riskyWorkload()], { rules: QUIET, podSecurity: PodSecurityLevel.BASELINE });
    expect(summary(report.findings)).toEqual([
      `policy/pod-security error ${C}.ports[0].hostPort`,
      `policy/privilege-escalation error ${C}.securityContext.allowPrivilegeEscalation`,
      `policy/pod-security error ${C}.securityContext.capabilities.add[0]`,
      `policy/drop-capabilities warning ${C}.securityContext.capabilities.drop`,
      `policy/pod-security error ${C}.securityContext.privileged`,
      `policy/run-as-non-root warning ${C}.securityContext.runAsNonRoot`,
      `policy/pod-security error ${S}.hostNetwork`,
      `policy/pod-security error ${S}.securityContext.sysctls[0].name`,
      `policy/pod-security error ${S}.volumes[0].hostPath`,
    ]);
  });

  test('the stronger severity stays: Pod Security lowered to a warning leaves the best-practice errors', () => {
    const report = validate([riskyWorkload()], { rules: { ...QUIET, 'pod-security': Severity.WARNING } });
    expect(summary(report.findings)).toEqual([
      `policy/pod-security warning ${C}.ports[0].hostPort`,
      `policy/privilege-escalation error ${C}.securityContext.allowPrivilegeEscalation`,
      `policy/dangerous-capabilities error ${C}.securityContext.capabilities.add[0]`,
      `policy/pod-security warning ${C}.securityContext.capabilities.drop`,
      `policy/privileged-container error ${C}.securityContext.privileged`,
      `policy/pod-security warning ${C}.securityContext.runAsNonRoot`,
      `policy/pod-security warning ${C}.securityContext.runAsUser`,
      `policy/pod-security warning ${C}.securityContext.seccompProfile.type`,
      `policy/host-namespaces error ${S}.hostNetwork`,
      `policy/pod-security warning ${S}.securityContext.sysctls[0].name`,
      `policy/sensitive-host-mounts error ${S}.volumes[0].hostPath.path`,
    ]);
  });

  test('a suppressed Pod Security finding leaves the field to the best-practice rules', () => {
    const report = validate([riskyWorkload({ 'ignore-check.cdk8s-patterns.io/pod-security': 'node agent, reviewed' })], { rules: QUIET });
    expect(summary(report.findings)).toEqual([
      `policy/host-port warning ${C}.ports[0].hostPort`,
      `policy/privilege-escalation error ${C}.securityContext.allowPrivilegeEscalation`,
      `policy/dangerous-capabilities error ${C}.securityContext.capabilities.add[0]`,
      `policy/drop-capabilities warning ${C}.securityContext.capabilities.drop`,
      `policy/privileged-container error ${C}.securityContext.privileged`,
      `policy/run-as-non-root warning ${C}.securityContext.runAsNonRoot`,
      `policy/host-namespaces error ${S}.hostNetwork`,
      `policy/unsafe-sysctls warning ${S}.securityContext.sysctls[0].name`,
      `policy/sensitive-host-mounts error ${S}.volumes[0].hostPath.path`,
    ]);
    expect(report.suppressed).toHaveLength(11);
  });

  test('findings of other layers on the same field are kept', () => {
    const object = riskyWorkload();
    const report = validate([{ ...object, spec: { ...(object.spec as object), replicas: -1 } }], { rules: QUIET });
    expect(summary(report.findings).filter((f) => f.endsWith(' spec.replicas'))).toEqual([
      'api/deployment error spec.replicas',
      'policy/min-replicas warning spec.replicas',
    ]);
  });
});

describe('sameField', () => {
  test.each([
    ['a.b', 'a.b', true],
    ['a.b', 'a.b.c', true],
    ['a.b.c', 'a.b', true],
    ['a.b', 'a.b[0]', true],
    ['a.b', 'a.bc', false],
    ['a.b', 'a.c', false],
    ['', 'a', false],
    ['', '', true],
    ['a[1]', 'a[10]', false],
  ])('%j and %j: %s', (a, b, expected) => {
    expect(sameField(a, b)).toBe(expected);
  });
});
