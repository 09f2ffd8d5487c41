// Azure ABAC role-assignment conditions (condition version 2.0), read into a small tree.
//
// The grammar follows Microsoft's "Azure role assignment condition format and syntax": expressions joined
// with `&&`/`AND`, `||`/`OR`, negated with `!`/`NOT`, grouped with parentheses; atoms are the functions
// `ActionMatches{'...'}` and `SubOperationMatches{'...'}`, `Exists`/`NotExists @Source[...]`, and
// comparisons `<operand> [Quantifier:]Operator <operand>` where an operand is an attribute
// (`@Resource[...]`, `@Request[...]`, `@Principal[...]`, `@Environment[...]`), a literal (a quoted string, a
// number, a bare GUID, true or false) or a set of literals in braces. Keywords ignore case, as Azure does.
//
// Conditions come from exported files: the parser never throws and never builds a RegExp from the text. A
// text it cannot read yields the offset where it stopped and why, which the caller reports with the text.

/** The attribute sources Azure conditions name. */
export type AttributeSource = 'Resource' | 'Request' | 'Principal' | 'Environment';

/** An attribute reference such as `@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name]`. */
export interface AttributeRef {
  source: AttributeSource;
  /** What is between the brackets, as written (for example `Microsoft.Storage/...containers:name`). */
  name: string;
}

/** A literal value: strings keep their case; bare GUIDs, numbers and booleans are kept as written. */
export type ConditionLiteral = string | number | boolean;

/** One side of a comparison. */
export type Operand =
  | { kind: 'attribute'; attribute: AttributeRef }
  | { kind: 'values'; values: ConditionLiteral[]; set: boolean };

/** The cross-product quantifiers that may prefix an operator (`ForAnyOfAnyValues:StringEquals`). */
export type Quantifier =
  'ForAnyOfAnyValues' | 'ForAllOfAnyValues' | 'ForAnyOfAllValues' | 'ForAllOfAllValues';

/** A condition as a tree; every node keeps the span of text it came from, for explanations. */
export type ConditionNode =
  | { kind: 'and' | 'or'; operands: ConditionNode[]; start: number; end: number }
  | { kind: 'not'; operand: ConditionNode; start: number; end: number }
  | {
      kind: 'function';
      name: 'ActionMatches' | 'SubOperationMatches';
      pattern: string;
      start: number;
      end: number;
    }
  | { kind: 'exists'; negated: boolean; attribute: AttributeRef; start: number; end: number }
  | {
      kind: 'compare';
      left: Operand;
      /** The operator with Azure's casing and without its quantifier, such as `StringEquals`. */
      operator: string;
      quantifier?: Quantifier;
      right: Operand;
      start: number;
      end: number;
    };

/** Where and why reading a condition stopped. */
export interface ConditionParseError {
  /** 0-based offset into the condition text. */
  offset: number;
  message: string;
}

/** A condition read once: the tree, or where it could not be read. The text is kept for quoting. */
export type ParsedCondition =
  { ok: true; text: string; root: ConditionNode } | { ok: false; text: string; error: ConditionParseError };

const QUANTIFIERS: readonly Quantifier[] = [
  'ForAnyOfAnyValues',
  'ForAllOfAnyValues',
  'ForAnyOfAllValues',
  'ForAllOfAllValues',
];

const OPERATOR_STEMS = [
  'StringEquals',
  'StringNotEquals',
  'StringStartsWith',
  'StringNotStartsWith',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'BoolEquals',
  'BoolNotEquals',
  'GuidEquals',
  'GuidNotEquals',
  'DateTimeEquals',
  'DateTimeNotEquals',
  'DateTimeGreaterThan',
  'DateTimeGreaterThanEquals',
  'DateTimeLessThan',
  'DateTimeLessThanEquals',
  'TimeOfDayEquals',
  'TimeOfDayNotEquals',
  'TimeOfDayGreaterThan',
  'TimeOfDayGreaterThanEquals',
  'TimeOfDayLessThan',
  'TimeOfDayLessThanEquals',
  'TimeOfDayInRange',
  'IpMatch',
  'IpNotMatch',
  'IpInRange',
  'IpNotInRange',
  'ListContains',
  'ListNotContains',
];
// String operators also come with an IgnoreCase suffix.
const OPERATORS: ReadonlyMap<string, string> = new Map(
  [
    ...OPERATOR_STEMS,
    ...OPERATOR_STEMS.filter((op) => op.startsWith('String')).map((op) => `${op}IgnoreCase`),
  ].map((op) => [op.toLowerCase(), op] as const),
);

const SOURCES: ReadonlyMap<string, AttributeSource> = new Map(
  (['Resource', 'Request', 'Principal', 'Environment'] as const).map((s) => [s.toLowerCase(), s] as const),
);

type Token =
  | { kind: 'punct'; value: '(' | ')' | '{' | '}' | ',' | '!' | '&&' | '||'; start: number; end: number }
  | { kind: 'word'; value: string; start: number; end: number }
  | { kind: 'string'; value: string; start: number; end: number }
  | { kind: 'attribute'; attribute: AttributeRef; start: number; end: number };

class ParseFailure {
  constructor(readonly error: ConditionParseError) {}
}

function fail(offset: number, message: string): never {
  throw new ParseFailure({ offset, message });
}

function isWordChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 95 /* _ */ ||
    code === 46 /* . */ ||
    code === 45 /* - */ ||
    code === 58 /* : */ ||
    code === 43 /* + */
  );
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === '{' || c === '}' || c === ',' || c === '!') {
      tokens.push({ kind: 'punct', value: c, start: i, end: i + 1 });
      i++;
      continue;
    }
    if ((c === '&' || c === '|') && text[i + 1] === c) {
      tokens.push({ kind: 'punct', value: c === '&' ? '&&' : '||', start: i, end: i + 2 });
      i += 2;
      continue;
    }
    if (c === "'") {
      let value = '';
      let j = i + 1;
      for (; j < text.length && text[j] !== "'"; j++) {
        // A backslash escapes the next character (a quote or a backslash) inside a string.
        if (text[j] === '\\' && j + 1 < text.length) j++;
        value += text[j];
      }
      if (j >= text.length) fail(i, 'this string is never closed with a quote');
      tokens.push({ kind: 'string', value, start: i, end: j + 1 });
      i = j + 1;
      continue;
    }
    if (c === '@') {
      const open = text.indexOf('[', i);
      const sourceText = open < 0 ? '' : text.slice(i + 1, open);
      const source = SOURCES.get(sourceText.toLowerCase());
      if (source === undefined || !/^[A-Za-z]+$/.test(sourceText))
        fail(
          i,
          'expected an attribute such as @Resource[...], @Request[...], @Principal[...] or @Environment[...]',
        );
      const close = text.indexOf(']', open);
      if (close < 0) fail(open, 'this attribute is never closed with `]`');
      const name = text.slice(open + 1, close).trim();
      if (name === '') fail(open, 'the attribute names nothing between its brackets');
      tokens.push({ kind: 'attribute', attribute: { source, name }, start: i, end: close + 1 });
      i = close + 1;
      continue;
    }
    if (isWordChar(c.charCodeAt(0))) {
      let j = i;
      while (j < text.length && isWordChar(text.charCodeAt(j))) j++;
      tokens.push({ kind: 'word', value: text.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    fail(i, `unexpected character ${JSON.stringify(c)}`);
  }
  return tokens;
}

// Nesting deeper than this is no condition Azure accepts, and recursing further could exhaust the stack.
const MAX_DEPTH = 200;

class Parser {
  private at = 0;
  private depth = 0;
  constructor(
    private readonly tokens: readonly Token[],
    private readonly length: number,
  ) {}

  parse(): ConditionNode {
    if (this.tokens.length === 0) fail(0, 'the condition is empty');
    const root = this.or();
    const extra = this.peek();
    if (extra !== undefined) fail(extra.start, `unexpected ${describe(extra)} after a complete expression`);
    return root;
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private next(expected: string): Token {
    const token = this.tokens[this.at];
    if (token === undefined) fail(this.length, `the condition ends where ${expected} was expected`);
    this.at++;
    return token;
  }

  private isKeyword(token: Token | undefined, punct: string, word: string): boolean {
    if (token === undefined) return false;
    if (token.kind === 'punct') return token.value === punct;
    return token.kind === 'word' && token.value.toUpperCase() === word;
  }

  private or(): ConditionNode {
    const token = this.peek();
    if (++this.depth > MAX_DEPTH)
      fail(token?.start ?? this.length, `the condition nests deeper than ${MAX_DEPTH} levels`);
    const node = this.joined('or', '||', 'OR', () => this.and());
    this.depth--;
    return node;
  }

  private and(): ConditionNode {
    return this.joined('and', '&&', 'AND', () => this.unary());
  }

  /** One or more `operand`s joined by the keyword (in either spelling); a single operand stands alone. */
  private joined(kind: 'or' | 'and', punct: string, word: string, operand: () => ConditionNode): ConditionNode {
    const first = operand();
    const operands = [first];
    while (this.isKeyword(this.peek(), punct, word)) {
      this.at++;
      operands.push(operand());
    }
    return operands.length === 1
      ? first
      : { kind, operands, start: first.start, end: (operands[operands.length - 1] as ConditionNode).end };
  }

  private unary(): ConditionNode {
    const token = this.peek();
    if (this.isKeyword(token, '!', 'NOT')) {
      this.at++;
      if (++this.depth > MAX_DEPTH)
        fail((token as Token).start, `the condition nests deeper than ${MAX_DEPTH} levels`);
      const operand = this.unary();
      this.depth--;
      return { kind: 'not', operand, start: (token as Token).start, end: operand.end };
    }
    return this.primary();
  }

  private primary(): ConditionNode {
    const token = this.next('an expression');
    if (token.kind === 'punct' && token.value === '(') {
      const inner = this.or();
      const close = this.next('`)`');
      if (close.kind !== 'punct' || close.value !== ')')
        fail(
          close.start,
          `expected \`)\` to close the \`(\` at character ${token.start + 1}, found ${describe(close)}`,
        );
      // The node keeps the span of what is inside the parentheses: that is what explanations quote.
      return inner;
    }
    if (token.kind === 'word') {
      const word = token.value.toLowerCase();
      if (word === 'actionmatches' || word === 'suboperationmatches') {
        const open = this.next('`{`');
        if (open.kind !== 'punct' || open.value !== '{')
          fail(open.start, `expected \`{\` after ${token.value}, found ${describe(open)}`);
        const pattern = this.next('a quoted pattern');
        if (pattern.kind !== 'string')
          fail(pattern.start, `expected a quoted pattern, found ${describe(pattern)}`);
        const close = this.next('`}`');
        if (close.kind !== 'punct' || close.value !== '}')
          fail(close.start, `expected \`}\` after the pattern, found ${describe(close)}`);
        return {
          kind: 'function',
          name: word === 'actionmatches' ? 'ActionMatches' : 'SubOperationMatches',
          pattern: pattern.value,
          start: token.start,
          end: close.end,
        };
      }
      if (word === 'exists' || word === 'notexists') {
        const attribute = this.next('an attribute');
        if (attribute.kind !== 'attribute')
          fail(attribute.start, `expected an attribute after ${token.value}, found ${describe(attribute)}`);
        return {
          kind: 'exists',
          negated: word === 'notexists',
          attribute: attribute.attribute,
          start: token.start,
          end: attribute.end,
        };
      }
    }
    this.at--;
    return this.comparison();
  }

  private comparison(): ConditionNode {
    const left = this.operand();
    const opToken = this.next('an operator such as StringEquals');
    if (opToken.kind !== 'word')
      fail(opToken.start, `expected an operator such as StringEquals, found ${describe(opToken)}`);
    let quantifier: Quantifier | undefined;
    let opText = opToken.value;
    const colon = opText.indexOf(':');
    if (colon >= 0) {
      const prefix = opText.slice(0, colon).toLowerCase();
      quantifier = QUANTIFIERS.find((q) => q.toLowerCase() === prefix);
      if (quantifier === undefined)
        fail(
          opToken.start,
          `unknown quantifier \`${opText.slice(0, colon)}\` (expected ${QUANTIFIERS.join(', ')})`,
        );
      opText = opText.slice(colon + 1);
    }
    const operator = OPERATORS.get(opText.toLowerCase());
    if (operator === undefined) fail(opToken.start + (colon + 1), `unknown operator \`${opText}\``);
    const right = this.operand();
    return {
      kind: 'compare',
      left: left.operand,
      operator,
      ...(quantifier !== undefined ? { quantifier } : {}),
      right: right.operand,
      start: left.start,
      end: right.end,
    };
  }

  private operand(): { operand: Operand; start: number; end: number } {
    const token = this.next('an attribute or a value');
    if (token.kind === 'attribute')
      return {
        operand: { kind: 'attribute', attribute: token.attribute },
        start: token.start,
        end: token.end,
      };
    if (token.kind === 'punct' && token.value === '{') {
      const values: ConditionLiteral[] = [];
      for (;;) {
        values.push(this.literal(this.next('a value')));
        const sep = this.next('`,` or `}`');
        if (sep.kind === 'punct' && sep.value === '}')
          return { operand: { kind: 'values', values, set: true }, start: token.start, end: sep.end };
        if (sep.kind !== 'punct' || sep.value !== ',')
          fail(sep.start, `expected \`,\` or \`}\` in this set of values, found ${describe(sep)}`);
      }
    }
    return {
      operand: { kind: 'values', values: [this.literal(token)], set: false },
      start: token.start,
      end: token.end,
    };
  }

  private literal(token: Token): ConditionLiteral {
    if (token.kind === 'string') return token.value;
    if (token.kind === 'word') {
      const lower = token.value.toLowerCase();
      if (lower === 'true' || lower === 'false') return lower === 'true';
      // Azure also accepts GUIDs written as 32 digits without hyphens (several built-in role definitions'
      // conditions do); they are written out in the hyphenated form so that GuidEquals compares like with like.
      if (/^[0-9a-f]{32}$/i.test(token.value))
        return lower.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
      if (/^-?\d+(\.\d+)?$/.test(token.value)) return Number(token.value);
      // Bare GUIDs are how Azure writes role definition ids in delegation conditions.
      if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(token.value))
        return token.value;
    }
    return fail(
      token.start,
      `expected a value (a quoted string, a number, a GUID, true or false), found ${describe(token)}`,
    );
  }
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'punct':
      return `\`${token.value}\``;
    case 'word':
      return `\`${token.value.length > 40 ? `${token.value.slice(0, 39)}…` : token.value}\``;
    case 'string':
      return 'a quoted string';
    case 'attribute':
      return `the attribute @${token.attribute.source}[${token.attribute.name}]`;
  }
}

/**
 * Reads an ABAC condition into a tree. Never throws: a text it cannot read gives `ok: false` with the
 * 0-based offset where reading stopped and why, so the caller can report it with the text quoted.
 */
export function parseCondition(text: string): ParsedCondition {
  try {
    const root = new Parser(tokenize(text), text.length).parse();
    return { ok: true, text, root };
  } catch (error) {
    if (error instanceof ParseFailure) return { ok: false, text, error: error.error };
    throw error;
  }
}
