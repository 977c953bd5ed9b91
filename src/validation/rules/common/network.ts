/**
 * IP address and CIDR validators (1.28 semantics: `IsValidIP`, `ValidateCIDR`), with exact prefix math
 * for NetworkPolicy `ipBlock.except` containment.
 */
import { isIP } from 'net';

/** A parsed CIDR: family, network address as a 32/128-bit integer, and prefix length. */
export interface Cidr {
  readonly family: 4 | 6;
  readonly address: bigint;
  readonly prefix: number;
}

/** `must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)` when the value is not an IP. */
export function isValidIp(value: string): string[] {
  return isIP(value) === 0 ? ['must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'] : [];
}

/** The IP family (4 or 6) of the value, or 0 when it is not an IP address. */
export function ipFamily(value: string): 0 | 4 | 6 {
  return isIP(value) as 0 | 4 | 6;
}

/** Parses an IP address into a big integer, or undefined when invalid. */
export function parseIp(value: string): { family: 4 | 6; address: bigint } | undefined {
  const family = isIP(value);
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
