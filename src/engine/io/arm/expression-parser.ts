/**
 * The syntax of ARM template expressions (`[resourceId('Microsoft.Storage/storageAccounts', parameters('name'))]`):
 * the text parsed into a tree, once per text, and a tree shown back as compact text. expressions.ts evaluates it.
 */

/** A parsed expression; `shown` caches its compact text (see {@link shown}). */
export type Node = { shown?: string } & (
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'call'; name: string; args: Node[]; /** The name in lower case, as functions are matched. */ lower: string }
  | { t: 'prop'; of: Node; name: string }
  | { t: 'index'; of: Node; index: Node }
);

// Sticky patterns, matched in place at the parser's position (slicing the rest of the text for each token made
// parsing quadratic in the expression's length).
const IDENT = /[A-Za-z_$][\w$]*/y;
const NUMBER = /-?\d+(\.\d+)?/y;
const DOTTED_CALL = /\.[A-Za-z_]\w*\s*\(/y;

function matchAt(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
}

/**
 * The functions the evaluator knows (expressions.ts), lower case, written here as literals: a call's `lower` is
 * this very text when it names one, and the evaluator's switch over some seventy names then tells names apart by
 * identity rather than by comparing the text of each case (a tenth of every call).
 */
const FUNCTIONS: ReadonlyMap<string, string> = new Map(
  [
    'add', 'and', 'array', 'bool', 'coalesce', 'concat', 'contains', 'copyindex', 'createarray', 'createobject',
    'div', 'empty', 'endswith', 'equals', 'extensionresourceid', 'false', 'first', 'format', 'greater',
    'greaterorequals', 'guid', 'if', 'indexof', 'int', 'intersection', 'items', 'join', 'json', 'last',
    'lastindexof', 'length', 'less', 'lessorequals', 'max', 'min', 'mod', 'mul', 'not', 'null', 'objectkeys', 'or',
    'padleft', 'parameters', 'range', 'reference', 'replace', 'resourcegroup', 'resourceid', 'skip', 'split',
    'startswith', 'string', 'sub', 'subscription', 'subscriptionresourceid', 'substring', 'take', 'tenant',
    'tenantresourceid', 'tolower', 'toupper', 'trim', 'true', 'tryget', 'union', 'uniquestring', 'variables',
  ].map((name) => [name, name] as const),
);

/** A function's name in lower case: the literal of {@link FUNCTIONS} when it is one. */
function lowerName(name: string): string {
  const lower = name.toLowerCase();
  return FUNCTIONS.get(lower) ?? lower;
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  parse(): Node {
    const node = this.expr();
    this.ws();
    if (this.i < this.s.length)
      throw new Error(`unexpected ${JSON.stringify(this.s.slice(this.i, this.i + 10))}`);
    return node;
  }

  private ws(): void {
    for (;;) {
      const code = this.s.charCodeAt(this.i);
      // Space, tab, line feed, carriage return (and the rarer blanks through the general test).
      if (code === 32 || code === 9 || code === 10 || code === 13 || (code > 127 && /\s/.test(this.s[this.i] ?? ''))) this.i++;
      else return;
    }
  }

  private expr(): Node {
    this.ws();
    let node = this.primary();
    for (;;) {
      this.ws();
      const ch = this.s[this.i];
      if (ch === '.') {
        this.i++;
        node = { t: 'prop', of: node, name: this.ident() };
      } else if (ch === '[') {
        this.i++;
        const index = this.expr();
        this.ws();
        if (this.s[this.i] !== ']') throw new Error('missing `]`');
        this.i++;
        node = { t: 'index', of: node, index };
      } else return node;
    }
  }

  private ident(): string {
    this.ws();
    const match = matchAt(IDENT, this.s, this.i);
    if (match === undefined) throw new Error(`expected a name at ${JSON.stringify(this.s.slice(this.i, this.i + 10))}`);
    this.i += match.length;
    return match;
  }

  private primary(): Node {
    const ch = this.s[this.i];
    if (ch === "'") {
      let out = '';
      this.i++;
      for (;;) {
        if (this.i >= this.s.length) throw new Error('unterminated string');
        const c = this.s[this.i] ?? '';
        if (c === "'") {
          if (this.s[this.i + 1] === "'") {
            out += "'";
            this.i += 2;
            continue;
          }
          this.i++;
          return { t: 'str', v: out };
        }
        out += c;
        this.i++;
      }
    }
    const number = matchAt(NUMBER, this.s, this.i);
    if (number !== undefined) {
      this.i += number.length;
      return { t: 'num', v: Number(number) };
    }
    let name = this.ident();
    if (this.s[this.i] === '.' && matchAt(DOTTED_CALL, this.s, this.i) !== undefined) {
      this.i++;
      name = `${name}.${this.ident()}`;
    }
    this.ws();
    if (this.s[this.i] !== '(') throw new Error(`expected \`(\` after ${name}`);
    this.i++;
    const args: Node[] = [];
    this.ws();
    if (this.s[this.i] === ')') {
      this.i++;
      return { t: 'call', name, args, lower: lowerName(name) };
    }
    for (;;) {
      args.push(this.expr());
      this.ws();
      const c = this.s[this.i];
      this.i++;
      if (c === ')') return { t: 'call', name, args, lower: lowerName(name) };
      if (c !== ',') throw new Error('expected `,` or `)` in an argument list');
    }
  }
}

/**
 * Parsed expressions by their text: compiled Bicep repeats the same expressions in every module instance and copy
 * iteration, so each is parsed once. Bounded, so a stream of distinct templates cannot grow it without end.
 */
const PARSED = new Map<string, Node>();
/** How many texts a cache of this module keeps before it starts again (the evaluator's placeholder texts use it too). */
export const MAX_PARSED = 20_000;

/**
 * The parsed form of a template string that is an expression (`[...]`, brackets included): keyed by the string
 * as the template holds it, so that evaluating the same value again (each copy iteration, each module instance)
 * neither cuts the brackets off nor hashes a new string.
 */
export function parseExpression(expression: string): Node {
  let node = PARSED.get(expression);
  if (node === undefined) {
    node = new Parser(expression.slice(1, -1)).parse();
    if (PARSED.size >= MAX_PARSED) PARSED.clear();
    PARSED.set(expression, node);
  }
  return node;
}

/** Compact text of a node, as a symbolic value shows it. */
function show(node: Node): string {
  switch (node.t) {
    case 'str':
      return `'${node.v.replace(/'/g, "''")}'`;
    case 'num':
      return String(node.v);
    case 'call':
      return `${node.name}(${node.args.map(show).join(', ')})`;
    case 'prop':
      return `${show(node.of)}.${node.name}`;
    case 'index':
      return `${show(node.of)}[${show(node.index)}]`;
  }
}

/** {@link show}, once per parsed node (parsed nodes are shared through the parse cache), kept on the node. */
export function shown(node: Node): string {
  return (node.shown ??= show(node));
}
