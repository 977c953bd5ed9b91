/**
 * Lazy loading of the project's own modules (WebApp, the synth pipeline, the YAML emitter).
 *
 * The cases that need them load them on first use, so that a project module that is missing or
 * mid-edit makes only those cases unavailable (with the load error as the reason) instead of
 * breaking the whole benchmark.
 */

/** A module loader that remembers its result or its error. */
export class ProjectModule<T> {
  private loaded?: { readonly module: T } | { readonly error: string };

  /**
   * @param description what the module is, for messages (e.g. `the synth pipeline (src/synth)`)
   * @param load loads the module (a `require()` call)
   */
  constructor(private readonly description: string, private readonly load: () => T) {}

  /** Why the module cannot be loaded, or `undefined` when it can. */
  public get unavailable(): string | undefined {
    const loaded = this.tryLoad();
    return 'error' in loaded ? loaded.error : undefined;
  }

  /**
   * The module.
   *
   * @throws when it cannot be loaded
   */
  public get module(): T {
    const loaded = this.tryLoad();
    if ('error' in loaded) {
      throw new Error(loaded.error);
    }
    return loaded.module;
  }

  private tryLoad(): { readonly module: T } | { readonly error: string } {
    if (!this.loaded) {
      try {
        this.loaded = { module: this.load() };
      } catch (e) {
        const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
        this.loaded = { error: `cannot load ${this.description}: ${message}` };
      }
    }
    return this.loaded;
  }
}

/** The synth pipeline, as the cases use it (`bench/cases/_pipeline.ts`). */
export const pipelineModule = new ProjectModule<typeof import('./_pipeline')>(
  'the synth pipeline (src/synth)',
  () => require('./_pipeline'),
);

/** The WebApp fixture (`bench/fixtures/web-app.ts`, which imports the public API in src/index.ts). */
export const webAppModule = new ProjectModule<typeof import('../fixtures/web-app')>(
  'WebApp (src/index.ts)',
  () => require('../fixtures/web-app'),
);

/** The YAML emitter (src/synth/yaml-emitter.ts). */
export const emitterModule = new ProjectModule<typeof import('../../src/synth/yaml-emitter')>(
  'the YAML emitter (src/synth/yaml-emitter.ts)',
  () => require('../../src/synth/yaml-emitter'),
);
