import { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { isIngressHost } from '../core/validators';

/**
 * Host names, paths and durations as the Gateway API defines them (standard channel v1.4).
 *
 * @internal
 */

/** The most host names a route or listener may carry (`maxItems` of `spec.hostnames`). */
export const MAX_HOSTNAMES = 16;

/** The largest weight of a backend (`maximum` of `backendRefs[].weight`). */
export const MAX_WEIGHT = 1_000_000;

/**
 * Whether `value` is a Gateway API `Hostname`: a lower-case RFC 1123 DNS name, optionally
 * prefixed by the wildcard label `*.`; no IP address, no port.
 */
export function isGatewayHostname(value: string): boolean {
  return typeof value === 'string' && isIngressHost(value);
}

/**
 * Whether a route host name and a listener host name can match the same request: equal, or one
 * is a wildcard (`*.example.com`, one or more labels) whose suffix the other ends with. A
 * listener without a host name accepts every host.
 */
export function hostnamesIntersect(listener: string | undefined, route: string): boolean {
  if (listener === undefined || listener === '' || listener === route) {
    return true;
  }
  if (listener.startsWith('*.') && route.endsWith(listener.slice(1))) {
    return true;
  }
  return route.startsWith('*.') && listener.endsWith(route.slice(1));
}

/** Throws unless `hosts` are valid, distinct host names (at most 16). */
export function checkHostnames(scope: IConstruct, prop: string, hosts: readonly string[]): void {
  if (!Array.isArray(hosts)) {
    throw new ValidationError(scope, `'${prop}' (${JSON.stringify(hosts)}) must be an array of host names`);
  }
  if (hosts.length > MAX_HOSTNAMES) {
    throw new ValidationError(scope, `'${prop}' has ${hosts.length} host names: a route takes at most ${MAX_HOSTNAMES}`);
  }
  hosts.forEach((host, i) => checkHostname(scope, `${prop}[${i}]`, host));
  if (new Set(hosts).size !== hosts.length) {
    throw new ValidationError(scope, `'${prop}' (${JSON.stringify(hosts)}) must not contain duplicates`);
  }
}

/** Throws unless `host` is a Gateway API host name. */
export function checkHostname(scope: IConstruct, prop: string, host: string): void {
  if (!isGatewayHostname(host)) {
    throw new ValidationError(scope, `'${prop}' (${JSON.stringify(host)}) must be a lower-case DNS name `
      + '(e.g. \'app.example.com\') or a \'*.\' wildcard (e.g. \'*.example.com\'), not an IP address or a name with a port');
  }
}

/**
 * The problem with an HTTP path of a match or redirect, if any: it must start with `/`, be at
 * most 1024 characters, and hold no `//`, no `.` or `..` segment, no `#` and no encoded `/`
 * (`%2f`), the rules of the HTTPRoute CRD.
 */
export function httpPathProblem(path: string): string | undefined {
  if (typeof path !== 'string' || !path.startsWith('/')) {
    return 'must start with \'/\'';
  }
  if (path.length > 1024) {
    return 'must be at most 1024 characters';
  }
  if (path.includes('//')) {
    return 'must not contain \'//\'';
  }
  if (path.split('/').some(segment => segment === '.' || segment === '..')) {
    return 'must not contain \'.\' or \'..\' segments';
  }
  if (path.includes('#')) {
    return 'must not contain \'#\'';
  }
  if (/%2f/i.test(path)) {
    return 'must not contain an encoded \'/\' (\'%2f\')';
  }
  return undefined;
}

/** Throws unless `path` is a valid HTTP match path. */
export function checkHttpPath(scope: IConstruct, prop: string, path: string): void {
  const problem = httpPathProblem(path);
  if (problem !== undefined) {
    throw new ValidationError(scope, `'${prop}' (${JSON.stringify(path)}) ${problem}`);
  }
}

/** Throws unless `weight` is an integer between 0 and 1,000,000. */
export function checkWeight(scope: IConstruct, prop: string, weight: number): void {
  if (!Number.isInteger(weight) || weight < 0 || weight > MAX_WEIGHT) {
    throw new ValidationError(scope, `'${prop}' (${weight}) must be an integer between 0 and 1000000, inclusive (a share of the traffic relative to the other backends)`);
  }
}

/** An HTTP header name (RFC 7230 token). */
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;

/** Throws unless `name` is an HTTP header name (at most 256 characters). */
export function checkHeaderName(scope: IConstruct, prop: string, name: string): void {
  if (typeof name !== 'string' || name.length > 256 || !HEADER_NAME.test(name)) {
    throw new ValidationError(scope, `'${prop}' (${JSON.stringify(name)}) must be an HTTP header name: `
      + 'letters, digits and !#$%&\'*+-.^_`|~, at most 256 characters');
  }
}

/**
 * A Gateway API duration (`1h`, `30s`, `1500ms`): whole hours, minutes or seconds when exact,
 * else milliseconds.
 */
export function gatewayDuration(milliseconds: number): string {
  if (milliseconds % 3_600_000 === 0) return `${milliseconds / 3_600_000}h`;
  if (milliseconds % 60_000 === 0) return `${milliseconds / 60_000}m`;
  if (milliseconds % 1000 === 0) return `${milliseconds / 1000}s`;
  return `${milliseconds}ms`;
}

/** Throws unless `milliseconds` is a whole, positive number of milliseconds that fits the Gateway API duration (at most 5 digits per unit). */
export function checkGatewayDuration(scope: IConstruct, prop: string, milliseconds: number): void {
  const rendered = Number.isInteger(milliseconds) && milliseconds > 0 ? gatewayDuration(milliseconds) : undefined;
  if (rendered === undefined || !/^[0-9]{1,5}(h|m|s|ms)$/.test(rendered)) {
    throw new ValidationError(scope, `'${prop}' (${milliseconds}ms) must be a positive whole number of milliseconds `
      + 'that the Gateway API can write with at most 5 digits (e.g. Duration.seconds(30), at most 99999 hours)');
  }
}
