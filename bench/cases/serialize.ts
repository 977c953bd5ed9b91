/**
 * Serializing already-rendered objects: the `yaml` package, the project's YAML emitter and
 * `JSON.stringify`.
 *
 * The objects are the plain cdk8s-plus-28 apps' manifests, rendered untimed in `prepare()`.
 */
import { App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { BenchCase, CaseGroup } from '../lib/bench-case';
import { benchAppSpec, OBJECTS_PER_APP, ONE_CHART_ID } from '../fixtures/app-spec';
import { addPlainPlusApp } from '../fixtures/plain-plus-app';
import { emitterModule } from './_project';

let objects: readonly unknown[] = [];

/** Renders `n` objects (n / 5 apps) into memory, untimed. */
function prepareObjects(n: number): void {
  const chart = new Chart(new App(), ONE_CHART_ID);
  for (let i = 0; i < Math.ceil(n / OBJECTS_PER_APP); i++) {
    addPlainPlusApp(chart, benchAppSpec(i));
  }
  objects = chart.toJson().slice(0, n);
}

/** Objects serialized by the micro cases: the objects of 1,000 apps, whatever `--sizes` says. */
export const SERIALIZE_OBJECTS = 1000 * OBJECTS_PER_APP;

function objectSizes(): readonly number[] {
  return [SERIALIZE_OBJECTS];
}

/** The warm-up serializes the same objects once, so that the timed run is JIT-compiled. */
function fullWarmup(n: number): number {
  return n;
}

/** `yaml` package `stringify()` per object. */
export const serializeYaml: BenchCase = {
  id: 'serialize-yaml',
  title: 'yaml.stringify() per object',
  group: CaseGroup.MICRO,
  unit: 'objects',
  sizes: objectSizes,
  warmupSize: fullWarmup,
  prepare: prepareObjects,
  run() {
    let bytes = 0;
    for (const o of objects) {
      bytes += stringify(o).length;
    }
    return { objects: bytes > 0 ? objects.length : 0 };
  },
};

/** `JSON.stringify()` per object. */
export const serializeJson: BenchCase = {
  id: 'serialize-json',
  title: 'JSON.stringify() per object',
  group: CaseGroup.MICRO,
  unit: 'objects',
  sizes: objectSizes,
  warmupSize: fullWarmup,
  prepare: prepareObjects,
  run() {
    let bytes = 0;
    for (const o of objects) {
      bytes += JSON.stringify(o).length;
    }
    return { objects: bytes > 0 ? objects.length : 0 };
  },
};

/** The project's YAML emitter (`src/synth/yaml-emitter.ts`) per object. */
export const serializeEmitter: BenchCase = {
  id: 'serialize-emitter',
  title: 'project toYaml() per object',
  group: CaseGroup.MICRO,
  unit: 'objects',
  unavailable: () => emitterModule.unavailable,
  sizes: objectSizes,
  warmupSize: fullWarmup,
  prepare: prepareObjects,
  run() {
    const { toYaml } = emitterModule.module;
    let bytes = 0;
    for (const o of objects) {
      bytes += toYaml(o).length;
    }
    return { objects: bytes > 0 ? objects.length : 0 };
  },
};
