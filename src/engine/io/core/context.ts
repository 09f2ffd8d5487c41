import { isGuid } from '../../model/ids';
import type { Diagnostic, SourceRef } from '../../model/types';
import { isPlaceholderValue, isSecretKey, looksLikeSecret, REDACTED, sanitizeText } from '../secrets';
import { boundMessage, formatPath, quote, type ParsedDocument, type SourcePath } from './source';
import { deferredSourceRef } from './source/reference';
import { closest } from './suggest';

/** A map as read from the file. */
export type Rec = Record<string, unknown>;
/** A mutable path into the document, extended as the reader descends. */
export type Path = (string | number)[];

/** Folds an enum spelling for comparison: case, `_`, `-` and spaces do not matter. */
function fold(value: string): string {
  return value.toLowerCase().replace(/[-_\s]/g, '');
}

/** What `typeof` says, in words, for "expected X, found Y" messages. */
export function describeFound(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${quote(value)}`;
  return `${typeof value === 'number' ? 'the number' : 'the value'} ${quote(value)}`;
}

/**
 * Typed, located access to the parsed document. Every accessor reports what it cannot accept (with the file,
 * line, column and field path) and returns undefined, so reading goes on and every problem surfaces in one pass.
 */
export class ReadContext {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    readonly file: string,
    private readonly doc: ParsedDocument,
  ) {}

  /**
   * A message about a value under a credential key (`client_secret: ...` where a mapping was expected) must not
   * quote the value: it is masked here, whichever message quoted it.
   */
  private withoutSecret(path: SourcePath, message: string): string {
    const key = [...path].reverse().find((segment): segment is string => typeof segment === 'string');
    if (key === undefined || !isSecretKey(key)) return message;
    let value: unknown = this.doc.value;
    for (const segment of path) {
      if (value === null || typeof value !== 'object') return message;
      value = (value as Record<string | number, unknown>)[segment];
    }
    if (typeof value !== 'string' || value.trim().length < 4 || isPlaceholderValue(value)) return message;
    let out = message;
    for (const shown of [quote(value), quote(value, 80), value])
      out = out.split(shown).join(`\`${REDACTED}\``);
    return out;
  }

  /**
   * Where a path sits in the text, for references made later (see FragmentBuilder's deferred field sources): it
   * holds the text's indexes only, so keeping it does not keep the parsed document alive as keeping this would.
   */
  get locate(): ParsedDocument['locate'] {
    return this.doc.locate;
  }

  /**
   * A {@link SourceRef} for a path, for entities' `source` and diagnostics' `related`; its line, column and path
   * text are worked out when first read (see deferredSourceRef).
   */
  source(path: SourcePath, target: 'key' | 'value' = 'value'): SourceRef {
    return deferredSourceRef(this.file, this.doc.locate, path, target);
  }

  report(
    severity: Diagnostic['severity'],
    path: SourcePath,
    message: string,
    options: { target?: 'key' | 'value'; related?: SourceRef } = {},
  ): void {
    const at = this.doc.locate(path, options.target ?? 'value');
    const diagnostic: Diagnostic = {
      severity,
      message: boundMessage(this.withoutSecret(path, message)),
      file: this.file,
      line: at.line,
      column: at.column,
    };
    if (path.length > 0) diagnostic.path = formatPath(path);
    if (options.related) diagnostic.related = options.related;
    this.diagnostics.push(diagnostic);
  }

  error(
    path: SourcePath,
    message: string,
    options?: { target?: 'key' | 'value'; related?: SourceRef },
  ): void {
    this.report('error', path, message, options);
  }

  warn(path: SourcePath, message: string, options?: { target?: 'key' | 'value'; related?: SourceRef }): void {
    this.report('warning', path, message, options);
  }

  get hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }

  /** A mapping, or undefined (with an error unless the value is absent). */
  map(value: unknown, path: SourcePath, what = 'a mapping'): Rec | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'object' && !Array.isArray(value)) return value as Rec;
    this.error(path, `expected ${what}, found ${describeFound(value)}`);
    return undefined;
  }

  /** A list; `null` counts as empty, a lone mapping or scalar is an error. */
  list(value: unknown, path: SourcePath, what = 'a list'): unknown[] {
    if (value === undefined || value === null) return [];
    if (Array.isArray(value)) return value;
    this.error(path, `expected ${what}, found ${describeFound(value)}`);
    return [];
  }

  /**
   * Warns about every key not in `known`. Keys in `ignored` are accepted silently: they are real az ml fields
   * that do not affect access, so pasting an az ml file does not drown the user in warnings.
   */
  checkKeys(obj: Rec, path: Path, known: readonly string[], ignored: readonly string[] = []): void {
    for (const key of Object.keys(obj)) {
      if (known.includes(key) || ignored.includes(key) || key === '$schema') continue;
      const snake = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
      const hint =
        snake !== key && known.includes(snake)
          ? `; this format spells it \`${snake}\``
          : suggestion(key, known);
      this.warn([...path, key], `unknown field ${quote(key, Number.POSITIVE_INFINITY)} is ignored${hint}`, { target: 'key' });
    }
  }

  /** A string field. Numbers are accepted as their text (a subscription called `2024` is still a name). */
  str(
    obj: Rec,
    key: string,
    path: Path,
    options: { required?: boolean; what?: string } = {},
  ): string | undefined {
    const value = obj[key];
    if (value === undefined || value === null) {
      if (options.required)
        this.error(path, `missing required field \`${key}\`${options.what ? ` (${options.what})` : ''}`);
      return undefined;
    }
    if (typeof value === 'string') {
      if (value.trim() === '' && options.required) {
        this.error([...path, key], `\`${key}\` must not be empty`);
        return undefined;
      }
      return value;
    }
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    this.error(
      [...path, key],
      `expected ${options.what ?? 'text'} for \`${key}\`, found ${describeFound(value)}`,
    );
    return undefined;
  }

  /** Free text that is kept in the estate: anything that looks like a secret is removed first. */
  text(obj: Rec, key: string, path: Path): string | undefined {
    const value = this.str(obj, key, path);
    if (value === undefined) return undefined;
    const clean = sanitizeText(value);
    if (clean.redacted)
      this.warn(
        [...path, key],
        `\`${key}\` held something that looks like a secret; it was dropped and replaced by \`${REDACTED}\``,
      );
    return clean.text;
  }

  /** A GUID field (object ids, client ids, tenant ids), lower-cased. */
  guid(obj: Rec, key: string, path: Path, options: { required?: boolean } = {}): string | undefined {
    const value = this.str(obj, key, path, { ...options, what: 'a GUID' });
    if (value === undefined) return undefined;
    if (!isGuid(value.trim())) {
      this.error(
        [...path, key],
        `expected a GUID such as \`00000000-0000-0000-0000-000000000000\` for \`${key}\`, found ${quote(value)}`,
      );
      return undefined;
    }
    return value.trim().toLowerCase();
  }

  /** An ISO date or date-time (`2024-11-19`, `2024-11-19T10:00:00Z`): {@link isIsoDate}. */
  date(obj: Rec, key: string, path: Path): string | undefined {
    const value = this.str(obj, key, path, { what: 'a date' });
    if (value === undefined) return undefined;
    if (!isIsoDate(value)) {
      this.error(
        [...path, key],
        `expected an ISO date such as \`2024-11-19\` for \`${key}\`, found ${quote(value)}`,
      );
      return undefined;
    }
    return value.trim();
  }

  /** A boolean; `true`/`false` in any casing are accepted as text too. */
  bool(obj: Rec, key: string, path: Path): boolean | undefined {
    const value = obj[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string' && /^(true|false)$/i.test(value.trim()))
      return value.trim().toLowerCase() === 'true';
    this.error(
      [...path, key],
      `expected \`true\` or \`false\` for \`${key}\`, found ${describeFound(value)}`,
    );
    return undefined;
  }

  /** A value from a fixed set; spelling differences in case, `_` and `-` are forgiven. */
  oneOf<T extends string>(
    obj: Rec,
    key: string,
    path: Path,
    allowed: readonly T[],
    aliases: Readonly<Record<string, T>> = {},
  ): T | undefined {
    const value = obj[key];
    if (value === undefined || value === null) return undefined;
    return this.enumValue(value, [...path, key], allowed, aliases, key);
  }

  /** Like {@link oneOf} for a value already in hand. */
  enumValue<T extends string>(
    value: unknown,
    path: Path,
    allowed: readonly T[],
    aliases: Readonly<Record<string, T>> = {},
    key?: string,
  ): T | undefined {
    if (typeof value === 'string') {
      const folded = fold(value);
      const match = allowed.find((option) => fold(option) === folded);
      if (match !== undefined) return match;
      const alias = Object.entries(aliases).find(([spelling]) => fold(spelling) === folded);
      if (alias) return alias[1];
    }
    const options = allowed.map((option) => `\`${option}\``).join(', ');
    const hint = typeof value === 'string' ? suggestion(value, allowed) : '';
    this.error(
      path,
      `expected one of ${options}${key ? ` for \`${key}\`` : ''}, found ${describeFound(value)}${hint}`,
    );
    return undefined;
  }

  /** A list of strings; a single string is taken as a list of one. */
  strings(obj: Rec, key: string, path: Path): string[] | undefined {
    const value = obj[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return [value];
    if (!Array.isArray(value)) {
      this.error([...path, key], `expected a list of text for \`${key}\`, found ${describeFound(value)}`);
      return undefined;
    }
    const out: string[] = [];
    value.forEach((item, index) => {
      if (typeof item === 'string') out.push(item);
      else if (typeof item === 'number') out.push(String(item));
      else this.error([...path, key, index], `expected text, found ${describeFound(item)}`);
    });
    return out;
  }

  /** Tags: a mapping of text to text; values that look secret are redacted. */
  tags(obj: Rec, path: Path): Record<string, string> | undefined {
    const raw = this.map(obj.tags, [...path, 'tags']);
    if (raw === undefined) return undefined;
    const tags: Record<string, string> = {};
    for (const [key, value] of Object.entries(raw)) {
      if (typeof value === 'object' && value !== null) {
        this.error([...path, 'tags', key], `expected text for tag \`${key}\`, found ${describeFound(value)}`);
        continue;
      }
      const text = value === null || value === undefined ? '' : String(value);
      if (looksLikeSecret(key, text)) {
        this.warn([...path, 'tags', key], `tag \`${key}\` looks like a secret; its value was dropped`);
        tags[key] = REDACTED;
      } else tags[key] = text;
    }
    return tags;
  }
}

/** `; did you mean \`x\`?` for a misspelt key or value. */
export function suggestion(word: string, candidates: readonly string[]): string {
  const match = closest(word, candidates);
  return match !== undefined && match !== word ? `; did you mean \`${match}\`?` : '';
}

/**
 * True for an ISO date or date-time (`2024-11-19`, `2024-11-19T10:00:00Z`) that names a real day. `Date.parse`
 * alone also takes `-1` or `March 3`, which no export prints and the native format would refuse.
 */
export function isIsoDate(text: string): boolean {
  const value = text.trim();
  return /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) && !Number.isNaN(Date.parse(value));
}
