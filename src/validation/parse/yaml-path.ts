/**
 * Field paths in the API server's syntax (`spec.containers[0].env[1].name`, `data[a.b]`).
 */

/** Splits an API-server path (`spec.containers[0].env[1].name`, `data[a.b]`) into segments. */
export function splitPath(path: string): string[] {
  const segments: string[] = [];
  let i = 0;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      i++;
      continue;
    }
    if (c === '[') {
      const end = path.indexOf(']', i);
      const stop = end < 0 ? path.length : end;
      segments.push(path.slice(i + 1, stop));
      i = stop + 1;
      continue;
    }
    let j = i;
    while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
    segments.push(path.slice(i, j));
    i = j;
  }
  return segments;
}
