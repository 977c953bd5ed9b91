/**
 * `npm run bench`: runs the registered cases, each size in fresh child processes, prints the
 * tables and the comparisons, and writes the JSON results.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createRegistry } from './cases';
import { COMPARISONS } from './comparisons';
import { BenchCase, CaseGroup } from './lib/bench-case';
import { casesOf, evaluateComparisons } from './lib/compare';
import { runChild, summarize } from './lib/measure';
import { BenchOptions, parseOptions, USAGE } from './lib/options';
import { formatCaseTable, formatComparisons, formatSeconds } from './lib/report';
import { BenchReport, CaseResult, RunSample } from './lib/results';
import { COMPILED, ROOT_DIR } from './lib/runtime';
import { KUBECONFORM_VARIABLE, locateKubeconform } from './lib/kubeconform';



function main(argv: readonly string[]): void {
  const options = parseOptions(argv);
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (options.kubeconform !== undefined) {
    // the child processes read the binary from the environment
    process.env[KUBECONFORM_VARIABLE] = path.resolve(options.kubeconform);
  }
  const registry = createRegistry();
  if (options.list) {
    for (const c of registry.all) {
      const why = c.unavailable?.(ROOT_DIR);
      process.stdout.write(`${c.id.padEnd(28)} ${c.title}${why ? `  (unavailable: ${why})` : ''}\n`);
    }
    return;
  }

  const selected = registry.select(options.cases);
  const loadAtStart = os.loadavg()[0];
  log(`cdk8s-patterns bench: sizes ${options.sizes.join(', ')}; ${options.runs} round(s), each case and size in a fresh process after an in-process warm-up; ${COMPILED ? 'compiled JavaScript (.bench/build)' : 'TypeScript through tsx'}`);
  const kubeconform = locateKubeconform();
  log('binary' in kubeconform ? `kubeconform: ${kubeconform.binary} (${kubeconform.version})` : `kubeconform: ${kubeconform.skipped}`);
  const results = runAll(selected, options);
  // comparisons that need a case left out with --cases are not printed
  const ran = new Set(results.map((r) => r.id));
  const comparisons = evaluateComparisons(COMPARISONS.filter((c) => casesOf(c).every((id) => ran.has(id))), results);

  for (const group of Object.values(CaseGroup)) {
    const inGroup = results.filter((r) => r.group === group);
    if (inGroup.length > 0) {
      log(`\n== ${group} ==\n${formatCaseTable(inGroup)}`);
    }
  }
  log(`\n== comparisons (ratios and growth: best run of each; objects/s targets: median run) ==\n${formatComparisons(comparisons)}`);

  const report: BenchReport = {
    generatedAt: new Date().toISOString(),
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cpus: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      loadAverage: { start: loadAtStart, end: os.loadavg()[0] },
    },
    options: { sizes: options.sizes, runs: options.runs, quick: options.quick },
    ...('binary' in kubeconform ? { kubeconform: kubeconform.version } : {}),
    cases: results,
    comparisons,
  };
  const out = path.resolve(ROOT_DIR, options.out);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  log(`\nresults written to ${path.relative(ROOT_DIR, out)}`);
}

/** One case at one size, with its samples so far or the reason it stopped. */
interface Job {
  readonly benchCase: BenchCase;
  readonly size: number;
  readonly samples: RunSample[];
  failed?: string;
}

/**
 * Runs every case at every size `options.runs` times, in rounds: each round runs every job once,
 * so that load from other processes spreads over all cases instead of skewing one of them.
 */
function runAll(cases: readonly BenchCase[], options: BenchOptions): CaseResult[] {
  const skipped = new Map<BenchCase, string>();
  const jobs: Job[] = [];
  for (const benchCase of cases) {
    const unavailable = benchCase.unavailable?.(ROOT_DIR);
    if (unavailable) {
      log(`- ${benchCase.id}: skipped (${unavailable})`);
      skipped.set(benchCase, unavailable);
      continue;
    }
    for (const size of benchCase.sizes?.(options.sizes) ?? options.sizes) {
      jobs.push({ benchCase, size, samples: [] });
    }
  }
  for (let round = 1; round <= options.runs; round++) {
    for (const job of jobs.filter((j) => !j.failed)) {
      const { benchCase, size } = job;
      try {
        const sample = runChild(ROOT_DIR, benchCase.id, size);
        job.samples.push(sample);
        log(`- round ${round}/${options.runs} ${benchCase.id} @ ${size} ${benchCase.unit}: ${formatSeconds(sample.seconds)} s, ${sample.objects} objects`);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log(`- ${benchCase.id}: FAILED at ${size} ${benchCase.unit}\n${message}`);
        job.failed = `failed at ${size} ${benchCase.unit}: ${message.split('\n').slice(-1)[0]}`;
      }
    }
  }
  return cases.map((benchCase) => {
    const base = { id: benchCase.id, title: benchCase.title, group: benchCase.group, unit: benchCase.unit };
    const own = jobs.filter((j) => j.benchCase === benchCase);
    const failed = own.find((j) => j.failed)?.failed;
    const why = skipped.get(benchCase) ?? failed;
    const sizes = own.filter((j) => !j.failed).map((j) => summarize(j.size, j.samples));
    return why ? { ...base, skipped: why, sizes } : { ...base, sizes };
  });
}

function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
