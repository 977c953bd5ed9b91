/**
 * The ratios `npm run bench` prints, with the targets from issue #2 and the reference figures
 * measured on this machine class (2 cores): plain cdk8s-plus-28 ~1.9 s for 1,000 apps in one
 * chart, helm template ~0.9 s, cdk8s one chart per app ~7.6x slower at 1,000 apps, yaml
 * ~180 us per object vs ~5 us for JSON.stringify; and the validation targets of issue #3 (50,000
 * objects/s in-process through all layers, 25,000 objects/s for the CLI on a 100,000-object file,
 * memory flat along a stream).
 */
import { Comparison } from './lib/compare';

/** The inputs of the kubeconform comparisons, as the comparison titles name them. */
const KUBECONFORM_INPUT_TITLES = {
  synthetic: '100,000 small objects, 49 MB, all levels',
  crds: 'CRD-heavy, --level api',
  configmaps: 'big ConfigMaps, --level api',
  mix: 'real-world mix, --level api',
  one: 'one object (start-up)',
} as const;

/** Every comparison, in print order. Comparisons whose cases did not run print as not measured. */
export const COMPARISONS: readonly Comparison[] = [
  {
    kind: 'ratio', id: 'webapp-vs-plus-one-chart', title: 'WebApp / cdk8s-plus-28, one chart',
    numerator: 'webapp-one-chart', denominator: 'plus-one-chart', max: 1.1,
  },
  {
    kind: 'ratio', id: 'webapp-vs-plus-chart-per-app', title: 'WebApp / cdk8s-plus-28, chart per app',
    numerator: 'webapp-chart-per-app', denominator: 'plus-chart-per-app',
  },
  {
    kind: 'growth', id: 'webapp-chart-per-app-growth', title: 'WebApp chart per app: growth',
    caseId: 'webapp-chart-per-app', maxLinearity: 1.2, note: 'target linear (~10x for 100->1000)',
  },
  {
    kind: 'growth', id: 'plus-chart-per-app-growth', title: 'cdk8s-plus-28 chart per app: growth',
    caseId: 'plus-chart-per-app', note: 'cdk8s synth is expected to go quadratic',
  },
  {
    kind: 'growth', id: 'webapp-one-chart-growth', title: 'WebApp one chart: growth',
    caseId: 'webapp-one-chart', maxLinearity: 1.2,
  },
  {
    kind: 'growth', id: 'plus-one-chart-growth', title: 'cdk8s-plus-28 one chart: growth',
    caseId: 'plus-one-chart',
  },
  {
    kind: 'growth', id: 'environments-growth', title: 'N apps x 3 environments (synth+validate+write): growth',
    caseId: 'environments-50x3', maxLinearity: 1.3, note: 'target linear in apps x environments (50->100 apps)',
  },
  {
    kind: 'ratio', id: 'plus-chart-per-app-vs-one-chart', title: 'cdk8s-plus-28: chart per app / one chart',
    numerator: 'plus-chart-per-app', denominator: 'plus-one-chart', note: 'reference ~7.6x at 1,000 apps',
  },
  {
    kind: 'ratio', id: 'webapp-chart-per-app-vs-one-chart', title: 'WebApp: chart per app / one chart',
    numerator: 'webapp-chart-per-app', denominator: 'webapp-one-chart',
  },
  {
    kind: 'ratio', id: 'webapp-vs-helm', title: 'WebApp one chart / helm template',
    numerator: 'webapp-one-chart', denominator: 'helm-template', max: 1, note: 'goal: faster than helm',
  },
  {
    kind: 'ratio', id: 'plus-vs-helm', title: 'cdk8s-plus-28 one chart / helm template',
    numerator: 'plus-one-chart', denominator: 'helm-template', note: 'reference ~2.1x (1.9 s vs 0.9 s)',
  },
  {
    kind: 'ratio', id: 'pipeline-vs-cdk8s-one-chart', title: 'cdk8s-plus-28 one chart: project pipeline / app.synth()',
    numerator: 'plus-pipeline-one-chart', denominator: 'plus-one-chart',
  },
  {
    kind: 'ratio', id: 'pipeline-vs-cdk8s-chart-per-app', title: 'cdk8s-plus-28 chart per app: project pipeline / app.synth()',
    numerator: 'plus-pipeline-chart-per-app', denominator: 'plus-chart-per-app',
  },
  {
    kind: 'growth', id: 'plus-pipeline-chart-per-app-growth', title: 'cdk8s-plus-28 chart per app, project pipeline: growth',
    caseId: 'plus-pipeline-chart-per-app', maxLinearity: 1.2,
  },
  {
    kind: 'ratio', id: 'emitter-vs-json', title: 'project toYaml / JSON.stringify per object',
    numerator: 'serialize-emitter', denominator: 'serialize-json',
  },
  {
    kind: 'ratio', id: 'yaml-vs-json', title: 'yaml.stringify / JSON.stringify per object',
    numerator: 'serialize-yaml', denominator: 'serialize-json', note: 'reference ~36x (180 us vs 5 us)',
  },
  {
    kind: 'throughput', id: 'validation-throughput', title: 'validate(), all layers: objects/s (warm process)',
    caseId: 'validation-all-layers', min: 50_000, note: 'issue #3 target, in-process',
  },
  {
    kind: 'throughput', id: 'validation-throughput-cold', title: 'validate(), all layers: objects/s (first stream, fresh process)',
    caseId: 'validation-all-layers-cold', note: 'includes the optimizing compiler warming up',
  },
  {
    kind: 'ratio', id: 'validation-vs-plain-ajv', title: 'validate() all layers / plain ajv on the same schemas',
    numerator: 'validation-all-layers', denominator: 'validation-plain-ajv',
  },
  {
    kind: 'memory-growth', id: 'validation-stream-memory', title: 'streaming validation: live heap growth',
    caseId: 'validation-streaming', max: 1.25, note: 'target: flat (only the findings grow)',
  },
  {
    kind: 'throughput', id: 'validate-cli-throughput', title: 'validate CLI on the YAML file: objects/s incl. start-up',
    caseId: 'validate-synthetic', min: 25_000, note: 'issue #3 target',
  },
  // issue #14: side by side with kubeconform (-strict, 1.28 standalone schemas), whole processes, medians
  ...(['synthetic', 'crds', 'configmaps', 'mix', 'one'] as const).map((input): Comparison => ({
    kind: 'ratio', id: `validate-vs-kubeconform-${input}`,
    title: `validate / kubeconform: ${KUBECONFORM_INPUT_TITLES[input]}`,
    numerator: input === 'synthetic' || input === 'one' ? `validate-${input}` : `validate-${input}-api`,
    denominator: `kubeconform-${input}`, max: 0.2, median: true, note: 'target: 5x faster than kubeconform',
  })),
  {
    kind: 'limit', id: 'validate-crds-mb-per-second', title: 'validate --level api, CRD-heavy YAML: MB/s',
    caseId: 'validate-crds-api', measure: 'megabytes-per-second', limit: 45, note: 'whole process, 2 cores',
  },
  ...(['synthetic-api', 'crds-api', 'configmaps-api', 'mix-api'] as const).map((input): Comparison => ({
    kind: 'limit', id: `validate-${input}-memory`, title: `validate --level api peak memory: ${input.replace('-api', '')}`,
    caseId: `validate-${input}`, measure: 'memory', limit: 150, note: 'flat whatever the input size',
  })),
  {
    kind: 'limit', id: 'validate-synthetic-memory', title: 'validate (policy level) peak memory: 49 MB synthetic stream',
    caseId: 'validate-synthetic', measure: 'memory', limit: 250,
  },
  {
    kind: 'limit', id: 'validate-one-startup', title: 'start-up: validate of one object, wall',
    caseId: 'validate-one', measure: 'seconds', limit: 0.15,
  },
  {
    kind: 'limit', id: 'project-one-webapp-node-seconds', title: 'one-WebApp project: node main.js to written dist/, wall',
    caseId: 'project-one-webapp-node', measure: 'seconds', limit: 0.5, note: 'type-checking not included',
  },
  {
    kind: 'limit', id: 'project-one-webapp-cli-seconds', title: 'one-WebApp project: cdk8s-patterns synth --app main.js, wall',
    caseId: 'project-one-webapp-cli', measure: 'seconds', limit: 0.5, note: 'type-checking not included',
  },
  {
    kind: 'ratio', id: 'webapp-validated-vs-helm', title: 'WebApp synth + validation / helm template',
    numerator: 'webapp-validated-one-chart', denominator: 'helm-template', max: 0.5, median: true,
    note: 'in-process synth after warm-up vs the helm process',
  },
];

