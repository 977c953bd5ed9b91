import { Size, SizeRoundingBehavior } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { plus } from '../core/plus';
import { checkMadeWith, propNamesOf, withOptions } from '../core/prop-names';

/**
 * An amount of CPU.
 */
export class Cpu {
  /** An amount in millicores (`250` = a quarter core). */
  public static millis(amount: number): Cpu {
    return new Cpu(amount);
  }

  /** An amount in cores (`0.5` = 500 millicores). */
  public static units(amount: number): Cpu {
    return new Cpu(amount * 1000);
  }

  /** The amount in millicores. */
  public readonly millicores: number;

  private constructor(millicores: number) {
    this.millicores = millicores;
  }

  /** The Kubernetes quantity, e.g. `250m`. */
  public toString(): string {
    return `${this.millicores}m`;
  }
}

/**
 * Resource size presets. Each sets CPU and memory requests and limits.
 *
 * | preset | CPU request / limit | memory request / limit |
 * |---|---|---|
 * | NANO | 50m / 250m | 64Mi / 128Mi |
 * | SMALL | 100m / 500m | 128Mi / 256Mi |
 * | MEDIUM | 250m / 1000m | 256Mi / 512Mi |
 * | LARGE | 500m / 2000m | 512Mi / 1024Mi |
 * | XLARGE | 1000m / 4000m | 1024Mi / 2048Mi |
 */
export enum ResourcePreset {
  /** 50m / 250m CPU, 64Mi / 128Mi memory. */
  NANO = 'nano',
  /** 100m / 500m CPU, 128Mi / 256Mi memory. */
  SMALL = 'small',
  /** 250m / 1000m CPU, 256Mi / 512Mi memory. */
  MEDIUM = 'medium',
  /** 500m / 2000m CPU, 512Mi / 1024Mi memory. */
  LARGE = 'large',
  /** 1000m / 4000m CPU, 1024Mi / 2048Mi memory. */
  XLARGE = 'xlarge',
}

const PRESETS: Record<ResourcePreset, [number, number, number, number]> = {
  [ResourcePreset.NANO]: [50, 250, 64, 128],
  [ResourcePreset.SMALL]: [100, 500, 128, 256],
  [ResourcePreset.MEDIUM]: [250, 1000, 256, 512],
  [ResourcePreset.LARGE]: [500, 2000, 512, 1024],
  [ResourcePreset.XLARGE]: [1000, 4000, 1024, 2048],
};

/** A request and an optional limit of CPU. */
export interface CpuRequirements {
  /** Reserved CPU. @default - no request */
  readonly request?: Cpu;
  /** Maximum CPU. @default - no limit (the container may use idle CPU) */
  readonly limit?: Cpu;
}

/** A request and an optional limit of memory. */
export interface MemoryRequirements {
  /** Reserved memory. @default - no request */
  readonly request?: Size;
  /** Maximum memory; the container is killed above it. @default - no limit */
  readonly limit?: Size;
}

/** Explicit resource requirements for `Resources.of`. */
export interface ResourceRequirements {
  /** CPU. @default - no CPU request or limit */
  readonly cpu?: CpuRequirements;
  /** Memory. @default - no memory request or limit */
  readonly memory?: MemoryRequirements;
}

const REQUIREMENT_NAMES = propNamesOf<ResourceRequirements>('ResourceRequirements', { cpu: true, memory: true }, {
  cpu: propNamesOf<CpuRequirements>('CpuRequirements', { request: true, limit: true }),
  memory: propNamesOf<MemoryRequirements>('MemoryRequirements', { request: true, limit: true }),
});

/**
 * CPU and memory requests and limits of a container.
 *
 * `Resources.preset(ResourcePreset.SMALL)`, `Resources.of({ cpu: { request: Cpu.millis(200) }, ... })`,
 * and `.withoutCpuLimit()` to drop the CPU limit (no throttling).
 *
 * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
 */
export class Resources {
  /** The requests and limits of a preset. */
  public static preset(preset: ResourcePreset): Resources {
    if (!Object.hasOwn(PRESETS, preset)) {
      return new Resources({}, preset);
    }
    const [cpuRequest, cpuLimit, memRequest, memLimit] = PRESETS[preset];
    return new Resources({
      cpu: { request: Cpu.millis(cpuRequest), limit: Cpu.millis(cpuLimit) },
      memory: { request: Size.mebibytes(memRequest), limit: Size.mebibytes(memLimit) },
    });
  }

  /** Explicit requests and limits. */
  public static of(requirements: ResourceRequirements): Resources {
    return withOptions(new Resources(requirements), requirements, REQUIREMENT_NAMES);
  }

  /** The requirements. */
  public readonly requirements: ResourceRequirements;
  private readonly unknownPreset?: string;

  private constructor(requirements: ResourceRequirements, unknownPreset?: string) {
    this.requirements = requirements;
    this.unknownPreset = unknownPreset;
  }

  /** The same requirements without a CPU limit. */
  public withoutCpuLimit(): Resources {
    return new Resources({
      ...this.requirements,
      cpu: { request: this.requirements.cpu?.request },
    }, this.unknownPreset);
  }

  /**
   * Checks the requirements; throws a `ValidationError` on `scope` for `prop`.
   *
   * @internal
   */
  public _validate(scope: IConstruct, prop: string): void {
    checkMadeWith(scope, prop, this);
    const cpuAmounts = [this.requirements.cpu?.request, this.requirements.cpu?.limit];
    if (cpuAmounts.some(a => a !== undefined && !(a instanceof Cpu))) {
      throw new ValidationError(scope, `'${prop}.cpu' request and limit must be Cpu amounts: use Cpu.millis(250) or Cpu.units(0.5)`);
    }
    if (this.unknownPreset !== undefined) {
      const known = Object.keys(ResourcePreset).map(k => `ResourcePreset.${k}`).join(', ');
      throw new ValidationError(scope, `'${prop}' preset (${JSON.stringify(this.unknownPreset)}) is unknown: use one of ${known}`);
    }
    const cpu = this.requirements.cpu;
    if (cpu?.request && cpu.limit && cpu.request.millicores > cpu.limit.millicores) {
      throw new ValidationError(scope, `'${prop}.cpu.request' (${cpu.request}) must be less than or equal to '${prop}.cpu.limit' (${cpu.limit})`);
    }
    for (const [name, amount] of [['cpu.request', cpu?.request], ['cpu.limit', cpu?.limit]] as const) {
      if (amount && (!Number.isInteger(amount.millicores) || amount.millicores <= 0)) {
        throw new ValidationError(scope, `'${prop}.${name}' (${amount}) must be a positive whole number of millicores`);
      }
    }
    const memory = this.requirements.memory;
    for (const [name, amount] of [['memory.request', memory?.request], ['memory.limit', memory?.limit]] as const) {
      checkWholeSize(scope, `${prop}.${name}`, amount, 'mebibytes');
    }
    if (memory?.request && memory.limit && memory.request.toMebibytes() > memory.limit.toMebibytes()) {
      throw new ValidationError(scope, `'${prop}.memory.request' (${memory.request.toMebibytes()}Mi) must be less than or equal to `
        + `'${prop}.memory.limit' (${memory.limit.toMebibytes()}Mi)`);
    }
  }

  /**
   * The cdk8s-plus form.
   *
   * @internal
   */
  public _toPlus(): plus.ContainerResources {
    const cpu = this.requirements.cpu;
    const memory = this.requirements.memory;
    return {
      cpu: {
        request: cpu?.request ? plus.Cpu.millis(cpu.request.millicores) : undefined,
        limit: cpu?.limit ? plus.Cpu.millis(cpu.limit.millicores) : undefined,
      },
      memory: { request: memory?.request, limit: memory?.limit },
    };
  }
}

const KIBIBYTES_PER: Record<'mebibytes' | 'gibibytes', number> = { mebibytes: 1024, gibibytes: 1024 * 1024 };

/**
 * Throws unless `amount` (when given) is a positive whole number of `unit`: cdk8s-plus renders
 * memory and emptyDir limits in `Mi` and claims in `Gi`, and cannot render a fraction of one.
 *
 * @internal
 */
export function checkWholeSize(scope: IConstruct, prop: string, amount: Size | undefined, unit: 'mebibytes' | 'gibibytes'): void {
  if (amount === undefined) {
    return;
  }
  const kibibytes = amount instanceof Size ? amount.toKibibytes({ rounding: SizeRoundingBehavior.NONE }) : NaN;
  const per = KIBIBYTES_PER[unit];
  if (!Number.isInteger(kibibytes) || kibibytes <= 0 || kibibytes % per !== 0 || !Number.isSafeInteger(kibibytes)) {
    const shown = amount instanceof Size ? `${kibibytes}Ki` : JSON.stringify(amount) ?? String(amount);
    throw new ValidationError(scope, `'${prop}' (${shown}) must be a positive whole number of ${unit}, e.g. Size.${unit}(${unit === 'mebibytes' ? 256 : 1})`);
  }
}
