import { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { k8s } from '../core/plus';
import { namedPort } from './ports';

import { checkMadeWith, propNamesOf, withOptions } from '../core/prop-names';

const HTTP_HOOK_NAMES = propNamesOf<HttpLifecycleHookOptions>('HttpLifecycleHookOptions', { port: true });

/** Options of `LifecycleHook.httpGet`. */
export interface HttpLifecycleHookOptions {
  /**
   * The name of the container port to call.
   * @default - the first port of the container
   */
  readonly port?: string;
}

enum HookType { EXEC, HTTP }

/**
 * A container lifecycle hook, e.g. the `preStop` hook that runs before the container gets
 * SIGTERM: a command in the container, or an HTTP GET on one of its named ports. The pod's
 * `terminationGracePeriod` covers the hook and the shutdown after it.
 *
 * @see https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/
 */
export class LifecycleHook {
  /** Runs `command` in the container (not in a shell: use `['sh', '-c', '...']` for one). */
  public static exec(command: string[]): LifecycleHook {
    return new LifecycleHook(HookType.EXEC, command);
  }

  /** An HTTP GET on `path` (e.g. `/shutdown`) on a named port of the container. */
  public static httpGet(path: string, options: HttpLifecycleHookOptions = {}): LifecycleHook {
    return withOptions(new LifecycleHook(HookType.HTTP, undefined, path, options?.port), options, HTTP_HOOK_NAMES);
  }

  private constructor(
    private readonly type: HookType,
    private readonly command?: string[],
    private readonly path?: string,
    private readonly port?: string) {
  }

  /**
   * Checks the hook against the container's port names; returns the port name it calls (HTTP).
   *
   * @internal
   */
  public _validate(scope: IConstruct, prop: string, portNames: string[]): string | undefined {
    checkMadeWith(scope, prop, this);
    if (this.type === HookType.EXEC) {
      const command = this.command as unknown;
      if (!Array.isArray(command) || command.length === 0 || !command.every(c => typeof c === 'string')) {
        throw new ValidationError(scope, `'${prop}' command (${JSON.stringify(command) ?? String(command)}) must be a non-empty array of strings`);
      }
      return undefined;
    }
    if (typeof this.path !== 'string' || !this.path.startsWith('/')) {
      throw new ValidationError(scope, `'${prop}' path (${JSON.stringify(this.path) ?? String(this.path)}) must start with '/'`);
    }
    return namedPort(scope, prop, 'calls', this.port, portNames, 'LifecycleHook.exec()');
  }

  /**
   * The hook's handler.
   *
   * @internal
   */
  public _toKube(port: string | undefined): k8s.LifecycleHandler {
    return this.type === HookType.EXEC
      ? { exec: { command: [...this.command!] } }
      : { httpGet: { path: this.path!, port: k8s.IntOrString.fromString(port ?? '') } };
  }
}
