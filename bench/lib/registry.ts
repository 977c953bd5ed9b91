import { BenchCase } from './bench-case';

/**
 * The set of benchmark cases, in the order they are run and printed.
 *
 * New cases are added by writing a module under `bench/cases/` and registering it in
 * `bench/cases/index.ts`; the harness, the child process and the report need no change.
 */
export class CaseRegistry {
  private readonly _cases = new Map<string, BenchCase>();

  /**
   * Adds cases to the registry.
   *
   * @throws when an id is not kebab-case or is already registered
   */
  public register(...cases: BenchCase[]): this {
    for (const benchCase of cases) {
      if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(benchCase.id)) {
        throw new Error(`case id '${benchCase.id}' must be kebab-case (lower-case letters, digits and single dashes)`);
      }
      if (this._cases.has(benchCase.id)) {
        throw new Error(`case id '${benchCase.id}' is registered twice; give each case module a unique id`);
      }
      this._cases.set(benchCase.id, benchCase);
    }
    return this;
  }

  /** All cases, in registration order. */
  public get all(): readonly BenchCase[] {
    return [...this._cases.values()];
  }

  /**
   * Returns the case with this id.
   *
   * @throws when no case has this id
   */
  public get(id: string): BenchCase {
    const found = this._cases.get(id);
    if (!found) {
      throw new Error(`unknown case '${id}'; known cases: ${[...this._cases.keys()].join(', ')}`);
    }
    return found;
  }

  /**
   * The cases selected by a filter: each entry is an exact id or a prefix ending in `*`
   * (`plus-*`). An empty filter selects every case.
   *
   * @throws when an entry matches no case
   */
  public select(filter: readonly string[]): readonly BenchCase[] {
    if (filter.length === 0) {
      return this.all;
    }
    const selected = new Set<BenchCase>();
    for (const entry of filter) {
      const matches = entry.endsWith('*')
        ? this.all.filter((c) => c.id.startsWith(entry.slice(0, -1)))
        : [this.get(entry)];
      if (matches.length === 0) {
        throw new Error(`'--cases' entry '${entry}' matches no case; known cases: ${[...this._cases.keys()].join(', ')}`);
      }
      matches.forEach((c) => selected.add(c));
    }
    return this.all.filter((c) => selected.has(c));
  }
}
