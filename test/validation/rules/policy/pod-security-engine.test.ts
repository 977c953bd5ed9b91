/**
 * `policy/pod-security` in the engine: a Namespace's level applies to the objects of its namespace
 * whatever the order and batches they arrive in, and its findings replace the best-practice
 * duplicates on the same field in a single-thread run and in a split run (workers + main thread) alike.
 */
import { createValidator, validate } from '../../../../src/validation/engine';
import { bundleSideOptions, mergeReports, objectSideOptions } from '../../../../src/validation/parse/chunk-validate';
import { ValidationOptions } from '../../../../src/validation/config';
import { PodSecurityLevel } from '../../../../src/validation/rule';
import { Finding, KubeObject, Severity, SourcedObject } from '../../../../src/validation/types';
import { SECURITY_OPT_OUT_ANNOTATION as READ_BY_VALIDATION } from '../../../../src/validation/rules/policy/pod-security/pod-security-relaxed-rule';
import { SECURITY_OPT_OUT_ANNOTATION } from '../../../../src/constructs/pod/security';

const C = 'spec.template.spec.containers[0]';

function namespace(name: string, level: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'pod-security.kubernetes.io/enforce': level } } };
}

/** A Deployment that runs as root (the image user) with privilege escalation allowed. */
function rootWorkload(ns: string): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'blog', namespace: ns, annotations: { 'patterns.cdk8s.io/security-opt-out': 'Apache starts as root' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'blog' } },
      template: {
        metadata: { labels: { app: 'blog' } },
        spec: {
          containers: [{
            name: 'app',
            image: 'wordpress:6.7.1-apache',
            resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '64Mi' } },
            ports: [{ containerPort: 80 }],
            readinessProbe: { tcpSocket: { port: 80 } },
            livenessProbe: { tcpSocket: { port: 80 } },
            securityContext: { runAsNonRoot: false, allowPrivilegeEscalation: true, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] },
              seccompProfile: { type: 'RuntimeDefault' } },
          }],
        },
      },
    },
  };
}

const QUIET: ValidationOptions['rules'] = {
  'pdb-missing': Severity.OFF, 'network-policy-missing': Severity.OFF, 'default-service-account': Severity.OFF,
};

const sourced = (objects: KubeObject[]): SourcedObject[] => objects.map((object, i) => ({ object, source: { file: 'in.yaml', line: 1 + i * 40 } }));
const summary = (findings: readonly Finding[]) => findings.map((f) => `${f.rule} ${f.severity} ${f.path}`);

describe('policy/pod-security in the engine', () => {
  test('validation reads the opt-out annotation the constructs write', () => {
    expect(READ_BY_VALIDATION).toBe(SECURITY_OPT_OUT_ANNOTATION);
  });

  test('the Namespace may come after its objects, in another batch', () => {
    const validator = createValidator({ rules: QUIET });
    validator.add(sourced([rootWorkload('blog')]));
    validator.add(sourced([namespace('blog', 'baseline')]));
    const report = validator.finish();
    expect(summary(report.findings)).toStrictEqual([
      'policy/pod-security-relaxed warning spec.template.spec',
      `policy/privilege-escalation error ${C}.securityContext.allowPrivilegeEscalation`,
      `policy/run-as-non-root warning ${C}.securityContext.runAsNonRoot`,
    ]);
  });

  test('a restricted Namespace under a baseline run: pod-security speaks for the fields, once each', () => {
    const report = validate(sourced([namespace('shop', 'restricted'), rootWorkload('shop')]), { rules: QUIET, podSecurity: PodSecurityLevel.BASELINE });
    expect(summary(report.findings)).toStrictEqual([
      `policy/pod-security error ${C}.securityContext.allowPrivilegeEscalation`,
      `policy/pod-security error ${C}.securityContext.runAsNonRoot`,
    ]);
  });

  test.each([
    ['a restricted Namespace under a baseline run', [namespace('shop', 'restricted'), rootWorkload('shop')], PodSecurityLevel.BASELINE],
    ['a baseline Namespace under a restricted run', [rootWorkload('blog'), namespace('blog', 'baseline')], PodSecurityLevel.RESTRICTED],
    ['no Namespace', [rootWorkload('blog')], PodSecurityLevel.RESTRICTED],
  ])('a split run (workers + main thread) reports what a single-thread run does: %s', (_name, objects, podSecurity) => {
    const options: ValidationOptions = { rules: QUIET, podSecurity };
    const single = validate(sourced(objects), options);
    const objectSide = createValidator(objectSideOptions(options));
    objectSide.add(sourced(objects));
    const partial = objectSide.finish();
    const bundleSide = createValidator(bundleSideOptions(options));
    bundleSide.add(sourced(objects));
    const merged = mergeReports(options, bundleSide.finish(), [partial]);
    expect(merged.findings).toStrictEqual(single.findings);
  });
});
