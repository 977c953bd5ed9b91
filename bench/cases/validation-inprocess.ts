/**
 * The validation engine in-process on a stream of realistic mixed objects: bench cases for the
 * harness, and a standalone profiling driver.
 *
 * Standalone: `npx tsx bench/cases/validation-inprocess.ts [objects] [--rules] [--no-stream] [--all-only | --layer=cross] [--repeat=N]`
 * (default 100,000 objects) prints objects/s per layer and for all layers, plain ajv on the same
 * compiled schemas, per-rule times with `--rules`, a streaming heap check and peak RSS.
 * Profile with `npx tsx bench/profile.ts validation-all-layers 100000`.
 */
import { builtinRules, validate } from '../../src/validation';
import { findValidator } from '../../src/validation/schema/registry';
import { KubeObject, Layer, SourcedObject } from '../../src/validation/types';
import { BenchCase, CaseGroup } from '../lib/bench-case';
import { sourcedValidationObjects, validationExternals } from '../fixtures/validation-objects';
import { bestOf, measureStream, rateOf, rulesOfLayer, timeLayers, timePlainAjv, timeRules, timeValidate, ValidationTiming } from './validation-measure';

/** Objects validated by the cases: 100,000 whatever `--sizes` says (the issue #3 target stream). */
export const VALIDATION_OBJECTS = 100_000;

/** The seed of the measured stream; the warm-up stream uses another one, so no object is seen twice. */
const MEASURED_SEED = 42;
const WARMUP_SEED = 4242;

/**
 * How a validation case warms the process up before the timed stream.
 *
 * Node compiles the engine's hot functions (rules, precompiled ajv validators) with its optimizing
 * compiler only after they ran for a while. A 2,000-object warm-up leaves about 75 ms of that
 * compilation done; the first 100,000-object stream then pays about 1.8 s of compiler CPU (on the
 * second core) while running unoptimized code, which is a one-off start-up cost, not throughput.
 */
enum Warmup {
  /** One full stream of other objects first: the timed stream measures steady-state throughput. */
  FULL_STREAM = 'full-stream',
  /** 2,000 objects only: the timed stream is the first big one in a fresh process (JIT cost included). */
  SMALL = 'small',
}

let prepared: readonly SourcedObject[] = [];

function validationCase(id: string, title: string, layer: Layer | undefined, warmup: Warmup = Warmup.FULL_STREAM): BenchCase {
  let prepares = 0;
  return {
    id,
    title,
    group: CaseGroup.MICRO,
    unit: 'objects',
    sizes: () => [VALIDATION_OBJECTS],
    warmupSize: (n) => (warmup === Warmup.FULL_STREAM ? n : Math.min(n, 2000)),
    prepare(n) {
      // The harness prepares the warm-up first, then the measured stream.
      prepared = sourcedValidationObjects(n, prepares++ === 0 ? WARMUP_SEED : MEASURED_SEED);
    },
    run() {
      const external = validationExternals();
      const report = validate(prepared, layer === undefined ? { external } : { external, ruleSet: rulesOfLayer(layer) });
      return { objects: report.objectCount };
    },
  };
}

/** All four layers (schema, api, cross, policy) through `validate()`, in a warmed-up process: the throughput. */
export const validationAllLayers = validationCase('validation-all-layers', 'validate(): all layers', undefined);
/** All four layers on the first big stream of a fresh process (includes optimizing-compiler warm-up). */
export const validationAllLayersCold = validationCase(
  'validation-all-layers-cold',
  'validate(): all layers, first stream of a fresh process',
  undefined,
  Warmup.SMALL,
);
/** The schema layer alone (precompiled ajv validators and message mapping). */
export const validationSchemaLayer = validationCase('validation-schema-layer', 'validate(): schema layer', Layer.SCHEMA);
/** The API-server semantic rules alone. */
export const validationApiLayer = validationCase('validation-api-layer', 'validate(): api layer', Layer.API);
/** The cross-object rules alone. */
export const validationCrossLayer = validationCase('validation-cross-layer', 'validate(): cross layer', Layer.CROSS);
/** The policy rules alone. */
export const validationPolicyLayer = validationCase('validation-policy-layer', 'validate(): policy layer', Layer.POLICY);

let plainObjects: readonly KubeObject[] = [];
let plainValidators: readonly (((object: unknown) => boolean) | undefined)[] = [];

/** The same precompiled ajv validators called directly on the same stream: the floor of the schema layer. */
export const validationPlainAjv: BenchCase = {
  id: 'validation-plain-ajv',
  title: 'plain ajv, the same precompiled schemas',
  group: CaseGroup.MICRO,
  unit: 'objects',
  sizes: () => [VALIDATION_OBJECTS],
  warmupSize: (n) => n,
  prepare(n) {
    plainObjects = sourcedValidationObjects(n).map((o) => o.object);
    plainValidators = plainObjects.map((o) => findValidator(o.apiVersion as string, o.kind as string)?.validate);
  },
  run() {
    let checked = 0;
    for (let i = 0; i < plainObjects.length; i++) {
      const check = plainValidators[i];
      if (check !== undefined) check(plainObjects[i]);
      checked++;
    }
    return { objects: checked };
  },
};

/**
 * A stream validated app by app (`createValidator({ bundleScope: BundleScope.BATCH })`, all layers)
 * whose objects are generated on the fly and dropped: the live heap after a full GC at the end of
 * two stream lengths shows whether memory grows with the stream (it should not, beyond the findings).
 */
export const validationStreaming: BenchCase = {
  id: 'validation-streaming',
  title: 'createValidator(): stream, one bundle per app',
  group: CaseGroup.MICRO,
  unit: 'objects',
  sizes: () => [VALIDATION_OBJECTS / 5, VALIDATION_OBJECTS],
  warmupSize: () => 2000,
  run(n) {
    const stream = measureStream(n);
    return { objects: stream.objects, liveHeapKb: stream.heapAtEndMiB * 1024 };
  },
};

/** Every validation case, in the order they print. */
export const VALIDATION_CASES: readonly BenchCase[] = [
  validationAllLayers,
  validationAllLayersCold,
  validationSchemaLayer,
  validationApiLayer,
  validationCrossLayer,
  validationPolicyLayer,
  validationPlainAjv,
  validationStreaming,
];

function row(timing: ValidationTiming): string {
  return `${timing.label.padEnd(36)} ${timing.seconds.toFixed(3).padStart(7)} s wall ${timing.cpuSeconds.toFixed(3).padStart(7)} s cpu `
    + `${Math.round(rateOf(timing)).toLocaleString('en-US').padStart(10)} obj/cpu-s ${(timing.cpuSeconds * 1e6 / timing.objects).toFixed(2).padStart(7)} us/obj `
    + `${String(timing.findings).padStart(6)} findings`;
}

function main(argv: readonly string[]): void {
  const count = Number(argv.find((a) => /^[0-9]+$/.test(a)) ?? VALIDATION_OBJECTS);
  // Warm-up: JIT, lazily loaded validators.
  validate(sourcedValidationObjects(2000), { external: validationExternals() });
  console.log(`validation in-process, ${count.toLocaleString('en-US')} objects, node ${process.version}`);
  const repeatArg = argv.find((a) => a.startsWith('--repeat='));
  const repeat = repeatArg === undefined ? 1 : Number(repeatArg.slice('--repeat='.length));
  const layerArg = argv.find((a) => a.startsWith('--layer='))?.slice('--layer='.length) as Layer | undefined;
  if (layerArg !== undefined) {
    console.log(row(bestOf(repeat, () => timeValidate(`layer ${layerArg}`, count, { ruleSet: rulesOfLayer(layerArg) }))));
    return;
  }
  if (argv.includes('--all-only')) {
    console.log(row(bestOf(repeat, () => timeValidate('all layers', count, {}))));
    return;
  }
  console.log(`best of ${repeat} run(s) per line`);
  for (const timing of timeLayers(count, repeat)) console.log(row(timing));
  console.log(row(bestOf(repeat, () => timePlainAjv(count))));
  if (argv.includes('--rules')) {
    console.log(`\nper rule (${builtinRules().length} rules), slowest first:`);
    for (const timing of timeRules(count)) console.log(row(timing));
  }
  if (!argv.includes('--no-stream')) {
    const stream = measureStream(count);
    console.log(`\nstreaming (BundleScope.BATCH, one bundle per app): ${stream.objects} objects in ${stream.seconds.toFixed(2)} s (${stream.cpuSeconds.toFixed(2)} s cpu), `
      + `${stream.findings} findings; heap after GC at 10%: ${stream.heapAtTenthMiB.toFixed(1)} MiB, at 100%: ${stream.heapAtEndMiB.toFixed(1)} MiB`);
  }
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}

if (require.main === module) main(process.argv.slice(2));
