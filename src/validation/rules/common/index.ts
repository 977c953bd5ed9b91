/**
 * Shared primitive validators of the Kubernetes 1.28 API server (names, labels, ports, env names,
 * config keys, percents, IPs/CIDRs, quantities, cron schedules, time zones) and field-error builders.
 *
 * Every layer may import these; names are stable.
 */
export * from './field';
export * from './names';
export * from './network';
export * from './quantity';
export * from './cron';
export * from './time-zone';
export * from './int-or-string';
export * from './selector';
