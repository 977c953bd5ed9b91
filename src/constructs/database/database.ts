import { Duration, Lazy, Names, Size } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { AppWorkload } from '../workload/app-workload';
import { DisruptionBudget, PercentOrCount } from '../workload/availability';
import {
  DatabaseClient, DatabaseConnection, DatabaseNetwork, DatabaseWaitSpec, IDatabase, markDatabase,
} from '../networking/connection';
import { SecretEnvValue } from '../pod/env';
import { ValidationError } from '../core/errors';
import { HealthCheck } from '../pod/health-check';
import { AppLabels } from '../workload/labels';
import { SidecarTrafficRule } from '../networking/network-policy';
import { k8s, plus } from '../core/plus';
import { Resources, ResourcePreset } from '../pod/resources';
import { checkDns1123Subdomain, checkInteger } from '../core/validators';
import { AccessMode } from '../pod/volumes';
import { checkPropNames } from '../core/prop-names';
import { checkPropShapes, Shape } from '../core/prop-shapes';
import { resolveProps } from '../core/props-resolver';
import { BoundCredentials, UserKeyRule } from '../credentials/credential-requirements';
import { DatabaseCredentials } from '../credentials/database-credentials';
import { DATABASE_PROP_NAMES } from './database-prop-names';
import { DatabaseAccess } from './database-access';
import { createBackup } from './database-backup';
import { DatabaseEngine, validateEngine } from './database-engine';
import { ClaimRetention, DatabaseProps, InitScripts } from './database-props';
import { EngineCredentialRefs, EngineSpec } from './engine-specs';
import { ExtendedStatefulSet, StatefulSetExtras } from './stateful-set';
import { checkSize, quantityOf } from './storage';

/** The name of the data volume (claim template) of a database pod. */
export const DATA_VOLUME_NAME = 'data';

const DATABASE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const CONFIG_NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const INIT_SCRIPTS_PATH = '/docker-entrypoint-initdb.d';

const RESOURCES_SHAPE: Shape = { type: Resources, hint: 'use Resources.preset(ResourcePreset.MEDIUM) or Resources.of({...})' };

/**
 * The JavaScript types of the database props without a check of their own (checked first, for
 * callers without TypeScript); `engine`, `credentials`, `user` and `initScripts` have their own messages.
 */
const DATABASE_PROP_SHAPES: Readonly<Record<string, Shape>> = {
  databaseName: 'string', replicas: 'number', storage: 'record', resources: RESOURCES_SHAPE, configuration: 'record', backup: 'record',
  disruptionBudget: { type: DisruptionBudget, hint: 'use DisruptionBudget.maxUnavailable(), DisruptionBudget.minAvailable() or DisruptionBudget.none()' },
  networkPolicy: 'boolean', appName: 'string', partOf: 'string', metadata: 'record', sidecars: 'array',
};
/** The JavaScript types of `storage` options without a check of their own. */
const STORAGE_SHAPES: Readonly<Record<string, Shape>> = { storageClassName: 'string', accessModes: 'array' };
/** The JavaScript types of `backup` options without a check of their own. */
const BACKUP_SHAPES: Readonly<Record<string, Shape>> = { timeZone: 'string', storageClassName: 'string', keep: 'number', resources: RESOURCES_SHAPE };

/**
 * A single-instance database in the cluster: a StatefulSet of the engine's official image with a
 * data volume claim template, a headless Service (stable identity) and a client Service, a
 * PodDisruptionBudget, a NetworkPolicy that admits only its clients, and optionally init scripts
 * and a scheduled backup. Pods run as the image's own UID/GID with a read-only root filesystem
 * and pass Pod Security Standards "restricted".
 *
 * ```ts
 * const db = new Database(chart, 'Orders', {
 *   engine: DatabaseEngine.postgres('16.4'),
 *   credentials: DatabaseCredentials.fromExistingSecret('orders-db', { userKey: 'username' }),
 *   storage: { size: Size.gibibytes(20) },
 *   backup: { schedule: Cron.daily() },
 * });
 * ```
 */
export class Database extends AppWorkload implements IDatabase {
  /** The engine. */
  public readonly engine: DatabaseEngine;
  /** The StatefulSet (escape hatch: `ApiObject.of(db.statefulSet)`). */
  public readonly statefulSet: plus.StatefulSet;
  /** The headless Service that gives the pods stable DNS names. */
  public readonly headlessService: plus.Service;
  /** The Service clients connect to. */
  public readonly service: plus.Service;
  /** The PodDisruptionBudget, if any. */
  public readonly pdb?: k8s.KubePodDisruptionBudget;
  /** The NetworkPolicy that admits the clients, if enabled. */
  public readonly networkPolicy?: k8s.KubeNetworkPolicy;
  /** The backup CronJob, if `backup` was set. */
  public readonly backupCronJob?: k8s.KubeCronJob;
  /** The backup volume claim, if `backup` was set. */
  public readonly backupClaim?: k8s.KubePersistentVolumeClaim;
  /** The number of pods (0 or 1). */
  public readonly replicas: number;
  /** The logical database, if the engine has one. */
  public readonly databaseName?: string;
  /** The application user given as a plain name (`user`), if any. */
  public readonly user?: string;
  /** The requested data volume size. */
  public readonly storageSize: Size;
  /** The Secret and keys the pods read the credentials from. */
  public readonly credentialsSecret: BoundCredentials;
  /** How clients connect. */
  public readonly connection: DatabaseConnection;
  /** Where the database pods are. */
  public readonly network: DatabaseNetwork;
  /** How clients wait until the database answers. */
  public readonly waitFor: DatabaseWaitSpec;

  private readonly _access?: DatabaseAccess;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    checkPropNames(scope, id, props, DATABASE_PROP_NAMES);
    props = resolveProps(scope, id, new.target, props, { propNames: DATABASE_PROP_NAMES.names });
    const early = futureScope(scope, id);
    checkPropShapes(early, props ?? {}, DATABASE_PROP_SHAPES);
    checkPropShapes(early, props?.storage ?? {}, STORAGE_SHAPES, 'storage.');
    checkPropShapes(early, props?.backup ?? {}, BACKUP_SHAPES, 'backup.');
    const { engine, spec } = validateEngine(early, 'engine', props?.engine);
    const args = spec.args(checkConfiguration(early, props.configuration));
    let setExtras: StatefulSetExtras | undefined;
    let headless: plus.Service | undefined;
    super(scope, id, {
      image: engine.image,
      args,
      ports: [{ name: spec.portName, number: spec.port }],
      health: HealthCheck.exec(spec.probe, {
        readiness: { timeout: Duration.seconds(5) },
        liveness: { timeout: Duration.seconds(5), failureThreshold: 6 },
        startup: { period: Duration.seconds(10), timeout: Duration.seconds(5), failureThreshold: 30 },
      }),
      security: { user: spec.uid, group: spec.uid, fsGroup: spec.uid, writablePaths: spec.writablePaths },
      resources: props.resources ?? Resources.preset(ResourcePreset.MEDIUM),
      spread: false,
      appName: props.appName,
      partOf: props.partOf,
      component: 'database',
      metadata: props.metadata,
      // Sidecars are bound below, once the StatefulSet and Services exist.
    }, {
      component: 'database',
      defaultPorts: [],
      createWorkload: (self, pod) => {
        const replicas = props.replicas ?? 1;
        checkReplicas(self, spec, replicas);
        setExtras = storageExtras(self, props, spec.dataPath);
        const named = pod.metadata.name;
        headless = new plus.Service(self, 'Headless', {
          metadata: { ...pod.metadata, ...(named !== undefined ? { name: `${named}-headless` } : {}) },
          clusterIP: 'None',
          ports: [{ name: spec.portName, port: spec.port, targetPort: spec.port }],
        });
        return new ExtendedStatefulSet(self, 'Resource', {
          metadata: pod.metadata,
          serviceAccount: pod.serviceAccount,
          automountServiceAccountToken: false,
          securityContext: pod.securityContext,
          replicas,
          service: headless,
        }, pod.extras, setExtras);
      },
    });
    markDatabase(this);
    this.engine = engine;
    this.statefulSet = this._workload as plus.StatefulSet;
    this.headlessService = headless!;
    this.replicas = props.replicas ?? 1;
    this.storageSize = props.storage?.size ?? Size.gibibytes(10);
    this.databaseName = spec.hasDatabaseName ? props.databaseName ?? 'app' : undefined;
    this.checkDatabaseName(spec, props.databaseName);
    this.labels.applyTo(this.headlessService);
    for (const [key, value] of Object.entries(this.labels.selector)) {
      this.headlessService.selectLabel(key, value);
    }
    if (this.replicas === 1) {
      this.statefulSet.metadata.addAnnotation('ignore-check.cdk8s-patterns.io/min-replicas',
        `${spec.displayName} runs as one instance: ${spec.operatorHint}`);
    }

    if (!(props.credentials instanceof DatabaseCredentials)) {
      throw new ValidationError(this, '\'credentials\' is required: use DatabaseCredentials.fromExistingSecret(), fromExternalSecret() or fromSealedSecret()');
    }
    this.user = this.checkUser(spec, props.user);
    const owner = { namespace: this.statefulSet.metadata.namespace, labels: this.labels.all };
    // With a plain `user`, the credentials need only the password.
    const needs = this.user !== undefined ? { ...spec.credentials, user: UserKeyRule.OPTIONAL } : spec.credentials;
    this.credentialsSecret = props.credentials._bind(this, 'credentials', needs, owner);
    if (this.user !== undefined && this.credentialsSecret.userKey !== undefined) {
      throw new ValidationError(this, `'user' (${JSON.stringify(this.user)}) and the user name in 'credentials' (key ${JSON.stringify(this.credentialsSecret.userKey)}) `
        + 'both name the database user: keep one');
    }
    const refs = { ...this.credentialsSecret, ...(this.user !== undefined ? { userName: this.user } : {}) };
    this.addEngineEnv(spec, props, refs);

    this.service = this.createService(spec);
    const namespace = this.service.metadata.namespace;
    const host = namespace !== undefined ? `${this.service.name}.${namespace}.svc` : this.service.name;
    this.connection = {
      scheme: spec.scheme,
      host,
      port: spec.port,
      databaseName: this.databaseName,
      user: spec.credentials.user === UserKeyRule.UNSUPPORTED ? undefined
        : this.user !== undefined ? { value: this.user }
        : this.credentialsSecret.userKey !== undefined
          ? { secretKeyRef: { secretName: this.credentialsSecret.secretName, key: this.credentialsSecret.userKey } }
          : { value: spec.defaultUser },
      password: { secretName: this.credentialsSecret.secretName, key: this.credentialsSecret.passwordKey },
    };
    this.network = { podSelector: { ...this.labels.selector }, ...(namespace !== undefined ? { namespace } : {}) };
    this.waitFor = { image: engine.image.reference, command: ['sh', '-c', spec.waitScript(host, spec.port)] };

    const budget = props.disruptionBudget ?? DisruptionBudget.maxUnavailable(PercentOrCount.count(1));
    if (budget.enabled) {
      this.pdb = this.createPdb(budget);
    }
    if (props.networkPolicy ?? true) {
      this._access = new DatabaseAccess(this, 'NetworkPolicy', this._metadataFor(true), this.labels.selector, spec.port, namespace);
      this.networkPolicy = this._access.policy;
      this.labels.applyTo(this.networkPolicy);
    }
    if (props.backup) {
      // Own instance label: the database's Services and PDB must not select the backup pods.
      const backupScope = new Construct(this, 'Backup');
      const podSelector = { ...this.labels.selector, [AppLabels.INSTANCE]: Names.toDnsLabel(backupScope) };
      const backupLabels = { ...this.labels.all, ...podSelector, [AppLabels.COMPONENT]: 'backup' };
      const backup = createBackup(backupScope, this, props.backup, {
        spec, image: engine.image, credentials: refs, host, databaseName: this.databaseName,
        serviceAccountName: this.serviceAccount.name, metadata: this._metadataFor(false), labels: backupLabels, podSelector, isolate: props.networkPolicy ?? true,
      });
      this.backupCronJob = backup.cronJob;
      this.backupClaim = backup.claim;
      this.acceptClient({ name: 'backup', podSelector });
    }
    props.sidecars?.forEach(sidecar => this.addSidecar(sidecar));
  }

  /** Admits the client's pods on the database port in the database's NetworkPolicy (no-op when disabled). */
  public acceptClient(client: DatabaseClient): void {
    this._access?.accept(this, client);
  }

  /** The clients admitted so far (a copy). */
  public get clients(): DatabaseClient[] {
    return this._access?.acceptedClients ?? [];
  }

  /**
   * Admits a sidecar's peers on its ports in the database's NetworkPolicy (no-op when disabled).
   *
   * @internal
   */
  protected _allowSidecarIngress(_sidecar: string, rules: SidecarTrafficRule[]): void {
    this._access?.allowSidecar(rules);
  }

  private checkDatabaseName(spec: EngineSpec, requested: string | undefined): void {
    if (!spec.hasDatabaseName && requested !== undefined) {
      throw new ValidationError(this, `'databaseName' (${JSON.stringify(requested)}) is not supported: ${spec.displayName} has no named databases; leave it out`);
    }
    if (this.databaseName !== undefined && !DATABASE_NAME.test(this.databaseName)) {
      throw new ValidationError(this, `'databaseName' (${JSON.stringify(this.databaseName)}) must be 1-63 letters, digits or '_', not starting with a digit`);
    }
  }

  /** The plain user name, checked against the engine's rules. */
  private checkUser(spec: EngineSpec, user: unknown): string | undefined {
    if (user === undefined) return undefined;
    if (typeof user !== 'string') {
      throw new ValidationError(this, `'user' (${JSON.stringify(user) ?? String(user)}) must be a string: the user name, e.g. 'app'`);
    }
    if (spec.credentials.user === UserKeyRule.UNSUPPORTED || spec.userNameProblem === undefined) {
      throw new ValidationError(this, `'user' (${JSON.stringify(user)}) is not supported: ${spec.displayName} authenticates with a password only; leave it out`);
    }
    const problem = spec.userNameProblem(user);
    if (problem !== undefined) {
      throw new ValidationError(this, `'user' (${JSON.stringify(user)}) ${problem}`);
    }
    return user;
  }

  private addEngineEnv(spec: EngineSpec, props: DatabaseProps, refs: EngineCredentialRefs): void {
    const env = spec.env(this.databaseName, refs);
    for (const [name, value] of Object.entries(env.plain)) {
      this.container.env.addVariable(name, plus.EnvValue.fromValue(value));
    }
    for (const [name, key] of Object.entries(env.secret)) {
      this.addSecretEnv(name, SecretEnvValue.fromSecretName(this.credentialsSecret.secretName, key));
    }
    if (props.initScripts !== undefined) {
      this.addInitScripts(spec, props.initScripts);
    }
  }

  private addInitScripts(spec: EngineSpec, scripts: InitScripts): void {
    if (!(scripts instanceof InitScripts)) {
      throw new ValidationError(this, '\'initScripts\' must be InitScripts: use InitScripts.fromFiles() or InitScripts.fromConfigMapName()');
    }
    if (spec.initScriptExtensions.length === 0) {
      throw new ValidationError(this, `'initScripts' is not supported: the ${spec.displayName} image runs no init scripts; leave it out`);
    }
    for (const name of scripts._fileNames ?? []) {
      if (!spec.initScriptExtensions.some(ext => name.endsWith(ext))) {
        throw new ValidationError(this, `'initScripts' file ${JSON.stringify(name)} is not run by the ${spec.displayName} image: `
          + `use one of ${spec.initScriptExtensions.map(e => `'${e}'`).join(', ')}`);
      }
    }
    this.addVolume({ name: 'init-scripts', path: INIT_SCRIPTS_PATH, source: scripts._source, readOnly: true }, 'initScripts');
  }

  private createService(spec: EngineSpec): plus.Service {
    const service = new plus.Service(this, 'Service', {
      metadata: this._metadataFor(true),
      ports: [{ name: spec.portName, port: spec.port, targetPort: spec.port }],
    });
    for (const [key, value] of Object.entries(this.labels.selector)) {
      service.selectLabel(key, value);
    }
    this.labels.applyTo(service);
    return service;
  }

  private createPdb(budget: DisruptionBudget): k8s.KubePodDisruptionBudget {
    budget._amount!._validate(this, `disruptionBudget.${budget._field}`);
    const pdb = new k8s.KubePodDisruptionBudget(this, 'Pdb', {
      metadata: this._metadataFor(true),
      spec: {
        [budget._field]: budget._amount!._toKube(),
        selector: { matchLabels: Lazy.any({ produce: () => this.statefulSet.matchLabels }) as unknown as Record<string, string> },
      },
    });
    this.labels.applyTo(pdb);
    return pdb;
  }
}

/** Checks the replica count: 0 or 1, since every supported engine needs an operator to replicate. */
function checkReplicas(scope: IConstruct, spec: EngineSpec, replicas: number): void {
  checkInteger(scope, 'replicas', replicas, 0);
  if (replicas > 1) {
    throw new ValidationError(scope, `'replicas' (${replicas}) must be 0 or 1 for ${spec.displayName}: ${spec.operatorHint}; `
      + 'run one instance or use the operator');
  }
}

/** Validates the storage options; returns the claim template and retention policy. */
function storageExtras(scope: IConstruct, props: DatabaseProps, dataPath: string): StatefulSetExtras {
  const storage = props.storage ?? {};
  const size = storage.size ?? Size.gibibytes(10);
  checkSize(scope, 'storage.size', size);
  if (storage.storageClassName !== undefined) {
    checkDns1123Subdomain(scope, 'storage.storageClassName', storage.storageClassName);
  }
  const accessModes = storage.accessModes ?? [AccessMode.READ_WRITE_ONCE];
  if (accessModes.length === 0 || accessModes.some(m => !Object.values(AccessMode).includes(m))) {
    throw new ValidationError(scope, `'storage.accessModes' (${JSON.stringify(accessModes)}) must be one or more AccessMode values`);
  }
  const retention: Record<string, ClaimRetention> = {
    whenDeleted: storage.whenDeleted ?? ClaimRetention.RETAIN,
    whenScaled: storage.whenScaled ?? ClaimRetention.RETAIN,
  };
  for (const [field, value] of Object.entries(retention)) {
    if (!Object.values(ClaimRetention).includes(value)) {
      throw new ValidationError(scope, `'storage.${field}' (${JSON.stringify(value)}) is unknown: use ClaimRetention.RETAIN or ClaimRetention.DELETE`);
    }
  }
  return {
    claimTemplates: [{
      containerName: 'app',
      mountPath: dataPath,
      claim: {
        metadata: { name: DATA_VOLUME_NAME },
        spec: {
          accessModes: [...accessModes],
          storageClassName: storage.storageClassName,
          resources: { requests: { storage: quantityOf(size) } },
        },
      },
    }],
    retention: { whenDeleted: retention.whenDeleted, whenScaled: retention.whenScaled },
  };
}

/** Checks the extra engine settings; returns them in order. */
function checkConfiguration(scope: IConstruct, configuration: Record<string, string> | undefined): [string, string][] {
  const entries = Object.entries(configuration ?? {});
  for (const [key, value] of entries) {
    if (!CONFIG_NAME.test(key)) {
      throw new ValidationError(scope, `'configuration' key ${JSON.stringify(key)} must be a setting name: a letter, then letters, digits, '_', '.' or '-'`);
    }
    if (typeof value !== 'string' || /[\n\r]/.test(value)) {
      throw new ValidationError(scope, `'configuration.${key}' (${JSON.stringify(value)}) must be a one-line string`);
    }
  }
  return entries;
}

/** A stand-in for the construct `id` under `scope` (its path), for errors thrown before it exists. */
function futureScope(scope: Construct, id: string): IConstruct {
  const parent = scope.node.path;
  return { node: { path: parent ? `${parent}/${id}` : id } } as unknown as IConstruct;
}
