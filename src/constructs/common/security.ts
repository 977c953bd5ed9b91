import { IConstruct } from 'constructs';
import { ValidationError } from './errors';
import { plus } from './plus';
import { checkAbsolutePath, checkInteger } from './validators';

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
}

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
  return {
    user,
    group,
    fsGroup,
    readOnlyRootFilesystem: options.readOnlyRootFilesystem ?? true,
    writablePaths,
  };
}

/**
 * The container security context: non-root, no privilege escalation, all capabilities dropped,
 * seccomp RuntimeDefault, read-only root filesystem (unless disabled).
 *
 * @internal
 */
export function containerSecurityContext(security: ResolvedSecurity): plus.ContainerSecurityContextProps {
  return {
    ensureNonRoot: true,
    user: security.user,
    group: security.group,
    privileged: false,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: security.readOnlyRootFilesystem,
    capabilities: { drop: [plus.Capability.ALL] },
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
    ensureNonRoot: true,
    user: security.user,
    group: security.group,
    fsGroup: security.fsGroup,
    fsGroupChangePolicy: plus.FsGroupChangePolicy.ON_ROOT_MISMATCH,
  };
}
