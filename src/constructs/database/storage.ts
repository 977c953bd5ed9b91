import { Size, SizeRoundingBehavior } from 'cdk8s';
import { IConstruct } from 'constructs';
import { checkForeignValue } from '../core/copies';
import { ValidationError } from '../core/errors';
import { k8s } from '../core/plus';

/**
 * Storage size checks and rendering shared by the data and backup claims.
 *
 * @internal
 */

/** A Kubernetes quantity with a binary suffix, as `Size.asString()` renders it. */
const QUANTITY = /^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi)?$/;

/** Throws unless `size` is a `Size` that renders as a positive quantity. */
export function checkSize(scope: IConstruct, prop: string, size: unknown): asserts size is Size {
  if (!(size instanceof Size)) {
    checkForeignValue(scope, size, Size, 'cdk8s');
    throw new ValidationError(scope, `'${prop}' (${JSON.stringify(size)}) must be a Size, e.g. Size.gibibytes(10)`);
  }
  const rendered = size.asString();
  if (!QUANTITY.test(rendered) || !(size.toKibibytes({ rounding: SizeRoundingBehavior.NONE }) > 0)) {
    throw new ValidationError(scope, `'${prop}' (${rendered}) must be a positive quantity, e.g. Size.gibibytes(10)`);
  }
}

/** The quantity of a checked size, e.g. `10Gi`. */
export function quantityOf(size: Size): k8s.Quantity {
  return k8s.Quantity.fromString(size.asString());
}
