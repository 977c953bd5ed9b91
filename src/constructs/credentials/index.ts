export {
  DatabaseCredentials, DEVELOPMENT_SECRET_ANNOTATION, DevelopmentCredentialsOptions, ExistingSecretOptions,
  ExternalSecretOptions, SealedSecretOptions, SealedSecretScope, SecretStoreRef,
} from './database-credentials';
