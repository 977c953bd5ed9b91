import { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { checkPortNumber, isIanaSvcName } from '../core/validators';

/** Network protocols of a port. */
export enum Protocol {
  /** TCP. */
  TCP = 'TCP',
  /** UDP. */
  UDP = 'UDP',
  /** SCTP. */
  SCTP = 'SCTP',
}

/** A named container port. */
export interface PortSpec {
  /** The port name, an IANA_SVC_NAME (1-15 lower-case letters, digits, '-'); probes and Services refer to it. */
  readonly name: string;
  /** The port number (1-65535). */
  readonly number: number;
  /**
   * The protocol.
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;
}

/**
 * Validates `port` against the rules and the already declared `existing` ports.
 *
 * @internal
 */
export function checkPort(scope: IConstruct, prop: string, port: PortSpec, existing: readonly PortSpec[]): void {
  if (typeof port.name !== 'string' || !isIanaSvcName(port.name)) {
    throw new ValidationError(scope, `'${prop}.name' (${JSON.stringify(port.name)}) must be an IANA_SVC_NAME: `
      + '1-15 lower-case letters, digits or \'-\', with at least one letter, no \'--\' and no leading or trailing \'-\'');
  }
  checkPortNumber(scope, `${prop}.number`, port.number);
  if (existing.some(p => p.name === port.name)) {
    throw new ValidationError(scope, `'${prop}.name' (${JSON.stringify(port.name)}) is already used by another port; port names must be unique`);
  }
  const protocol = port.protocol ?? Protocol.TCP;
  if (!Object.values(Protocol).includes(protocol)) {
    throw new ValidationError(scope, `'${prop}.protocol' (${JSON.stringify(protocol)}) is unknown: use Protocol.TCP, Protocol.UDP or Protocol.SCTP`);
  }
  if (existing.some(p => p.number === port.number && (p.protocol ?? Protocol.TCP) === protocol)) {
    throw new ValidationError(scope, `'${prop}.number' (${port.number}/${protocol}) is already used by another port; port numbers must be unique per protocol`);
  }
}

/**
 * The container port named `requested` (default: the first port), for a probe or hook that
 * `verb`s it; throws naming the ports there are and the `alternative` when there is none.
 */
export function namedPort(scope: IConstruct, prop: string, verb: string, requested: string | undefined,
  portNames: readonly string[], alternative: string): string {
  const port = requested ?? portNames[0];
  if (port === undefined || !portNames.includes(port)) {
    const known = portNames.length ? portNames.map(p => JSON.stringify(p)).join(', ') : 'none';
    throw new ValidationError(scope, `'${prop}' ${verb} port ${JSON.stringify(port ?? '')} but the container has no port of that name `
      + `(ports: ${known}); add a named port or use ${alternative}`);
  }
  return port;
}
