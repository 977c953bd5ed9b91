/**
 * `cdk8s-patterns graph`: draws each environment of a synth output folder as Mermaid and SVG,
 * and prints its capacity table.
 *
 * Exit codes: 0 done, 2 usage or input problems (unknown environment, missing folder, YAML that
 * does not parse); on a problem nothing is written.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command, Option } from 'commander';
import {
  buildGraph, capacityOf, CapacityFormat, EnvironmentError, formatCapacity, listEnvironments, readEnvironment,
  renderSvg, selectEnvironment, toMermaid,
} from '../../delivery/graph';

/** What the graph command writes. */
export enum GraphFormat {
  /** `<env>.mmd` only. */
  MERMAID = 'mermaid',
  /** `<env>.svg` only. */
  SVG = 'svg',
  /** Both files. */
  BOTH = 'both',
}

/** The options of the graph command as commander parses them. */
export interface GraphFlags {
  /** @default 'dist' */
  readonly dir?: string;
  /** @default - every environment */
  readonly env?: string;
  /** @default 'graph' */
  readonly out?: string;
  /** @default GraphFormat.BOTH */
  readonly format?: string;
  /** @default false */
  readonly capacity?: boolean;
  /** @default CapacityFormat.TEXT */
  readonly capacityFormat?: string;
}

/** Where the command writes messages; injectable for tests. */
export interface GraphIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Registers `graph` on the program. */
export function register(program: Command): void {
  program
    .command('graph')
    .description('draw each environment (Mermaid + SVG) and print its capacity table')
    .option('--dir <folder>', 'the synth output folder', 'dist')
    .option('--env <name>', 'only this environment (default: all)')
    .option('--out <folder>', 'where to write <env>.mmd and <env>.svg', 'graph')
    .addOption(new Option('--format <format>', 'which files to write').choices(Object.values(GraphFormat)).default(GraphFormat.BOTH))
    .option('--capacity', 'print the capacity table of each environment')
    .addOption(new Option('--capacity-format <format>', 'capacity table format').choices(Object.values(CapacityFormat)).default(CapacityFormat.TEXT))
    .action((flags: GraphFlags) => {
      process.exitCode = runGraph(flags, { stdout: t => process.stdout.write(t), stderr: t => process.stderr.write(t) });
    });
}

/** Runs the graph command; returns the exit code (0 or 2). */
export function runGraph(flags: GraphFlags, io: GraphIo): number {
  const dir = flags.dir ?? 'dist';
  const out = flags.out ?? 'graph';
  const format = (flags.format ?? GraphFormat.BOTH) as GraphFormat;
  const files: Array<{ name: string; content: string }> = [];
  const tables: string[] = [];
  try {
    const all = listEnvironments(dir);
    const envs = flags.env === undefined ? all : [selectEnvironment(all, flags.env)];
    for (const env of envs) {
      const objects = readEnvironment(env);
      const graph = buildGraph(objects);
      const title = `${env.name} (${path.relative(process.cwd(), env.dir) || '.'})`;
      if (format !== GraphFormat.SVG) files.push({ name: `${env.name}.mmd`, content: toMermaid(graph, { title }) });
      if (format !== GraphFormat.MERMAID) files.push({ name: `${env.name}.svg`, content: renderSvg(graph, { title }) });
      if (flags.capacity) {
        tables.push(formatCapacity(capacityOf(objects), { format: flags.capacityFormat as CapacityFormat, title: `Capacity of ${env.name}` }));
      }
    }
  } catch (e) {
    if (e instanceof EnvironmentError) {
      io.stderr(`error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  try {
    writeFilesAtomically(out, files);
  } catch (e) {
    io.stderr(`error: cannot write to ${out}: ${(e as Error).message}\n`);
    return 2;
  }
  io.stdout(`Wrote ${files.length} file${files.length === 1 ? '' : 's'} to ${out}/\n${files.map(f => `  - ${path.join(out, f.name)}\n`).join('')}`);
  if (tables.length > 0) io.stdout(`\n${tables.join('\n')}`);
  return 0;
}

/** Writes each file to a temporary name in `dir`, then renames them all into place. */
function writeFilesAtomically(dir: string, files: ReadonlyArray<{ name: string; content: string }>): void {
  fs.mkdirSync(dir, { recursive: true });
  const temps: Array<[string, string]> = [];
  try {
    for (const file of files) {
      const target = path.join(dir, file.name);
      const temp = path.join(dir, `.${file.name}.${process.pid}.tmp`);
      fs.writeFileSync(temp, file.content, 'utf8');
      temps.push([temp, target]);
    }
    for (const [temp, target] of temps) fs.renameSync(temp, target);
  } finally {
    for (const [temp] of temps) fs.rmSync(temp, { force: true });
  }
}
