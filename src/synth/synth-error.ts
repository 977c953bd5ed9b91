/**
 * The error the synth pipeline throws when an app has problems.
 */

/**
 * Synthesis failed: every problem found, listed together.
 *
 * Problems come from construct validations (`node.addValidation`, each prefixed with
 * `[construct/path]`), from objects that cannot be rendered, and from the validation hook.
 * Nothing has been written when this error is thrown.
 */
export class SynthError extends Error {
  /** Every problem, one message each, in the order found. */
  public readonly problems: readonly string[];

  /** Warnings found before the failure (from the validation hook). */
  public readonly warnings: readonly string[];

  constructor(problems: readonly string[], warnings: readonly string[] = []) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`Synthesis failed with ${count}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SynthError';
    this.problems = [...problems];
    this.warnings = [...warnings];
    Object.setPrototypeOf(this, SynthError.prototype);
  }
}
