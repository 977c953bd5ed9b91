export { ExternalDatabase, ExternalDatabaseProps, ExternalDatabaseAddress } from './external-database';
