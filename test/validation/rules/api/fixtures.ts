/**
 * Small object fixtures and a runner for the API rule tests.
 */
import { API_RULES } from '../../../../src/validation/rules/api';
import { PodSecurityLevel, RuleContext } from '../../../../src/validation/rule';
import { KubeObject, Violation } from '../../../../src/validation/types';

/** The context every test uses. */
export const CONTEXT: RuleContext = { podSecurity: PodSecurityLevel.BASELINE, external: [] };

/** A violation tagged with its rule id, as the tests compare them. */
export interface Tagged extends Violation {
  readonly rule: string;
}

/** Runs every API rule that applies to the object's kind, like the engine does. */
export function runApiRules(object: KubeObject): Tagged[] {
  const out: Tagged[] = [];
  for (const rule of API_RULES) {
    if (rule.kinds && !rule.kinds.includes(object.kind as string)) {
      continue;
    }
    for (const v of rule.check(object, CONTEXT)) {
      out.push({ rule: rule.id, path: v.path, message: v.message });
    }
  }
  return out;
}

type Json = Record<string, unknown>;

/** A valid container. */
export function container(overrides: Json = {}): Json {
  return { name: 'app', image: 'nginx:1.25', ...overrides };
}

/** A valid pod spec with one container. */
export function podSpec(overrides: Json = {}): Json {
  return { containers: [container()], ...overrides };
}

/** A valid pod template labelled `app: web`. */
export function template(spec: Json = podSpec(), labels: Json = { app: 'web' }): Json {
  return { metadata: { labels }, spec };
}

/** A valid Deployment. */
export function deployment(spec: Json = {}, metadata: Json = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', ...metadata },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: template(), ...spec },
  };
}

/** A Deployment whose pod spec is `spec`. */
export function deploymentWithPod(spec: Json): KubeObject {
  return deployment({ template: template(spec) });
}

/** A valid object of any kind with the given name and body. */
export function object(kind: string, apiVersion: string, body: Json = {}, name = 'obj'): KubeObject {
  return { apiVersion, kind, metadata: { name }, ...body };
}

/** A violation row. */
export function v(rule: string, path: string, message: string): Tagged {
  return { rule, path, message };
}

/** The DNS-1123 label regex message the server appends. */
export const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
/** The DNS-1123 subdomain regex message. */
export const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
/** The DNS-1035 regex message. */
export const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
