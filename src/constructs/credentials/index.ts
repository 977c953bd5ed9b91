export { DEVELOPMENT_SECRET_ANNOTATION } from '../pod/env';
export {
  DatabaseCredentials, DevelopmentCredentialsOptions, ExistingSecretOptions,
  ExternalSecretOptions, SealedSecretOptions, SealedSecretScope, SecretStoreRef,
} from './database-credentials';
