/**
 * A small parser of the Fluent Bit classic configuration format, for tests: `[SECTION]` headers,
 * indented `Key Value` entries, `@INCLUDE file` (resolved against a map of files), comments and
 * blank lines. Throws on anything else, so generated files that Fluent Bit would reject fail tests.
 */
export interface ParsedSection {
  readonly name: string;
  /** Entries in order (keys may repeat). */
  readonly entries: Array<[string, string]>;
}

/** The first value of `key` (case-insensitive, as Fluent Bit reads keys). */
export function get(section: ParsedSection, key: string): string | undefined {
  return section.entries.find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
}

/** Every value of `key`. */
export function getAll(section: ParsedSection, key: string): string[] {
  return section.entries.filter(([k]) => k.toLowerCase() === key.toLowerCase()).map(([, v]) => v);
}

/**
 * Parses `file` from `files` (keyed by absolute path), following `@INCLUDE`s; returns the sections
 * in order, with included files spliced in where they are included.
 */
export function parseFluentBit(files: Record<string, string>, file: string, seen: string[] = []): ParsedSection[] {
  if (seen.includes(file)) {
    throw new Error(`@INCLUDE cycle: ${[...seen, file].join(' -> ')}`);
  }
  const text = files[file];
  if (text === undefined) {
    throw new Error(`@INCLUDE of missing file ${file}`);
  }
  const sections: ParsedSection[] = [];
  let current: ParsedSection | undefined;
  text.split('\n').forEach((raw, i) => {
    const where = `${file}:${i + 1}`;
    if (raw.trim() === '' || raw.trim().startsWith('#')) {
      return;
    }
    if (raw.startsWith('@INCLUDE ')) {
      sections.push(...parseFluentBit(files, raw.slice('@INCLUDE '.length).trim(), [...seen, file]));
      current = undefined;
      return;
    }
    const header = /^\[([A-Z_]+)\]$/.exec(raw);
    if (header) {
      current = { name: header[1], entries: [] };
      sections.push(current);
      return;
    }
    const entry = /^ {4}([A-Za-z_][A-Za-z0-9_.]*) +(\S.*)$/.exec(raw);
    if (!entry) {
      throw new Error(`${where}: not a section header, entry, comment or @INCLUDE: ${JSON.stringify(raw)}`);
    }
    if (!current) {
      throw new Error(`${where}: entry outside a section`);
    }
    if (entry[2] !== entry[2].trimEnd()) {
      throw new Error(`${where}: trailing spaces`);
    }
    current.entries.push([entry[1], entry[2]]);
  });
  return sections;
}
