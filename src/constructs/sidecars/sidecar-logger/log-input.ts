import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ValidationError } from '../../core/errors';
import { checkConfigValue, FluentBitSection } from './fluent-bit-config';
import { wholeMillis } from '../../pod/durations';
import { unknownPropProblem } from '../../core/prop-names';
import { MULTILINE_REGEX_NAMES, PARSER_TIME_NAMES } from '../sidecar-prop-names';

/** Options of a parser's time field. */
export interface ParserTimeOptions {
  /**
   * The field that holds the record time.
   * @default - the time the line was read
   */
  readonly timeKey?: string;
  /**
   * The strptime format of the time field (with `timeKey`), e.g. `%Y-%m-%dT%H:%M:%S.%L%z`.
   * @default '%Y-%m-%dT%H:%M:%S.%L%z'
   */
  readonly timeFormat?: string;
}

enum ParserFormat { JSON = 'json', REGEX = 'regex', LOGFMT = 'logfmt' }

const PARSER_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/**
 * How a log line is turned into a structured record (a Fluent Bit `[PARSER]`).
 *
 * @see https://docs.fluentbit.io/manual/pipeline/parsers
 */
export class LogParser {
  /** One JSON object per line. */
  public static json(options: ParserTimeOptions = {}): LogParser {
    return new LogParser('json', ParserFormat.JSON, options);
  }

  /** `key=value` pairs (logfmt). */
  public static logfmt(options: ParserTimeOptions = {}): LogParser {
    return new LogParser('logfmt', ParserFormat.LOGFMT, options);
  }

  /**
   * A regular expression (Onigmo syntax) whose named groups become fields, e.g.
   * `^(?<time>[^ ]+) (?<level>[A-Z]+) (?<message>.*)$`.
   */
  public static regex(name: string, regex: string, options: ParserTimeOptions = {}): LogParser {
    return new LogParser(name, ParserFormat.REGEX, options, regex);
  }

  private constructor(
    /** The parser name, unique in the configuration. */
    public readonly name: string,
    private readonly format: ParserFormat,
    private readonly options: ParserTimeOptions,
    private readonly regex?: string) {
  }

  /**
   * Validates and renders the `[PARSER]` section.
   *
   * @internal
   */
  public _section(scope: IConstruct, prop: string): FluentBitSection {
    const unknown = unknownPropProblem(this.options, PARSER_TIME_NAMES, `${prop}.`);
    if (unknown !== undefined) {
      throw new ValidationError(scope, unknown);
    }
    if (!PARSER_NAME.test(this.name)) {
      throw new ValidationError(scope, `'${prop}' name (${JSON.stringify(this.name)}) must be 1-63 lower-case letters, digits, '-' or '_'`);
    }
    const entries: Array<[string, string]> = [['Name', this.name], ['Format', this.format]];
    if (this.format === ParserFormat.REGEX) {
      const regex = checkConfigValue(scope, `${prop} regex`, this.regex ?? '');
      checkRegex(scope, `${prop} regex`, regex, true);
      entries.push(['Regex', regex]);
    }
    if (this.options.timeKey !== undefined) {
      entries.push(['Time_Key', checkConfigValue(scope, `${prop} timeKey`, this.options.timeKey)]);
      entries.push(['Time_Format', checkConfigValue(scope, `${prop} timeFormat`, this.options.timeFormat ?? '%Y-%m-%dT%H:%M:%S.%L%z')]);
      entries.push(['Time_Keep', 'On']);
    }
    return { name: 'PARSER', entries };
  }
}

/** Options of a regex multiline parser. */
export interface MultilineRegexOptions {
  /** The regular expression of the first line of a record, e.g. `^\d{4}-\d{2}-\d{2}`. */
  readonly start: string;
  /** The regular expression of a continuation line, e.g. `^\s+at `. */
  readonly continuation: string;
  /**
   * How long to wait for more continuation lines.
   * @default Duration.seconds(1)
   */
  readonly flushTimeout?: Duration;
}

/**
 * How lines are joined into one record (stack traces): a built-in Fluent Bit multiline parser or
 * a `[MULTILINE_PARSER]` with regex rules.
 *
 * @see https://docs.fluentbit.io/manual/administration/configuring-fluent-bit/multiline-parsing
 */
export class MultilineParser {
  /** Java stack traces (built in). */
  public static java(): MultilineParser {
    return new MultilineParser('java');
  }

  /** Go panics (built in). */
  public static go(): MultilineParser {
    return new MultilineParser('go');
  }

  /** Python tracebacks (built in). */
  public static python(): MultilineParser {
    return new MultilineParser('python');
  }

  /** Ruby stack traces (built in). */
  public static ruby(): MultilineParser {
    return new MultilineParser('ruby');
  }

  /** A regex state machine: a start line followed by continuation lines. */
  public static regex(name: string, options: MultilineRegexOptions): MultilineParser {
    return new MultilineParser(name, options);
  }

  private constructor(
    /** The multiline parser name. */
    public readonly name: string,
    private readonly rules?: MultilineRegexOptions) {
  }

  /**
   * Validates and renders the `[MULTILINE_PARSER]` section (undefined for built-in parsers).
   *
   * @internal
   */
  public _section(scope: IConstruct, prop: string): FluentBitSection | undefined {
    if (!this.rules) {
      return undefined;
    }
    const unknown = unknownPropProblem(this.rules, MULTILINE_REGEX_NAMES, `${prop}.`);
    if (unknown !== undefined) {
      throw new ValidationError(scope, unknown);
    }
    if (!PARSER_NAME.test(this.name)) {
      throw new ValidationError(scope, `'${prop}' name (${JSON.stringify(this.name)}) must be 1-63 lower-case letters, digits, '-' or '_'`);
    }
    const start = checkConfigValue(scope, `${prop}.start`, this.rules.start, true);
    const continuation = checkConfigValue(scope, `${prop}.continuation`, this.rules.continuation, true);
    for (const [field, value] of [['start', start], ['continuation', continuation]]) {
      if (value.includes('/"')) {
        throw new ValidationError(scope, `'${prop}.${field}' (${JSON.stringify(value)}) must not contain '/"', which ends the rule's regex`);
      }
    }
    checkRegex(scope, `${prop}.start`, start, false);
    checkRegex(scope, `${prop}.continuation`, continuation, false);
    const flush = wholeMillis(scope, `${prop}.flushTimeout`, this.rules.flushTimeout ?? Duration.seconds(1), 1);
    return {
      name: 'MULTILINE_PARSER',
      entries: [
        ['name', this.name],
        ['type', 'regex'],
        ['flush_timeout', `${flush}`],
        ['rule', `"start_state" "/${start}/" "cont"`],
        ['rule', `"cont" "/${continuation}/" "cont"`],
      ],
    };
  }
}

/** A set of log files the shipper tails. */
export interface LogInput {
  /**
   * A file path or glob inside the shared log directory, e.g. `/var/log/app/*.log`.
   */
  readonly path: string;
  /**
   * The parser applied to each record.
   * @default - no parser: each line is shipped as the `log` field
   */
  readonly parser?: LogParser;
  /**
   * Joins multi-line records (stack traces) before parsing.
   * @default - one record per line
   */
  readonly multiline?: MultilineParser;
  /**
   * The tag of the records (outputs `match` on it).
   * @default - `app.<index>`
   */
  readonly tag?: string;
}

/** Throws unless `regex` compiles (JavaScript syntax is close enough to Onigmo to catch typos). */
function checkRegex(scope: IConstruct, prop: string, regex: string, namedGroups: boolean): void {
  try {
    new RegExp(regex);
  } catch (e) {
    throw new ValidationError(scope, `'${prop}' (${JSON.stringify(regex)}) is not a valid regular expression: ${(e as Error).message}`);
  }
  if (namedGroups && !/\(\?<[A-Za-z_][A-Za-z0-9_]*>/.test(regex)) {
    throw new ValidationError(scope, `'${prop}' (${JSON.stringify(regex)}) has no named group; fields come from groups like (?<message>.*)`);
  }
}
