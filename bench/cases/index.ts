/**
 * The case registry: every benchmark case, in the order they run and print.
 *
 * To add a case, write a module in this folder exporting a `BenchCase` and register it here;
 * to compare it with others, add an entry to `bench/comparisons.ts`.
 */
import { CaseRegistry } from '../lib/registry';
import { helmTemplate } from './helm-template';
import { plusChartPerApp } from './plus-chart-per-app';
import { plusOneChart } from './plus-one-chart';
import { plusPipelineChartPerApp, plusPipelineOneChart } from './plus-pipeline';
import { webAppChartPerApp, webAppOneChart, webAppValidatedOneChart } from './web-app';
import { VALIDATE_SIDE_BY_SIDE_CASES } from './validate-real-world';
import { projectOneWebAppCli, projectOneWebAppNode } from './project';
import { serializeEmitter, serializeJson, serializeYaml } from './serialize';
import { VALIDATION_CASES } from './validation-inprocess';
import { environments50x3 } from './environments';
import { twoTierValidated } from './two-tier';

/** A registry holding every case. */
export function createRegistry(): CaseRegistry {
  return new CaseRegistry().register(
    webAppOneChart,
    webAppChartPerApp,
    webAppValidatedOneChart,
    plusOneChart,
    plusChartPerApp,
    plusPipelineOneChart,
    plusPipelineChartPerApp,
    helmTemplate,
    serializeYaml,
    serializeEmitter,
    serializeJson,
    ...VALIDATION_CASES,
    environments50x3,
    twoTierValidated,
    ...VALIDATE_SIDE_BY_SIDE_CASES,
    projectOneWebAppNode,
    projectOneWebAppCli,
  );
}
