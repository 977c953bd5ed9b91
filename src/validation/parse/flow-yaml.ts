/**
 * Single-line flow collections for the fast parser (`{ cpu: 500m }`, `["a", b]`).
 */
import { bail, ESCAPES, MAX_DEPTH, setKey } from './fast-yaml-support';
import { keyString, resolvePlain } from './scalars';

/** Parses a single-line flow collection (`{ cpu: 500m, memory: 256Mi }`, `["a", b]`). */
export class FlowParser {
  private i = 0;

  constructor(
    private readonly s: string,
    private readonly lineNo: number,
    /** Collections enclosing this one (the full parser reports past {@link MAX_DEPTH}). */
    private depth = 0,
  ) {}

  private ws(): void {
    while (this.i < this.s.length && (this.s.charCodeAt(this.i) === 32 || this.s.charCodeAt(this.i) === 9)) this.i++;
  }

  expectEnd(): void {
    this.ws();
    if (this.i < this.s.length && this.s[this.i] !== '#') bail();
  }

  parseValue(): unknown {
    this.ws();
    const c = this.s[this.i];
    if (c === '[') return this.parseSeq();
    if (c === '{') return this.parseMap();
    if (c === '"' || c === "'") return this.parseQuoted();
    return resolvePlain(this.parsePlain());
  }

  private parseQuoted(): string {
    const q = this.s[this.i];
    let out = '';
    this.i++;
    while (this.i < this.s.length) {
      const ch = this.s[this.i];
      if (q === "'" && ch === "'") {
        if (this.s[this.i + 1] === "'") {
          out += "'";
          this.i += 2;
          continue;
        }
        this.i++;
        return out;
      }
      if (q === '"' && ch === '"') {
        this.i++;
        return out;
      }
      if (q === '"' && ch === '\\') {
        const e = this.s[this.i + 1];
        if (ESCAPES[e] === undefined) bail();
        out += ESCAPES[e];
        this.i += 2;
        continue;
      }
      out += ch;
      this.i++;
    }
    return bail();
  }

  private parsePlain(): string {
    const start = this.i;
    const s = this.s;
    const c0 = s[start];
    if (c0 === undefined || '&*!|>%@`?#]},'.includes(c0)) bail();
    // `-` and `:` start a plain scalar only before a character that can continue it
    if ((c0 === '-' || c0 === ':') && (start + 1 === s.length || ' \t,[]{}'.includes(s[start + 1]))) bail();
    while (this.i < s.length) {
      const ch = s[this.i];
      if (ch === ',' || ch === ']' || ch === '}' || ch === '[' || ch === '{') break;
      if (ch === ':' && (this.i + 1 === s.length || ' ,]}\t'.includes(s[this.i + 1]))) break;
      if (ch === '#' && (s[this.i - 1] === ' ' || s[this.i - 1] === '\t')) bail();
      this.i++;
    }
    return s.slice(start, this.i).trim();
  }

  private parseSeq(): unknown[] {
    this.i++;
    if (++this.depth > MAX_DEPTH) bail();
    const arr: unknown[] = [];
    while (true) {
      this.ws();
      if (this.i >= this.s.length) bail();
      if (this.s[this.i] === ']') {
        this.i++;
        this.depth--;
        return arr;
      }
      arr.push(this.parseValue());
      this.ws();
      if (this.s[this.i] === ':') bail(); // single-pair mapping inside a sequence
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== ']') bail();
    }
  }

  private parseMap(): Record<string, unknown> {
    this.i++;
    if (++this.depth > MAX_DEPTH) bail();
    const obj: Record<string, unknown> = {};
    while (true) {
      this.ws();
      if (this.i >= this.s.length) bail();
      if (this.s[this.i] === '}') {
        this.i++;
        this.depth--;
        return obj;
      }
      const c = this.s[this.i];
      const plain = c === '"' || c === "'" ? undefined : this.parsePlain();
      if (plain === '<<') bail(); // a merge key: the full parser merges
      const key = plain === undefined ? this.parseQuoted() : keyString(resolvePlain(plain));
      this.ws();
      let value: unknown = null;
      if (this.s[this.i] === ':') {
        this.i++;
        this.ws();
        if (this.s[this.i] !== ',' && this.s[this.i] !== '}') value = this.parseValue();
      }
      setKey(obj, key, value, this.lineNo);
      this.ws();
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== '}') bail();
    }
  }
}
