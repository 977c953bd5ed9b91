/**
 * Small statistics over run times.
 */

/**
 * The median of a non-empty list (the mean of the two middle values for an even count).
 *
 * @throws on an empty list
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) {
    throw new Error('median of an empty list');
  }
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The smallest value of a non-empty list.
 *
 * @throws on an empty list
 */
export function best(values: readonly number[]): number {
  if (values.length === 0) {
    throw new Error('best of an empty list');
  }
  return Math.min(...values);
}
