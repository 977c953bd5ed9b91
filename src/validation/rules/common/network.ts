/**
 * IP address and CIDR validators (1.28 semantics: `IsValidIP`, `ValidateCIDR`), with exact prefix math
 * for NetworkPolicy `ipBlock.except` containment.
 *
 * 1.28 parses addresses with `netutils.ParseIPSloppy` / `ParseCIDRSloppy` (k8s.io/utils/net, the
 * parser of Go before 1.17): IPv4 parts may have leading zeros and are read as decimal (`010.0.0.1`
 * is 10.0.0.1); IPv6 zones (`fe80::1%eth0`) are not addresses.
 */
import { isIP } from 'net';

/** A parsed CIDR: family, network address as a 32/128-bit integer, and prefix length. */
export interface Cidr {
  readonly family: 4 | 6;
  readonly address: bigint;
  readonly prefix: number;
}

/** Dotted IPv4 as `ParseIPSloppy` reads it: four decimal parts of any length, each at most 255. */
function isSloppyIpv4(value: string): boolean {
  let parts = 0;
  let digits = 0;
  let n = 0;
  for (let i = 0; i <= value.length; i++) {
    const c = i < value.length ? value.charCodeAt(i) : 46; /* end acts as a final '.' */
    if (c >= 48 && c <= 57) {
      digits++;
      n = n * 10 + (c - 48);
      if (n > 255) return false;
    } else if (c === 46 /* . */) {
      if (digits === 0) return false;
      parts++;
      digits = 0;
      n = 0;
    } else {
      return false;
    }
  }
  return parts === 4;
}

/** The IP family (4 or 6) of the value as 1.28's `ParseIPSloppy` reads it, or 0 when it is not an IP address. */
export function ipFamily(value: string): 0 | 4 | 6 {
  if (value.indexOf(':') < 0) return isSloppyIpv4(value) ? 4 : 0;
  if (value.indexOf('%') >= 0) return 0;
  const lastColon = value.lastIndexOf(':');
  if (value.indexOf('.', lastColon) < 0) return isIP(value) === 6 ? 6 : 0;
  // an embedded IPv4 tail, read sloppily too
  return isSloppyIpv4(value.slice(lastColon + 1)) && isIP(`${value.slice(0, lastColon + 1)}0:0`) === 6 ? 6 : 0;
}

/** `must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)` when the value is not an IP. */
export function isValidIp(value: string): string[] {
  return ipFamily(value) === 0 ? ['must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'] : [];
}

/** Parses an IP address into a big integer, or undefined when invalid. */
export function parseIp(value: string): { family: 4 | 6; address: bigint } | undefined {
  const family = ipFamily(value);
  if (family === 4) {
    return { family: 4, address: value.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n) };
  }
  if (family === 6) {
    return { family: 6, address: parseIpv6(value) };
  }
  return undefined;
}

function parseIpv6(value: string): bigint {
  let text = value;
  const zone = text.indexOf('%');
  if (zone >= 0) {
    text = text.slice(0, zone);
  }
  // An embedded IPv4 tail counts as two groups.
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = tail.split('.').map(Number);
    text = `${text.slice(0, lastColon + 1)}${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
  }
  const [head, rest] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const restGroups = rest !== undefined && rest !== '' ? rest.split(':') : [];
  const fill = rest !== undefined ? 8 - headGroups.length - restGroups.length : 0;
  const groups = [...headGroups, ...Array<string>(fill).fill('0'), ...restGroups];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/**
 * Parses `<ip>/<prefix>`; returns the CIDR (with host bits cleared) or undefined when it is not a CIDR.
 */
export function parseCidr(value: string): Cidr | undefined {
  const slash = value.indexOf('/');
  if (slash < 0) {
    return undefined;
  }
  const ip = parseIp(value.slice(0, slash));
  const prefixText = value.slice(slash + 1);
  if (!ip || !/^[0-9]{1,3}$/.test(prefixText)) {
    return undefined;
  }
  const prefix = Number(prefixText);
  const bits = ip.family === 4 ? 32 : 128;
  if (prefix > bits) {
    return undefined;
  }
  const hostBits = BigInt(bits - prefix);
  const address = (ip.address >> hostBits) << hostBits;
  return { family: ip.family, address, prefix };
}

/** `must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)` when the value is not a CIDR. */
export function isValidCidr(value: string): string[] {
  return parseCidr(value) ? [] : ['must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'];
}

/** True when `inner` lies inside `outer` and is strictly smaller. */
export function isStrictSubnet(inner: Cidr, outer: Cidr): boolean {
  if (inner.family !== outer.family || inner.prefix <= outer.prefix) {
    return false;
  }
  const bits = BigInt((outer.family === 4 ? 32 : 128) - outer.prefix);
  return inner.address >> bits === outer.address >> bits;
}
