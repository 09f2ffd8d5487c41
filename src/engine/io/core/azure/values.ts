import { isGuid } from '../../../model/ids';
import { describeFound, isIsoDate, type Path, type ReadContext, type Rec } from '../context';
import { looksLikeSecret, REDACTED, sanitizeText } from '../../secrets';
import { quote } from '../source';
import { MemberLoc, type FragmentBuilder, type Loc } from '../fragment';

/** Folds an enum spelling: case, `_`, `-` and spaces do not matter (`AADToken` = `aad_token`). */
export function fold(value: string): string {
  return value.toLowerCase().replace(/[-_\s]/g, '');
}

/**
 * The first `count` members of a record, in order, as a new record: the start of a copy made only once a member is
 * found to change (the ARM evaluator and the unknown-settling pass copy an object from that member on).
 */
export function membersBefore(record: Record<string, unknown>, count: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let taken = 0;
  for (const key in record) {
    if (taken++ === count) break;
    out[key] = record[key];
  }
  return out;
}

/** True for a plain object (not a list, not null). */
export function isRec(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Lenient, located access to one object of Azure's output. Azure spells the same field in snake_case (az ml)
 * and camelCase (REST), and adds enum values over time, so every accessor takes several spellings and an
 * odd value is a warning that falls back to the default, never an error: the file stays usable.
 */
export class Obj {
  constructor(
    readonly b: FragmentBuilder,
    readonly ctx: ReadContext,
    readonly path: Path,
    readonly raw: Rec,
  ) {
    b.use(ctx);
  }

  /** The first of `names` present with a non-null value. */
  key(...names: string[]): string | undefined {
    // A loop, not find(): every accessor of every mapped resource comes through here.
    for (const name of names) {
      const value = this.raw[name];
      if (value !== undefined && value !== null) return name;
    }
    return undefined;
  }

  value(...names: string[]): unknown {
    const key = this.key(...names);
    return key === undefined ? undefined : this.raw[key];
  }

  /** A location inside this object. */
  at(...sub: (string | number)[]): Loc {
    // The object itself: its path made when read (see MemberLoc). Inside it, concat makes the path in one
    // allocation of its final size.
    if (sub.length === 0) return new MemberLoc(this.ctx, this.path, undefined);
    return { ctx: this.ctx, path: this.path.concat(sub) };
  }

  /** The location of the first present spelling (or of the object when none is); its path is made when read. */
  locOf(...names: string[]): Loc {
    return new MemberLoc(this.ctx, this.path, this.key(...names));
  }

  /** A nested object under one of `names`. */
  child(...names: string[]): Obj | undefined {
    const key = this.key(...names);
    if (key === undefined) return undefined;
    const value = this.raw[key];
    if (!isRec(value)) {
      this.ctx.warn(
        [...this.path, key],
        `expected a mapping for \`${key}\`, found ${describeFound(value)}; it is ignored`,
      );
      return undefined;
    }
    return new Obj(this.b, this.ctx, this.path.concat(key), value);
  }

  str(...names: string[]): string | undefined {
    const key = this.key(...names);
    if (key === undefined) return undefined;
    const value = this.raw[key];
    if (typeof value === 'string') return value.trim() === '' ? undefined : value;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    this.ctx.warn(
      [...this.path, key],
      `expected text for \`${key}\`, found ${describeFound(value)}; it is ignored`,
    );
    return undefined;
  }

  /** Free text kept in the estate: anything that looks secret is dropped. */
  text(...names: string[]): string | undefined {
    const value = this.str(...names);
    if (value === undefined) return undefined;
    const clean = sanitizeText(value);
    if (clean.redacted) {
      const key = this.key(...names) ?? names[0] ?? '';
      this.ctx.warn(
        [...this.path, key],
        `\`${key}\` held something that looks like a secret; it was dropped`,
      );
    }
    return clean.text;
  }

  bool(...names: string[]): boolean | undefined {
    const key = this.key(...names);
    if (key === undefined) return undefined;
    const value = this.raw[key];
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string' && /^(true|false)$/i.test(value.trim()))
      return value.trim().toLowerCase() === 'true';
    this.ctx.warn(
      [...this.path, key],
      `expected \`true\` or \`false\` for \`${key}\`, found ${describeFound(value)}; it is ignored`,
    );
    return undefined;
  }

  /** A GUID, lower-cased; anything else is reported and ignored. */
  guid(...names: string[]): string | undefined {
    const value = this.str(...names);
    if (value === undefined) return undefined;
    if (!isGuid(value.trim())) {
      const key = this.key(...names) ?? '';
      this.ctx.warn(
        [...this.path, key],
        `expected a GUID for \`${key}\`, found ${quote(value)}; it is ignored`,
      );
      return undefined;
    }
    return value.trim().toLowerCase();
  }

  /** An ISO date or date-time ({@link isIsoDate}), kept as written; anything else is reported and ignored. */
  date(...names: string[]): string | undefined {
    const value = this.str(...names);
    if (value === undefined) return undefined;
    if (!isIsoDate(value)) {
      const key = this.key(...names) ?? '';
      this.ctx.warn(
        [...this.path, key],
        `expected a date for \`${key}\`, found ${quote(value)}; it is ignored`,
      );
      return undefined;
    }
    return value.trim();
  }

  /** One of `allowed` (or an alias); an unknown value is reported and ignored. */
  oneOf<T extends string>(
    names: string | string[],
    allowed: readonly T[],
    aliases: Readonly<Record<string, T>> = {},
  ): T | undefined {
    const list = typeof names === 'string' ? [names] : names;
    const value = this.str(...list);
    if (value === undefined) return undefined;
    const folded = fold(value);
    const match = allowed.find((option) => fold(option) === folded);
    if (match !== undefined) return match;
    const alias = Object.entries(aliases).find(([spelling]) => fold(spelling) === folded);
    if (alias) return alias[1];
    const key = this.key(...list) ?? '';
    this.ctx.warn(
      [...this.path, key],
      `unexpected value ${quote(value)} for \`${key}\` (known: ${allowed.map((a) => `\`${a}\``).join(', ')}); it is ignored`,
    );
    return undefined;
  }

  /** A list under one of `names`; a non-list is reported and read as empty. */
  list(...names: string[]): unknown[] | undefined {
    const key = this.key(...names);
    if (key === undefined) return undefined;
    const value = this.raw[key];
    if (Array.isArray(value)) return value;
    this.ctx.warn(
      [...this.path, key],
      `expected a list for \`${key}\`, found ${describeFound(value)}; it is ignored`,
    );
    return undefined;
  }

  /** Text values of a list (numbers taken as text, anything else skipped). */
  strings(...names: string[]): string[] | undefined {
    const list = this.list(...names);
    if (list === undefined) return undefined;
    return list
      .filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
      .map(String);
  }

  /** Tags with values that look secret dropped. */
  tags(): Record<string, string> | undefined {
    const tags = this.child('tags');
    if (!tags) return undefined;
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(tags.raw)) {
      if (value === null || typeof value === 'object') continue;
      // A tag named like a credential (`AZURE_OPENAI_API_KEY`) is dropped whatever its value looks like.
      if (looksLikeSecret(key, String(value))) {
        out[key] = REDACTED;
        continue;
      }
      const clean = sanitizeText(String(value));
      out[key] = clean.text;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
}

