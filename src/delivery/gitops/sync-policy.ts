/**
 * When Argo CD syncs an Application.
 *
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/auto_sync/
 */

/** Options of {@link SyncPolicy.automated}. */
export interface AutomatedSyncOptions {
  /**
   * Delete live objects that are no longer in Git (removed constructs).
   * @default true
   */
  readonly prune?: boolean;
  /**
   * Revert changes made in the cluster outside Git (drift).
   * @default true
   */
  readonly selfHeal?: boolean;
}

/** The rendered `spec.syncPolicy.automated`. */
export interface AutomatedSync {
  readonly prune: boolean;
  readonly selfHeal: boolean;
}

/**
 * The sync policy of an Application: automated (Argo CD syncs every new commit of the tracked
 * revision) or manual (someone runs `argocd app sync` or presses Sync).
 */
export class SyncPolicy {
  /**
   * Sync every new commit automatically, by default with pruning and self-healing: the merge to
   * the tracked branch is the release gate (run `cdk8s-patterns diff` in CI before it).
   */
  public static automated(options: AutomatedSyncOptions = {}): SyncPolicy {
    return new SyncPolicy({ prune: options.prune ?? true, selfHeal: options.selfHeal ?? true });
  }

  /** Sync only on request; Argo CD shows the Application as OutOfSync until then. */
  public static manual(): SyncPolicy {
    return new SyncPolicy(undefined);
  }

  /** The automated settings; undefined for a manual policy. */
  public readonly automated?: AutomatedSync;

  private constructor(automated: AutomatedSync | undefined) {
    this.automated = automated ? { ...automated } : undefined;
  }

  /** A short description for messages: `automated (prune, selfHeal)`, `manual`. */
  public toString(): string {
    if (!this.automated) {
      return 'manual';
    }
    const flags = [this.automated.prune ? 'prune' : '', this.automated.selfHeal ? 'selfHeal' : ''].filter(Boolean);
    return flags.length > 0 ? `automated (${flags.join(', ')})` : 'automated';
  }
}
