import { PodSecurityLevel } from '../../../../src/validation/rule';
import { podSecurityRelaxedRule } from '../../../../src/validation/rules/policy/pod-security/pod-security-relaxed-rule';
import { podSecurityRule } from '../../../../src/validation/rules/policy/pod-security/pod-security-rule';
import { Case, container, context, cronJob, deployment, pod, run } from '../cross/fixtures';

const baseline = context({ podSecurity: PodSecurityLevel.BASELINE });
const restricted = context({ podSecurity: PodSecurityLevel.RESTRICTED });
const B = 'Forbidden: violates PodSecurity "baseline:v1.28"';
const R = 'Forbidden: violates PodSecurity "restricted:v1.28"';
const C = 'spec.template.spec.containers[0]';

/** A container that satisfies the restricted profile. */
const hardened = (name = 'app', extra: Record<string, unknown> = {}) =>
  container({
    name,
    extra: {
      securityContext: {
        allowPrivilegeEscalation: false,
        runAsNonRoot: true,
        seccompProfile: { type: 'RuntimeDefault' },
        capabilities: { drop: ['ALL'] },
        ...extra,
      },
    },
  });

describe('policy/pod-security baseline', () => {
  const cases: Case[] = [
    { name: 'a plain pod passes baseline', objects: [deployment()], context: baseline, expected: [] },
    {
      name: 'host namespaces, privileged, capabilities, hostPath and hostPort are reported',
      objects: [
        deployment({
          podSpec: { hostNetwork: true, hostPID: true, volumes: [{ name: 'root', hostPath: { path: '/' } }] },
          containers: [
            container({
              ports: [{ containerPort: 80, hostPort: 80 }],
              extra: { securityContext: { privileged: true, capabilities: { add: ['NET_BIND_SERVICE', 'NET_ADMIN'] } } },
            }),
          ],
        }),
      ],
      context: baseline,
      expected: [
        { index: 0, path: 'spec.template.spec.hostNetwork', message: `${B}: host namespaces (hostNetwork=true)` },
        { index: 0, path: 'spec.template.spec.hostPID', message: `${B}: host namespaces (hostPID=true)` },
        { index: 0, path: `${C}.securityContext.privileged`, message: `${B}: privileged (container "app" must not set securityContext.privileged=true)` },
        {
          index: 0,
          path: `${C}.securityContext.capabilities.add[1]`,
          message: `${B}: non-default capabilities (container "app" must not include "NET_ADMIN" in securityContext.capabilities.add)`,
        },
        { index: 0, path: 'spec.template.spec.volumes[0].hostPath', message: `${B}: hostPath volumes (volume "root")` },
        { index: 0, path: `${C}.ports[0].hostPort`, message: `${B}: hostPort (container "app" uses hostPort 80)` },
      ],
    },
    {
      name: 'paths index the lists as written, entries that are not objects included',
      objects: [
        deployment({
          podSpec: { volumes: ['not-a-volume', { name: 'root', hostPath: { path: '/' } }] },
          containers: [container({ ports: ['not-a-port' as unknown as Record<string, unknown>, { containerPort: 80, hostPort: 8080 }] })],
        }),
      ],
      context: baseline,
      expected: [
        { index: 0, path: 'spec.template.spec.volumes[1].hostPath', message: `${B}: hostPath volumes (volume "root")` },
        { index: 0, path: `${C}.ports[1].hostPort`, message: `${B}: hostPort (container "app" uses hostPort 8080)` },
      ],
    },
    {
      name: 'AppArmor, SELinux, procMount, seccomp, sysctls and hostProcess are reported on a bare Pod',
      objects: [
        {
          ...pod({
            podSpec: {
              securityContext: {
                seLinuxOptions: { type: 'spc_t' },
                seccompProfile: { type: 'Unconfined' },
                sysctls: [{ name: 'net.ipv4.ip_local_port_range', value: '1024 65535' }, { name: 'kernel.msgmax', value: '65536' }],
                windowsOptions: { hostProcess: true },
              },
            },
            containers: [container({ extra: { securityContext: { procMount: 'Unmasked', seLinuxOptions: { user: 'root' } } } })],
          }),
          metadata: {
            name: 'debug',
            annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' },
          },
        },
      ],
      context: baseline,
      expected: [
        { index: 0, path: 'spec.securityContext.windowsOptions.hostProcess', message: `${B}: hostProcess (pod must not set securityContext.windowsOptions.hostProcess=true)` },
        {
          index: 0,
          path: 'metadata.annotations[container.apparmor.security.beta.kubernetes.io/app]',
          message: `${B}: forbidden AppArmor profile (container.apparmor.security.beta.kubernetes.io/app="unconfined")`,
        },
        { index: 0, path: 'spec.securityContext.seLinuxOptions.type', message: `${B}: seLinuxOptions (pod set forbidden securityContext.seLinuxOptions: type "spc_t")` },
        {
          index: 0,
          path: 'spec.containers[0].securityContext.seLinuxOptions.user',
          message: `${B}: seLinuxOptions (container "app" set forbidden securityContext.seLinuxOptions: user "root")`,
        },
        {
          index: 0,
          path: 'spec.containers[0].securityContext.procMount',
          message: `${B}: procMount (container "app" must not set securityContext.procMount to "Unmasked")`,
        },
        { index: 0, path: 'spec.securityContext.seccompProfile.type', message: `${B}: seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")` },
        { index: 0, path: 'spec.securityContext.sysctls[1].name', message: `${B}: forbidden sysctls (kernel.msgmax)` },
      ],
    },
    {
      name: 'allowed values pass: localhost AppArmor, container_t, Default procMount, safe sysctls, baseline capabilities',
      objects: [
        deployment({
          annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'localhost/custom' },
          podSpec: { securityContext: { seLinuxOptions: { type: 'container_t', level: 's0:c1' }, sysctls: [{ name: 'net.ipv4.tcp_syncookies', value: '1' }] } },
          containers: [container({ extra: { securityContext: { procMount: 'Default', capabilities: { add: ['CHOWN', 'CAP_KILL'] } } } })],
        }),
      ],
      context: baseline,
      expected: [],
    },
    { name: 'baseline does not apply restricted controls', objects: [deployment({ podSpec: { securityContext: { runAsUser: 0 } } })], context: baseline, expected: [] },
  ];
  test.each(cases)('$name', ({ objects, context: ctx, expected }) => {
    expect(run(podSecurityRule, objects, ctx)).toEqual(expected);
  });
});

describe('policy/pod-security restricted', () => {
  const cases: Case[] = [
    { name: 'a hardened container passes', objects: [deployment({ containers: [hardened()] })], context: restricted, expected: [] },
    {
      name: 'pod-level runAsNonRoot and seccomp cover every container; NET_BIND_SERVICE may be added',
      objects: [
        deployment({
          podSpec: { securityContext: { runAsNonRoot: true, seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } } },
          containers: [container({ extra: { securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } } } })],
        }),
      ],
      context: restricted,
      expected: [],
    },
    {
      name: 'a default container fails every restricted control, with admission-style messages',
      objects: [deployment()],
      context: restricted,
      expected: [
        {
          index: 0,
          path: `${C}.securityContext.allowPrivilegeEscalation`,
          message: `${R}: allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false)`,
        },
        { index: 0, path: `${C}.securityContext.runAsNonRoot`, message: `${R}: runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true)` },
        {
          index: 0,
          path: `${C}.securityContext.seccompProfile.type`,
          message: `${R}: seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")`,
        },
        { index: 0, path: `${C}.securityContext.capabilities.drop`, message: `${R}: unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"])` },
      ],
    },
    {
      name: 'restricted volume types, root user, explicit runAsNonRoot=false and added capabilities are reported once each (CronJob, init container)',
      objects: [
        cronJob({
          podSpec: {
            securityContext: { runAsUser: 0 },
            volumes: [{ name: 'data', emptyDir: {} }, { name: 'nfs', nfs: { server: 'n', path: '/' } }],
            initContainers: [hardened('setup', { runAsNonRoot: false, capabilities: { drop: ['ALL'], add: ['SYS_TIME'] } })],
          },
          containers: [hardened()],
        }),
      ],
      context: restricted,
      expected: [
        {
          index: 0,
          path: 'spec.jobTemplate.spec.template.spec.volumes[1].nfs',
          message: `${R}: restricted volume types (volume "nfs" uses restricted volume type "nfs")`,
        },
        {
          index: 0,
          path: 'spec.jobTemplate.spec.template.spec.initContainers[0].securityContext.runAsNonRoot',
          message: `${R}: runAsNonRoot != true (container "setup" must not set securityContext.runAsNonRoot=false)`,
        },
        { index: 0, path: 'spec.jobTemplate.spec.template.spec.securityContext.runAsUser', message: `${R}: runAsUser=0 (pod must not set runAsUser=0)` },
        {
          index: 0,
          path: 'spec.jobTemplate.spec.template.spec.initContainers[0].securityContext.capabilities.add[0]',
          message: `${R}: unrestricted capabilities (container "setup" must not include "SYS_TIME" in securityContext.capabilities.add)`,
        },
      ],
    },
    {
      name: 'restricted replaces the baseline hostPath and capabilities controls: one failure per field',
      objects: [
        deployment({
          podSpec: { volumes: [{ name: 'root', hostPath: { path: '/' } }] },
          containers: [hardened('app', { capabilities: { drop: ['ALL'], add: ['NET_ADMIN', 'NET_BIND_SERVICE'] } })],
        }),
      ],
      context: restricted,
      expected: [
        {
          index: 0,
          path: 'spec.template.spec.volumes[0].hostPath',
          message: `${R}: restricted volume types (volume "root" uses restricted volume type "hostPath")`,
        },
        {
          index: 0,
          path: `${C}.securityContext.capabilities.add[0]`,
          message: `${R}: unrestricted capabilities (container "app" must not include "NET_ADMIN" in securityContext.capabilities.add)`,
        },
      ],
    },
    {
      name: 'Windows pods are exempt from privilege escalation, seccomp and capabilities',
      objects: [deployment({ podSpec: { os: { name: 'windows' }, securityContext: { runAsNonRoot: true } } })],
      context: restricted,
      expected: [],
    },
  ];
  test.each(cases)('$name', ({ objects, context: ctx, expected }) => {
    expect(run(podSecurityRule, objects, ctx)).toEqual(expected);
  });
});

/** A Namespace with Pod Security labels. */
const labelled = (name: string, labels: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
const enforce = (name: string, level: string, version?: string) =>
  labelled(name, { 'pod-security.kubernetes.io/enforce': level, ...(version === undefined ? {} : { 'pod-security.kubernetes.io/enforce-version': version }) });
/** A container that passes baseline and fails only "Running as Non-root" of restricted (the image-user opt-out). */
const imageUser = () => hardened('wordpress', { runAsNonRoot: false });
const ROOT = `${C}.securityContext.runAsNonRoot`;
const ROOT_DETAIL = 'runAsNonRoot != true (container "wordpress" must not set securityContext.runAsNonRoot=false)';

describe('policy/pod-security by the level of the namespace (pod-security.kubernetes.io/enforce)', () => {
  const cases: Case[] = [
    {
      name: 'a baseline Namespace allows what the run\'s restricted rejects',
      objects: [enforce('blog', 'baseline'), deployment({ namespace: 'blog', containers: [imageUser()] })],
      context: restricted,
      expected: [],
    },
    {
      name: 'objects of other namespaces, and without one, keep the run\'s level',
      objects: [enforce('blog', 'baseline'), deployment({ namespace: 'shop', containers: [imageUser()] }), deployment({ containers: [imageUser()] })],
      context: restricted,
      expected: [
        { index: 1, path: ROOT, message: `${R}: ${ROOT_DETAIL}` },
        { index: 2, path: ROOT, message: `${R}: ${ROOT_DETAIL}` },
      ],
    },
    {
      name: 'a restricted Namespace wins over the run\'s baseline, and says so',
      objects: [enforce('shop', 'restricted'), deployment({ namespace: 'shop', containers: [imageUser()] })],
      context: baseline,
      expected: [{
        index: 1,
        path: ROOT,
        message: `${R}: ${ROOT_DETAIL}; "restricted" is chosen by Namespace "shop" (pod-security.kubernetes.io/enforce=restricted) over the run's "baseline"`,
      }],
    },
    {
      name: 'a baseline Namespace still rejects what baseline forbids, naming its level and the Namespace',
      objects: [enforce('blog', 'baseline', 'latest'), deployment({ namespace: 'blog', podSpec: { hostNetwork: true }, containers: [imageUser()] })],
      context: restricted,
      expected: [{
        index: 1,
        path: 'spec.template.spec.hostNetwork',
        message: 'Forbidden: violates PodSecurity "baseline:latest": host namespaces (hostNetwork=true); '
          + '"baseline" is chosen by Namespace "blog" (pod-security.kubernetes.io/enforce=baseline) over the run\'s "restricted"',
      }],
    },
    {
      name: 'privileged checks nothing',
      objects: [enforce('system', 'privileged'), deployment({ namespace: 'system', podSpec: { hostNetwork: true } })],
      context: restricted,
      expected: [],
    },
    {
      name: 'an unknown level is read as restricted and an unknown version as latest, as the admission does',
      objects: [enforce('blog', 'basline', '1.28'), deployment({ namespace: 'blog', containers: [imageUser()] })],
      context: baseline,
      expected: [{
        index: 1,
        path: ROOT,
        message: 'Forbidden: violates PodSecurity "restricted:latest": '
          + `${ROOT_DETAIL}; "restricted" is chosen by Namespace "blog" (pod-security.kubernetes.io/enforce=basline, read as "restricted") over the run's "baseline"`,
      }],
    },
    {
      name: 'a Namespace without the enforce label (warn and audit only) leaves the run\'s level',
      objects: [labelled('blog', { 'pod-security.kubernetes.io/warn': 'baseline' }), deployment({ namespace: 'blog', containers: [imageUser()] })],
      context: restricted,
      expected: [{ index: 1, path: ROOT, message: `${R}: ${ROOT_DETAIL}` }],
    },
    {
      name: 'the Namespace "default" labels the objects without a namespace',
      objects: [enforce('default', 'baseline'), deployment({ containers: [imageUser()] })],
      context: restricted,
      expected: [],
    },
  ];
  test.each(cases)('$name', ({ objects, context: ctx, expected }) => {
    expect(run(podSecurityRule, objects, ctx)).toEqual(expected);
  });
});

describe('policy/pod-security-relaxed: what a level below restricted allows is never silent', () => {
  const OPT_OUT = { 'patterns.cdk8s.io/security-opt-out': 'runAsImageUser: the image starts Apache as root' };
  const withOptOut = (o: Record<string, unknown>) => {
    const d = o as { metadata: Record<string, unknown> };
    return { ...d, metadata: { ...d.metadata, annotations: OPT_OUT } };
  };
  const cases: Case[] = [
    {
      name: 'a workload that meets restricted gets no note, whatever its level',
      objects: [enforce('blog', 'baseline'), deployment({ namespace: 'blog', containers: [hardened()] })],
      context: restricted,
      expected: [],
    },
    {
      name: 'a baseline Namespace: the note names what restricted rejects, the level, the Namespace and the opt-out reason',
      objects: [enforce('blog', 'baseline'), withOptOut(deployment({ namespace: 'blog', containers: [imageUser()] }))],
      context: restricted,
      expected: [{
        index: 1,
        path: 'spec.template.spec',
        message: 'Forbidden by PodSecurity "restricted:v1.28", allowed by "baseline:v1.28" of Namespace "blog" (pod-security.kubernetes.io/enforce=baseline): '
          + `${ROOT_DETAIL}; security opt-out: "runAsImageUser: the image starts Apache as root"`,
      }],
    },
    {
      name: 'the run\'s baseline: the note names the run, and that no opt-out is recorded',
      objects: [deployment({ containers: [imageUser()] })],
      context: baseline,
      expected: [{
        index: 0,
        path: 'spec.template.spec',
        message: 'Forbidden by PodSecurity "restricted:v1.28", allowed by "baseline:v1.28" of the run (the podSecurity option, --pss): '
          + `${ROOT_DETAIL}; no security opt-out is recorded (annotation patterns.cdk8s.io/security-opt-out)`,
      }],
    },
    {
      name: 'privileged: every restricted failure is listed (baseline ones included)',
      objects: [enforce('system', 'privileged'), deployment({ namespace: 'system', podSpec: { hostPID: true }, containers: [imageUser()] })],
      context: restricted,
      expected: [{
        index: 1,
        path: 'spec.template.spec',
        message: 'Forbidden by PodSecurity "restricted:v1.28", allowed by "privileged:v1.28" of Namespace "system" (pod-security.kubernetes.io/enforce=privileged): '
          + `host namespaces (hostPID=true); ${ROOT_DETAIL}; no security opt-out is recorded (annotation patterns.cdk8s.io/security-opt-out)`,
      }],
    },
    {
      name: 'a restricted Namespace under the run\'s baseline: errors, no note',
      objects: [enforce('shop', 'restricted'), deployment({ namespace: 'shop', containers: [imageUser()] })],
      context: baseline,
      expected: [],
    },
  ];
  test.each(cases)('$name', ({ objects, context: ctx, expected }) => {
    expect(run(podSecurityRelaxedRule, objects, ctx)).toEqual(expected);
  });
});
