/**
 * A small Pod Security Standards "restricted" checker for tests (Kubernetes 1.28 rules).
 * Returns the list of violations of one pod spec; empty means compliant.
 */
const ALLOWED_VOLUME_TYPES = new Set([
  'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret',
]);

export function pssRestrictedViolations(podSpec: any): string[] {
  const problems: string[] = [];
  const podSc = podSpec.securityContext ?? {};
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
    if (podSpec[field] === true) problems.push(`${field} must not be true`);
  }
  for (const volume of podSpec.volumes ?? []) {
    const types = Object.keys(volume).filter(k => k !== 'name');
    for (const t of types) {
      if (!ALLOWED_VOLUME_TYPES.has(t)) problems.push(`volume ${volume.name} uses forbidden type ${t}`);
    }
  }
  if (podSc.runAsUser === 0) problems.push('pod runAsUser must not be 0');
  const podSeccomp = podSc.seccompProfile?.type;
  const containers = [...podSpec.containers ?? [], ...podSpec.initContainers ?? [], ...podSpec.ephemeralContainers ?? []];
  for (const c of containers) {
    const sc = c.securityContext ?? {};
    const where = `container ${c.name}`;
    if (sc.privileged === true) problems.push(`${where} must not be privileged`);
    if (sc.allowPrivilegeEscalation !== false) problems.push(`${where} allowPrivilegeEscalation must be false`);
    if (!(sc.runAsNonRoot === true || (sc.runAsNonRoot === undefined && podSc.runAsNonRoot === true))) {
      problems.push(`${where} must set runAsNonRoot true`);
    }
    if (sc.runAsUser === 0) problems.push(`${where} runAsUser must not be 0`);
    const drop: string[] = sc.capabilities?.drop ?? [];
    if (!drop.includes('ALL')) problems.push(`${where} must drop ALL capabilities`);
    for (const cap of sc.capabilities?.add ?? []) {
      if (cap !== 'NET_BIND_SERVICE') problems.push(`${where} must not add capability ${cap}`);
    }
    const seccomp = sc.seccompProfile?.type ?? podSeccomp;
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') problems.push(`${where} seccompProfile must be RuntimeDefault or Localhost`);
    for (const port of c.ports ?? []) {
      if (port.hostPort) problems.push(`${where} must not use hostPort`);
    }
  }
  return problems;
}

/** The pod specs of every workload object in a synthesized manifest list. */
export function podSpecsOf(manifests: any[]): Array<{ kind: string; spec: any }> {
  const result: Array<{ kind: string; spec: any }> = [];
  for (const m of manifests) {
    if (m.kind === 'Pod') result.push({ kind: m.kind, spec: m.spec });
    if (['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'].includes(m.kind)) result.push({ kind: m.kind, spec: m.spec.template.spec });
    if (m.kind === 'CronJob') result.push({ kind: m.kind, spec: m.spec.jobTemplate.spec.template.spec });
  }
  return result;
}
