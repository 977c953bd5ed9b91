import { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { plus } from '../core/plus';
import { PortSpec } from '../pod/ports';

/**
 * The ports of a workload's own Service (patterns that expose one, e.g. `WebApp`): the pattern
 * attaches the Service once it exists, and sidecar ports exposed before that wait for it.
 *
 * @internal
 */
export class WorkloadService {
  private _service?: plus.Service;
  private readonly _pending: PortSpec[] = [];

  /** `scope` receives the errors. */
  constructor(private readonly scope: IConstruct) {
  }

  /** Registers the Service and adds the ports exposed before it existed. */
  public attach(service: plus.Service): void {
    this._service = service;
    for (const port of this._pending.splice(0)) {
      bindPort(service, port);
    }
  }

  /**
   * Puts the pod port `portName` on the Service unless a Service port of that name exists (app
   * ports are on it already); throws when it is neither an app port nor a sidecar port.
   */
  public exposePort(portName: string, appPorts: readonly PortSpec[], sidecarPorts: readonly PortSpec[]): void {
    const sidecarPort = sidecarPorts.find(p => p.name === portName);
    if (!sidecarPort && !appPorts.some(p => p.name === portName)) {
      throw new ValidationError(this.scope, `'exposePort' (${JSON.stringify(portName)}) is not a port of the pod`);
    }
    const known = this._service ? this._service.ports.some(p => p.name === portName) : this._pending.some(p => p.name === portName);
    if (sidecarPort && !known) {
      if (this._service) {
        bindPort(this._service, sidecarPort);
      } else {
        this._pending.push(sidecarPort);
      }
    }
  }
}

/** Adds a Service port with the pod port's name and number. */
function bindPort(service: plus.Service, port: PortSpec): void {
  service.bind(port.number, { name: port.name, targetPort: port.number, protocol: port.protocol as unknown as plus.Protocol });
}
