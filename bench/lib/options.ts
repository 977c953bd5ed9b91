/**
 * Command-line options of `npm run bench`.
 */

/** The resolved options of one benchmark run. */
export interface BenchOptions {
  /** Sizes (apps) to run the synth cases at. */
  readonly sizes: readonly number[];
  /** Measured runs per case and size, each in a fresh child process; the median is reported. */
  readonly runs: number;
  /** Case ids or `prefix*` patterns; empty runs every case. */
  readonly cases: readonly string[];
  /** Where the JSON results are written (relative to the repository root). */
  readonly out: string;
  /** Whether `--quick` was given. */
  readonly quick: boolean;
  /** Only list the cases and exit. */
  readonly list: boolean;
  /** Only print the usage and exit. */
  readonly help: boolean;
  /**
   * The kubeconform binary to run next to `validate` (sets `$KUBECONFORM` for the child processes).
   *
   * @default - `$KUBECONFORM`, else the kubeconform cases are skipped
   */
  readonly kubeconform?: string;
}

/** Sizes of a full run. */
export const DEFAULT_SIZES: readonly number[] = [10, 100, 1000];
/** Sizes of a `--quick` run. */
export const QUICK_SIZES: readonly number[] = [10, 100];
/** Measured runs of a full run. */
export const DEFAULT_RUNS = 3;
/** Where a full run writes its results. */
export const DEFAULT_OUT = 'bench/results/latest.json';
/** Where a `--quick` run writes its results, so that it never replaces the reference figures. */
export const QUICK_OUT = 'bench/results/quick.json';

/** The usage text printed by `--help`. */
export const USAGE = `Usage: npm run bench -- [options]

Synthesizes N apps with WebApp, plain cdk8s-plus-28 and helm template, each case in its own
child process, and prints seconds, objects per second, peak memory and the ratios.

Options:
  --quick            sizes ${QUICK_SIZES.join(',')}, 1 run, results to ${QUICK_OUT}
  --sizes <list>     comma-separated app counts (default ${DEFAULT_SIZES.join(',')})
  --runs <n>         measured runs per case and size, median reported (default ${DEFAULT_RUNS})
  --cases <list>     comma-separated case ids or prefixes ending in * (default: all)
  --out <file>       JSON results file (default ${DEFAULT_OUT})
  --kubeconform <p>  run kubeconform (v0.6.3, built from source) on the validate inputs
                     (default: $KUBECONFORM; skipped when neither is given)
  --list             list the cases and exit
  --help             print this text
`;

/**
 * Parses the arguments after `bench/run.ts`.
 *
 * Later options win over `--quick` (`--quick --runs 2` runs twice).
 *
 * @throws on an unknown option, a missing value or a value that is not a positive integer
 */
export function parseOptions(argv: readonly string[]): BenchOptions {
  let sizes: readonly number[] | undefined;
  let runs: number | undefined;
  let cases: readonly string[] = [];
  let out: string | undefined;
  let quick = false;
  let list = false;
  let help = false;
  let kubeconform: string | undefined;

  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = splitFlag(argv[i]);
    const value = (): string => {
      if (inline !== undefined) {
        return inline;
      }
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) {
        throw new Error(`option '${flag}' needs a value; see --help`);
      }
      i++;
      return next;
    };
    switch (flag) {
      case '--quick':
        quick = true;
        break;
      case '--sizes':
        sizes = parseList(flag, value()).map((s) => parsePositiveInt(flag, s));
        break;
      case '--runs':
        runs = parsePositiveInt(flag, value());
        break;
      case '--cases':
        cases = parseList(flag, value());
        break;
      case '--out':
        out = value();
        break;
      case '--list':
        list = true;
        break;
      case '--kubeconform':
        kubeconform = value();
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      default:
        throw new Error(`unknown option '${argv[i]}'; see --help`);
    }
  }

  return {
    sizes: sizes ?? (quick ? QUICK_SIZES : DEFAULT_SIZES),
    runs: runs ?? (quick ? 1 : DEFAULT_RUNS),
    cases,
    out: out ?? (quick ? QUICK_OUT : DEFAULT_OUT),
    quick,
    list,
    help,
    ...(kubeconform === undefined ? {} : { kubeconform }),
  };
}

function splitFlag(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=');
  return arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
}

function parseList(flag: string, raw: string): string[] {
  const items = raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (items.length === 0) {
    throw new Error(`option '${flag}' needs a comma-separated list, got '${raw}'`);
  }
  return items;
}

function parsePositiveInt(flag: string, raw: string): number {
  if (!/^[0-9]+$/.test(raw) || Number(raw) < 1) {
    throw new Error(`option '${flag}' takes positive integers, got '${raw}'`);
  }
  return Number(raw);
}
