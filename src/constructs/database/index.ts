export { Database, DATA_VOLUME_NAME } from './database';
export { DatabaseEngine, DatabaseEngineKind } from './database-engine';
export { ClaimRetention, DatabaseBackupOptions, DatabaseProps, DatabaseStorageOptions, InitScripts } from './database-props';
