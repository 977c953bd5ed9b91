export { DEVELOPMENT_SECRET_ANNOTATION } from '../common/env';
export {
  DatabaseCredentials, DevelopmentCredentialsOptions, ExistingSecretOptions,
  ExternalSecretOptions, SealedSecretOptions, SealedSecretScope, SecretStoreRef,
} from './database-credentials';
