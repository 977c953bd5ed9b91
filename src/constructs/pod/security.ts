import { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { plus } from '../core/plus';
import { checkAbsolutePath, checkInteger } from '../core/validators';

/**
 * A capability a container may add back after dropping all: the ones Pod Security Standards
 * "baseline" allows (the Docker defaults). Only `NET_BIND_SERVICE` is allowed under "restricted".
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline (Capabilities)
 */
export enum AddedCapability {
  /** Write records to the kernel audit log. */
  AUDIT_WRITE = 'AUDIT_WRITE',
  /** Change file owners (e.g. an entrypoint that chowns its data as root). */
  CHOWN = 'CHOWN',
  /** Bypass file read, write and execute permission checks. */
  DAC_OVERRIDE = 'DAC_OVERRIDE',
  /** Bypass permission checks on operations that require the file owner. */
  FOWNER = 'FOWNER',
  /** Keep set-user-ID and set-group-ID bits when a file is modified. */
  FSETID = 'FSETID',
  /** Send signals to processes of other users. */
  KILL = 'KILL',
  /** Create special files. */
  MKNOD = 'MKNOD',
  /** Bind ports below 1024. */
  NET_BIND_SERVICE = 'NET_BIND_SERVICE',
  /** Set file capabilities. */
  SETFCAP = 'SETFCAP',
  /** Change the group ID (e.g. Apache or nginx dropping from root to their worker group). */
  SETGID = 'SETGID',
  /** Change the capability sets of other processes. */
  SETPCAP = 'SETPCAP',
  /** Change the user ID (e.g. Apache or nginx dropping from root to their worker user). */
  SETUID = 'SETUID',
  /** Use chroot. */
  SYS_CHROOT = 'SYS_CHROOT',
}

/** An explicit opt-out of a secure default, with the reason it is needed. */
export interface SecurityOptOut {
  /**
   * Why the image needs it, e.g. "the official wordpress image starts Apache as root". Recorded
   * on the workload in the `patterns.cdk8s.io/security-opt-out` annotation.
   */
  readonly reason: string;
}

/** Options of `SecurityOptions.runAsImageUser`. */
export interface ImageUserOptOut extends SecurityOptOut {
  /**
   * Capabilities added back after dropping all, for an image that starts as root and then needs
   * them (Apache: `SETUID`, `SETGID`, `NET_BIND_SERVICE`, ...).
   * @default - none: every capability stays dropped
   */
  readonly capabilities?: AddedCapability[];
}

/**
 * Security settings of a workload's pods. The defaults pass Pod Security Standards "restricted".
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export interface SecurityOptions {
  /**
   * Numeric UID the containers run as (must not be 0).
   * @default 10001
   */
  readonly user?: number;
  /**
   * Numeric GID the containers run as.
   * @default 10001
   */
  readonly group?: number;
  /**
   * GID that owns mounted volumes (`fsGroup`).
   * @default - the `group`
   */
  readonly fsGroup?: number;
  /**
   * Mount the container root filesystem read-only.
   * @default true
   */
  readonly readOnlyRootFilesystem?: boolean;
  /**
   * Paths that get a writable `emptyDir` mount. `/tmp` is always included.
   * @default ['/tmp']
   */
  readonly writablePaths?: string[];
  /**
   * Run the containers as the user the image declares, which may be root, instead of a fixed
   * non-root UID: no `runAsUser`/`runAsGroup`, `runAsNonRoot: false`. For images built to start as
   * root. Under Pod Security "restricted" (the default) validation reports the pods
   * (`policy/pod-security`); choose "baseline" for the app's environment (`Environment.of({ ...,
   * podSecurity: PodSecurityLevel.BASELINE })`, which labels its Namespace for the PodSecurity
   * admission) or for the whole run (`synth(app, { podSecurity: PodSecurityLevel.BASELINE })`);
   * validation then notes each such pod (`policy/pod-security-relaxed`). Cannot be combined with
   * `user` or `group`.
   * @default - run as `user` (10001), never root
   */
  readonly runAsImageUser?: ImageUserOptOut;
  /**
   * Let a non-root process bind ports below 1024 (e.g. 80): sets the pod's namespaced sysctl
   * `net.ipv4.ip_unprivileged_port_start` to 0, which Pod Security "baseline" and "restricted" both
   * allow. Nothing else changes: the containers still run as `user` with all capabilities dropped.
   * @default - ports below 1024 need root
   * @see https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/#safe-and-unsafe-sysctls
   */
  readonly bindLowPorts?: SecurityOptOut;
}

/** Security settings after defaults. */
export interface ResolvedSecurity {
  /** UID. */
  readonly user: number;
  /** GID. */
  readonly group: number;
  /** fsGroup. */
  readonly fsGroup: number;
  /** Read-only root filesystem. */
  readonly readOnlyRootFilesystem: boolean;
  /** Writable paths, `/tmp` first, without duplicates. */
  readonly writablePaths: string[];
  /**
   * The image's own user instead of `user`/`group`: the capabilities added back, and whether an
   * `fsGroup` was given (otherwise none is rendered).
   */
  readonly imageUser?: { readonly capabilities: AddedCapability[]; readonly fsGroup: boolean };
  /** Non-root processes may bind ports below 1024. */
  readonly bindLowPorts: boolean;
  /** The reasons of the opt-outs, in the order of the props (`runAsImageUser`, `bindLowPorts`). */
  readonly optOutReasons: string[];
}

/** The annotation on the workload that records why it opts out of a secure default. */
export const SECURITY_OPT_OUT_ANNOTATION = 'patterns.cdk8s.io/security-opt-out';

/** The sysctl that lets non-root processes bind ports below 1024. */
const UNPRIVILEGED_PORT_START = 'net.ipv4.ip_unprivileged_port_start';

/** The default UID and GID. */
export const DEFAULT_USER = 10001;

const MAX_ID = 2147483647;

/**
 * Resolves the defaults of `SecurityOptions` and validates them.
 *
 * @internal
 */
export function resolveSecurity(scope: IConstruct, options: SecurityOptions = {}): ResolvedSecurity {
  const user = options.user ?? DEFAULT_USER;
  const group = options.group ?? DEFAULT_USER;
  const fsGroup = options.fsGroup ?? group;
  checkInteger(scope, 'security.user', user, 0, MAX_ID);
  if (user === 0) {
    throw new ValidationError(scope, '\'security.user\' (0) must not be root: use a non-zero UID such as 10001');
  }
  checkInteger(scope, 'security.group', group, 0, MAX_ID);
  checkInteger(scope, 'security.fsGroup', fsGroup, 0, MAX_ID);
  const writablePaths = ['/tmp'];
  for (const path of options.writablePaths ?? []) {
    checkAbsolutePath(scope, 'security.writablePaths', path);
    const normalized = path.length > 1 ? path.replace(/\/+$/, '') : path;
    if (!writablePaths.includes(normalized)) {
      writablePaths.push(normalized);
    }
  }
  const optOutReasons: string[] = [];
  let imageUser: ResolvedSecurity['imageUser'];
  if (options.runAsImageUser !== undefined) {
    optOutReasons.push(checkReason(scope, 'security.runAsImageUser', options.runAsImageUser));
    for (const prop of ['user', 'group'] as const) {
      if (options[prop] !== undefined) {
        throw new ValidationError(scope, `'security.${prop}' (${options[prop]}) and 'security.runAsImageUser' cannot be combined: `
          + `the image's user runs the containers; leave 'security.${prop}' out`);
      }
    }
    const capabilities = [...(options.runAsImageUser.capabilities ?? [])];
    capabilities.forEach((capability, index) => {
      if (!Object.values(AddedCapability).includes(capability)) {
        throw new ValidationError(scope, `'security.runAsImageUser.capabilities[${index}]' (${JSON.stringify(capability)}) `
          + `must be one of the capabilities Pod Security "baseline" allows: ${Object.values(AddedCapability).join(', ')}`);
      }
    });
    imageUser = { capabilities: [...new Set(capabilities)], fsGroup: options.fsGroup !== undefined };
  }
  if (options.bindLowPorts !== undefined) {
    optOutReasons.push(checkReason(scope, 'security.bindLowPorts', options.bindLowPorts));
  }
  return {
    user,
    group,
    fsGroup,
    readOnlyRootFilesystem: options.readOnlyRootFilesystem ?? true,
    writablePaths,
    ...(imageUser ? { imageUser } : {}),
    bindLowPorts: options.bindLowPorts !== undefined,
    optOutReasons,
  };
}

/** The reason of an opt-out: a non-empty string. */
function checkReason(scope: IConstruct, prop: string, optOut: SecurityOptOut): string {
  const reason = (optOut as Partial<SecurityOptOut> | null)?.reason;
  if (typeof reason !== 'string' || reason.trim() === '') {
    throw new ValidationError(scope, `'${prop}.reason' (${JSON.stringify(reason) ?? String(reason)}) is required: `
      + 'say why the image needs it, e.g. { reason: \'the image starts Apache as root\' }');
  }
  return reason.trim();
}

/**
 * The container security context: non-root, no privilege escalation, all capabilities dropped,
 * seccomp RuntimeDefault, read-only root filesystem (unless disabled).
 *
 * @internal
 */
export function containerSecurityContext(security: ResolvedSecurity): plus.ContainerSecurityContextProps {
  const added = security.imageUser?.capabilities ?? [];
  return {
    ensureNonRoot: security.imageUser === undefined,
    ...(security.imageUser === undefined ? { user: security.user, group: security.group } : {}),
    privileged: false,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: security.readOnlyRootFilesystem,
    capabilities: { drop: [plus.Capability.ALL], ...(added.length ? { add: added.map(c => c as string as plus.Capability) } : {}) },
    seccompProfile: { type: plus.SeccompProfileType.RUNTIME_DEFAULT },
  };
}

/**
 * The pod security context: non-root with numeric UID/GID and fsGroup.
 * (The pod-level seccomp profile is added by the pod spec extras.)
 *
 * @internal
 */
export function podSecurityContext(security: ResolvedSecurity): plus.PodSecurityContextProps {
  return {
    ensureNonRoot: security.imageUser === undefined,
    ...(security.imageUser === undefined ? { user: security.user, group: security.group } : {}),
    ...(security.imageUser === undefined || security.imageUser.fsGroup
      ? { fsGroup: security.fsGroup, fsGroupChangePolicy: plus.FsGroupChangePolicy.ON_ROOT_MISMATCH } : {}),
    ...(security.bindLowPorts ? { sysctls: [{ name: UNPRIVILEGED_PORT_START, value: '0' }] } : {}),
  };
}
