import { IConstruct } from 'constructs';

/**
 * An error in the input of a construct.
 *
 * The message is prefixed with the construct path, in the `[path] message` shape that cdk8s
 * uses for synth-time validation, so users see which construct and which property is wrong.
 */
export class ValidationError extends Error {
  /** The path of the construct that received the bad input. */
  public readonly constructPath: string;

  /** The message without the construct path prefix. */
  public readonly detail: string;

  constructor(scope: IConstruct, detail: string) {
    super(`[${scope.node.path}] ${detail}`);
    this.name = 'ValidationError';
    this.constructPath = scope.node.path;
    this.detail = detail;
    Object.setPrototypeOf(this, ValidationError.prototype);
  }
}
