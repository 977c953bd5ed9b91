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
 * `properties` takes the same keys as a `validate --config` file, plus `autoConfig: false`.
 *
 * Like `cdk8s-patterns validate <folder>`, the plugin applies the validation record synth writes
 * next to the manifests (`.cdk8s-patterns-validation` in each folder: the external objects the
 * app's constructs declare, and the settings synth validated with), so `cdk8s synth` with the
 * plugin reaches synth's verdict. `properties` win over the record's settings, and their `external`
 * objects add to the record's; `autoConfig: false` ignores the records. Kustomization files, which
 * cdk8s-cli hands over with the manifests, are not validated.
 *
 * The interfaces below are the parts of cdk8s-cli's `ValidationContext` the plugin uses, declared
 * here so the library does not depend on cdk8s-cli at run time.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseValidationConfig, ValidationConfig, ValidationConfigError, ValidationOptions } from './config';
import { loadConfigFile, mergeGeneratedConfigs, recordsInFolder } from './config-files';
import { createValidator } from './engine';
import { parseManifestText } from './engine-input';
import { isManifestFileName } from './parse/files';
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
  /** The options from `properties:` in cdk8s.yaml (without `autoConfig`). */
  public readonly config: ValidationConfig;
  /**
   * Whether the validation records synth writes next to the manifests are applied
   * (`autoConfig: false` in `properties:` turns it off).
   */
  public readonly autoConfig: boolean;

  /**
   * @param properties the `properties:` of the cdk8s.yaml entry (keys of a `validate --config` file, and `autoConfig`).
   * @throws ValidationConfigError when a property is unknown or has a bad value.
   */
  constructor(properties: Record<string, unknown> = {}) {
    const where = 'cdk8s.yaml validations properties';
    const { autoConfig, ...config } = properties ?? {};
    if (autoConfig !== undefined && typeof autoConfig !== 'boolean') {
      throw new ValidationConfigError(`${where}: autoConfig must be true or false (got ${JSON.stringify(autoConfig)})`);
    }
    this.autoConfig = autoConfig ?? true;
    this.config = parseValidationConfig(config, where);
    if (this.config.schemaDir !== undefined) addSchemaDir(path.resolve(this.config.schemaDir));
  }

  /** Validates the manifests of the context, adds one violation per rule and submits the report. */
  public async validate(context: PluginContext): Promise<void> {
    const manifests = context.manifests.filter((m) => isManifestFileName(path.basename(m)));
    let options: ValidationOptions;
    try {
      options = this.optionsFor(manifests, context);
    } catch (e) {
      if (!(e instanceof ValidationConfigError)) throw e;
      context.logger.log(e.message);
      context.report.submit('failure', { inputProblems: '1' });
      return;
    }
    const validator = createValidator(options);
    const problems: string[] = [];
    for (const manifest of manifests) {
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

  /** The properties merged over the records of the manifests' folders (see the module comment). */
  private optionsFor(manifests: readonly string[], context: PluginContext): ValidationOptions {
    if (!this.autoConfig) return this.config;
    const folders = [...new Set(manifests.map((m) => path.dirname(m)))];
    const loaded = folders.flatMap((folder) => recordsInFolder(folder)).map((file) => loadConfigFile(file));
    if (loaded.length === 0) return this.config;
    context.logger.log(`applied the validation record written by synth: ${loaded.map((l) => l.file).join(', ')} (autoConfig: false to ignore)`);
    for (const { file, config } of loaded) {
      if (config.schemaDir !== undefined) addSchemaDir(path.resolve(path.dirname(file), config.schemaDir));
    }
    const record = mergeGeneratedConfigs(loaded, 'set level, podSecurity, strict and rules in the plugin\'s properties');
    const own = this.config;
    return {
      level: own.level ?? record.level,
      podSecurity: own.podSecurity ?? record.podSecurity,
      strict: own.strict ?? record.strict,
      rules: { ...record.rules, ...own.rules },
      external: [...(record.external ?? []), ...(own.external ?? [])],
      crds: own.crds, // CRD files or folders (like --crd), relative to the working directory
    };
  }
}
