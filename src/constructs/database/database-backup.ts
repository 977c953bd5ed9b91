import { ApiObjectMetadata, Cron, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { ValidationError } from '../core/errors';
import { Image } from '../pod/image';
import { k8s } from '../core/plus';
import { Resources, ResourcePreset } from '../pod/resources';
import { checkDns1123Subdomain, checkInteger } from '../core/validators';
import { BoundCredentials } from '../credentials/credential-requirements';
import { checkTimeZone } from '../cron-task/schedule';
import { DatabaseBackupOptions } from './database-props';
import { EngineSpec } from './engine-specs';
import { checkSize, quantityOf } from './storage';

/** What the backup needs to know about its database. @internal */
export interface BackupTarget {
  readonly spec: EngineSpec;
  readonly image: Image;
  readonly credentials: BoundCredentials;
  readonly host: string;
  readonly databaseName?: string;
  readonly serviceAccountName: string;
  /** Metadata (namespace, extra labels/annotations) and the backup's own labels. */
  readonly metadata: ApiObjectMetadata;
  readonly labels: Record<string, string>;
  /** The labels that select the backup pods (distinct from the database pods). */
  readonly podSelector: Record<string, string>;
  /** Whether to render a NetworkPolicy that denies all ingress to the backup pods. */
  readonly isolate: boolean;
}

/** The backup objects. @internal */
export interface DatabaseBackup {
  readonly cronJob: k8s.KubeCronJob;
  readonly claim: k8s.KubePersistentVolumeClaim;
  readonly networkPolicy?: k8s.KubeNetworkPolicy;
}

const BACKUP_PATH = '/backup';

/**
 * Creates the backup claim and CronJob under `scope`: one dump per run into the claim, older
 * dumps beyond `keep` deleted, restricted pod security, no service account token.
 *
 * @internal
 */
export function createBackup(scope: Construct, owner: Construct, options: DatabaseBackupOptions, target: BackupTarget): DatabaseBackup {
  const schedule = options.schedule ?? Cron.daily();
  if (!(schedule instanceof Cron) || schedule.expressionString.trim().split(/\s+/).length !== 5) {
    throw new ValidationError(owner, `'backup.schedule' (${JSON.stringify((schedule as Cron)?.expressionString ?? schedule)}) must be a Cron with 5 fields, e.g. Cron.daily()`);
  }
  const size = options.size ?? Size.gibibytes(10);
  checkSize(owner, 'backup.size', size);
  const keep = options.keep ?? 7;
  checkInteger(owner, 'backup.keep', keep, 1);
  if (options.storageClassName !== undefined) {
    checkDns1123Subdomain(owner, 'backup.storageClassName', options.storageClassName);
  }
  const resources = options.resources ?? Resources.preset(ResourcePreset.SMALL);
  resources._validate(owner, 'backup.resources');
  if (options.timeZone !== undefined) {
    checkTimeZone(owner, 'backup.timeZone', options.timeZone);
  }

  const meta = (extra: Record<string, string>): ApiObjectMetadata => ({
    ...target.metadata,
    labels: { ...target.metadata.labels, ...extra },
  });
  const claim = new k8s.KubePersistentVolumeClaim(scope, 'Claim', {
    metadata: meta(target.labels),
    spec: {
      accessModes: ['ReadWriteOnce'],
      storageClassName: options.storageClassName,
      resources: { requests: { storage: quantityOf(size) } },
    },
  });

  const { spec, credentials } = target;
  const engineEnv = spec.backup.env(credentials);
  const plain: Record<string, string> = {
    DB_HOST: target.host,
    DB_PORT: `${spec.port}`,
    ...(target.databaseName !== undefined ? { DB_NAME: target.databaseName } : {}),
    KEEP: `${keep}`,
    ...engineEnv.plain,
  };
  const env: k8s.EnvVar[] = [
    ...Object.entries(plain).map(([name, value]) => ({ name, value })),
    ...Object.entries(engineEnv.secret).map(([name, key]) => ({
      name, valueFrom: { secretKeyRef: { name: credentials.secretName, key } },
    })),
  ];
  const ext = spec.backup.extension;
  const script = [
    'set -eu',
    `FILE="${BACKUP_PATH}/backup-$(date -u +%Y%m%dT%H%M%SZ).${ext}"`,
    spec.backup.dump,
    `ls -1t ${BACKUP_PATH}/backup-*.${ext} | tail -n +$((KEEP + 1)) | while read -r old; do rm -f -- "$old"; done`,
    'echo "wrote $FILE"',
  ].join('\n');
  const kubeResources = resources._toPlus();
  const cronJob = new k8s.KubeCronJob(scope, 'Resource', {
    metadata: meta(target.labels),
    spec: {
      schedule: schedule.expressionString,
      timeZone: options.timeZone,
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 600,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: {
        metadata: { labels: { ...target.labels } },
        spec: {
          backoffLimit: 2,
          activeDeadlineSeconds: 3600,
          template: {
            metadata: { labels: { ...target.labels } },
            spec: {
              restartPolicy: 'Never',
              serviceAccountName: target.serviceAccountName,
              automountServiceAccountToken: false,
              securityContext: {
                runAsNonRoot: true,
                runAsUser: spec.uid,
                runAsGroup: spec.uid,
                fsGroup: spec.uid,
                fsGroupChangePolicy: 'OnRootMismatch',
                seccompProfile: { type: 'RuntimeDefault' },
              },
              containers: [{
                name: 'backup',
                image: target.image.reference,
                imagePullPolicy: target.image.pullPolicy,
                command: ['sh', '-c', script],
                env,
                resources: {
                  requests: {
                    ...(kubeResources.cpu?.request ? { cpu: k8s.Quantity.fromString(kubeResources.cpu.request.amount) } : {}),
                    ...(kubeResources.memory?.request ? { memory: k8s.Quantity.fromString(kubeResources.memory.request.asString()) } : {}),
                  },
                  limits: {
                    ...(kubeResources.cpu?.limit ? { cpu: k8s.Quantity.fromString(kubeResources.cpu.limit.amount) } : {}),
                    ...(kubeResources.memory?.limit ? { memory: k8s.Quantity.fromString(kubeResources.memory.limit.asString()) } : {}),
                  },
                },
                securityContext: {
                  runAsNonRoot: true,
                  runAsUser: spec.uid,
                  runAsGroup: spec.uid,
                  privileged: false,
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ['ALL'] },
                  seccompProfile: { type: 'RuntimeDefault' },
                },
                volumeMounts: [
                  { name: 'backup', mountPath: BACKUP_PATH },
                  { name: 'tmp', mountPath: '/tmp' },
                ],
              }],
              volumes: [
                { name: 'backup', persistentVolumeClaim: { claimName: claim.name } },
                { name: 'tmp', emptyDir: {} },
              ],
            },
          },
        },
      },
    },
  });
  // The backup pods serve nothing: no ingress at all.
  const networkPolicy = target.isolate
    ? new k8s.KubeNetworkPolicy(scope, 'NetworkPolicy', {
      metadata: meta(target.labels),
      spec: { podSelector: { matchLabels: { ...target.podSelector } }, policyTypes: ['Ingress'] },
    })
    : undefined;
  return { cronJob, claim, networkPolicy };
}
