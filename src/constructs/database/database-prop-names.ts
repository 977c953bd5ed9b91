import { PropNames, propNamesOf } from '../core/prop-names';
import { DatabaseBackupOptions, DatabaseProps, DatabaseStorageOptions } from './database-props';

/**
 * The prop names of `Database` (typed `Record<keyof DatabaseProps, true>`: a new prop breaks the
 * build until it is listed), for the run-time checks of untyped props and overrides.
 *
 * @internal
 */
export const DATABASE_PROP_NAMES: PropNames = propNamesOf<DatabaseProps>('DatabaseProps', {
  engine: true, credentials: true, databaseName: true, user: true, replicas: true, storage: true, resources: true,
  configuration: true, initScripts: true, backup: true, disruptionBudget: true, networkPolicy: true,
  appName: true, partOf: true, metadata: true, sidecars: true,
}, {
  storage: propNamesOf<DatabaseStorageOptions>('DatabaseStorageOptions', {
    size: true, storageClassName: true, accessModes: true, whenDeleted: true, whenScaled: true,
  }),
  backup: propNamesOf<DatabaseBackupOptions>('DatabaseBackupOptions', {
    schedule: true, timeZone: true, size: true, storageClassName: true, keep: true, resources: true,
  }),
});
