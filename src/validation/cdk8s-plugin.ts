/**
 * A cdk8s-cli validation plugin: `cdk8s synth` runs the cdk8s-patterns engine on the synthesized
 * manifests and prints its findings in the cdk8s validation report.
 *
 * cdk8s.yaml (after `npm run build`; local plugins are paths starting with `./`):
 *
 *     validations:
 *       - package: ./lib/src/validation/cdk8s-plugin.js
 *         version: 0.1.0
 *         class: Cdk8sPatternsValidation
 *         properties:
 *           level: policy
 *           podSecurity: restricted
 *           rules:
 *             policy/latest-tag: warning
 *
 * `properties` takes the same keys as a `validate --config` file. The interfaces below are the
 * parts of cdk8s-cli's `ValidationContext` the plugin uses, declared here so the library does not
 * depend on cdk8s-cli at run time.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseValidationConfig, ValidationConfig } from './config';
import { createValidator } from './engine';
import { parseManifestText } from './engine-input';
import { findingText, objectLabel } from './report/format';
import { addSchemaDir } from './schema/registry';
import { Finding, Severity } from './types';

/** A resource violating a rule, as cdk8s-cli reports it. */
export interface PluginViolatingResource {
  readonly resourceName: string;
  readonly locations: readonly string[];
  readonly manifestPath: string;
}

/** A violation in cdk8s-cli's report. */
export interface PluginViolation {
  readonly ruleName: string;
  readonly recommendation: string;
  readonly fix: string;
  readonly violatingResources: readonly PluginViolatingResource[];
}

/** The parts of cdk8s-cli's `ValidationContext` the plugin uses. */
export interface PluginContext {
  readonly manifests: readonly string[];
  readonly metadata: { readonly [resourceName: string]: { readonly path: string } };
  readonly report: {
    addViolation(violation: PluginViolation): void;
    submit(status: 'success' | 'failure', metadata?: { readonly [key: string]: string }): void;
  };
  readonly logger: { log(message: string): void };
}

/** The cdk8s-cli validation plugin class (`class: Cdk8sPatternsValidation` in cdk8s.yaml). */
export class Cdk8sPatternsValidation {
  /** The options from `properties:` in cdk8s.yaml. */
  public readonly config: ValidationConfig;

  /**
   * @param properties the `properties:` of the cdk8s.yaml entry (keys of a `validate --config` file).
   * @throws ValidationConfigError when a property is unknown or has a bad value.
   */
  constructor(properties: Record<string, unknown> = {}) {
    this.config = parseValidationConfig(properties, 'cdk8s.yaml validations properties');
    if (this.config.schemaDir !== undefined) addSchemaDir(path.resolve(this.config.schemaDir));
  }

  /** Validates the manifests of the context, adds one violation per rule and submits the report. */
  public async validate(context: PluginContext): Promise<void> {
    const validator = createValidator(this.config);
    const problems: string[] = [];
    for (const manifest of context.manifests) {
      const parsed = parseManifestText(fs.readFileSync(manifest, 'utf-8'), manifest);
      for (const problem of parsed.problems) problems.push(`${problem.file}${problem.line === undefined ? '' : `:${problem.line}`}: ${problem.message}`);
      validator.add(parsed.objects.map(({ object, source }) => {
        const name = (object.metadata as { name?: unknown } | undefined)?.name;
        const constructPath = typeof name === 'string' ? context.metadata[name]?.path : undefined;
        return { object, source: constructPath === undefined ? source : { ...source, constructPath } };
      }));
    }
    const report = validator.finish();
    const byRule = new Map<string, Finding[]>();
    for (const finding of report.findings) {
      const list = byRule.get(finding.rule);
      if (list === undefined) byRule.set(finding.rule, [finding]);
      else list.push(finding);
    }
    for (const [rule, findings] of byRule) {
      const meta = report.rules.find((r) => r.id === rule);
      context.report.addViolation({
        ruleName: `${rule} (${findings[0].severity})`,
        recommendation: meta?.description ?? rule,
        fix: `Fix the field, or add the annotation ignore-check.cdk8s-patterns.io/${rule.slice(rule.indexOf('/') + 1)}: "<reason>" to the object`,
        violatingResources: findings.map((f) => ({
          resourceName: f.object.name ?? objectLabel(f.object),
          locations: [`${findingText(f)}${f.line === undefined ? '' : ` (line ${f.line})`}`],
          manifestPath: f.file ?? '',
        })),
      });
    }
    for (const problem of problems) context.logger.log(problem);
    const failed = !report.ok || problems.length > 0;
    context.report.submit(failed ? 'failure' : 'success', {
      errors: String(report.counts.error),
      warnings: String(report.counts.warning),
      objects: String(report.objectCount),
      ...(problems.length > 0 ? { inputProblems: String(problems.length) } : {}),
      ...(report.findings.some((f) => f.severity === Severity.INFO) ? { infos: String(report.counts.info) } : {}),
    });
  }
}
