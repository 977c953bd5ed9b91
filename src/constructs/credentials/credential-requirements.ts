/*
 * What a database engine needs from its credentials Secret. Not exported from the package root.
 */

/** Whether an engine uses a user name from the credentials. */
export enum UserKeyRule {
  /** A user key is optional; without it the engine's built-in user is used. */
  OPTIONAL = 'optional',
  /** A user key is required (the engine has no usable default user). */
  REQUIRED = 'required',
  /** The engine has no user names (password only). */
  UNSUPPORTED = 'unsupported',
}

/** The keys an engine needs in its credentials Secret. */
export interface CredentialRequirements {
  /** The engine's display name for messages, e.g. `PostgreSQL`. */
  readonly engineName: string;
  /** Whether a user key is optional, required or not supported. */
  readonly user: UserKeyRule;
}

/** Where the credentials are after binding: a Secret in the namespace and its keys. */
export interface BoundCredentials {
  /** The name of the Secret that holds the credentials (existing, synced or unsealed). */
  readonly secretName: string;
  /** The key of the password. */
  readonly passwordKey: string;
  /** The key of the user name, if the credentials carry one. */
  readonly userKey?: string;
}

/** The owner's metadata for the objects a credentials source renders. */
export interface CredentialOwner {
  /** The namespace of the owner's objects. */
  readonly namespace?: string;
  /** Labels for the rendered objects. */
  readonly labels: Record<string, string>;
}
