import { membersBefore } from '../core/azure/values';
import { stableGuid } from '../core/naming';
import { MAX_PARSED, parseExpression, shown, type Node } from './expression-parser';
import { armGuid, armUniqueString } from './hashes';

/**
 * A small evaluator for ARM template expressions (`[resourceId('Microsoft.Storage/storageAccounts',
 * parameters('name'))]`), enough for what `az bicep build` emits around identities and role assignments.
 * Whatever cannot be known offline (a parameter without a default, `reference(...)` to a deployed resource,
 * `deployment()`, a `uniqueString` of any of these or of the stand-in deployment target) evaluates to a
 * {@link Symbolic} value that keeps the expression's text, so the template reader can keep it as a symbolic
 * reference and report it where it was written. `uniqueString` and `guid` of known text are computed as ARM
 * computes them (hashes.ts).
 */

/** A value that cannot be known offline, with its text and, for `reference(...)`, what it refers to. */
export class Symbolic {
  constructor(
    readonly text: string,
    /** For `reference(x).a.b`: the resource `x` names (an id, a symbolic name, or symbolic itself) and the path. */
    readonly reference?: { target: unknown; path: string[] },
  ) {}
}

/** The hooks the evaluator calls for template-specific functions. */
export interface ExpressionScope {
  parameter(name: string): unknown;
  variable(name: string): unknown;
  subscriptionId: string;
  resourceGroup: string;
  location?: string;
  /**
   * The made-up values {@link subscriptionId} and {@link resourceGroup} hold when the caller did not say where the
   * template is deployed (the stand-in target), in lower case. A hash over text holding one would be a hash of a
   * made-up id, so `uniqueString` and `guid` of such text are not computed.
   */
  standIns?: readonly string[];
  /** Outputs of a nested deployment (module) by its name, when the template holds it. */
  moduleOutput?(deploymentName: string): Record<string, unknown> | undefined;
}

/** True for a template string that is an expression (`[...]`, but not the `[[` escape). */
export function isExpression(value: string): boolean {
  return value.startsWith('[') && value.endsWith(']') && !value.startsWith('[[');
}

const isSym = (v: unknown): v is Symbolic => v instanceof Symbolic;

/** Whether a template value may change when evaluated: text that starts `[` (an expression or its `[[` escape), or an object or list. */
function mayChange(value: unknown): boolean {
  return typeof value === 'string' ? value.charCodeAt(0) === 91 : value !== null && typeof value === 'object';
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Symbolic);

/** A property or variable copy loop: `{ "name": ..., "count": ..., "input": ... }`. */
function isCopyLoop(value: unknown): boolean {
  return isRecord(value) && typeof value.name === 'string' && 'count' in value && 'input' in value;
}

/** A member by name, as ARM looks members up: an exact match first, else any case. */
function caseInsensitive(record: Record<string, unknown>, key: string): unknown {
  if (key in record) return record[key];
  const match = Object.keys(record).find((k) => k.toLowerCase() === key.toLowerCase());
  return match === undefined ? undefined : record[match];
}

/** Deep equality of evaluated values, as ARM's `equals` compares them (strings case-sensitively). */
function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Argument `i` when it is text. */
function textAt(args: readonly unknown[], i: number): string | undefined {
  const arg = args[i];
  return typeof arg === 'string' ? arg : undefined;
}

function typeAndNames(args: unknown[]): { type: string; names: unknown[]; before: unknown[] } | undefined {
  const at = args.findIndex((a) => typeof a === 'string' && a.includes('/') && !a.startsWith('/'));
  if (at < 0) return undefined;
  return { type: args[at] as string, names: args.slice(at + 1), before: args.slice(0, at) };
}

function providerPath(type: string, names: unknown[]): string | undefined {
  const segments = type.split('/');
  if (segments.length - 1 !== names.length) return undefined;
  let path = segments[0] as string;
  for (let i = 1; i < segments.length; i++) path += `/${segments[i] as string}/${String(names[i - 1])}`;
  return path;
}

/** An expression part that could not be known offline and was kept as a placeholder, and where. */
export interface SymbolicUse {
  path: (string | number)[];
  text: string;
}

/** The placeholder text a symbolic part becomes inside a string: `<storageName>`, `<uniqueString(...)>`. */
export function placeholderText(text: string): string {
  let placeholder = PLACEHOLDERS.get(text);
  if (placeholder === undefined) {
    const parameter = /^parameters\('([^']*)'\)$/.exec(text);
    placeholder = `<${parameter ? parameter[1] : text.replace(/\s+/g, '')}>`;
    if (PLACEHOLDERS.size >= MAX_PARSED) PLACEHOLDERS.clear();
    PLACEHOLDERS.set(text, placeholder);
  }
  return placeholder;
}

/** {@link placeholderText} by text: the same unknowns recur at every copy and module. Bounded like the parse cache. */
const PLACEHOLDERS = new Map<string, string>();

/**
 * Functions that keep a text with a placeholder meaningful: they pass it on, join it with other text, or work
 * around the placeholder (see Evaluator.outsidePlaceholders). Every other function given such a text answers
 * unknown. `uniqueString` and `guid` are here because they decide for themselves (see {@link Evaluator.hashable}).
 */
const PLACEHOLDER_SAFE: ReadonlySet<string> = new Set([
  'parameters',
  'variables',
  'concat',
  'format',
  'tolower',
  'toupper',
  'trim',
  'replace',
  'string',
  'resourceid',
  'subscriptionresourceid',
  'tenantresourceid',
  'extensionresourceid',
  'reference',
  'guid',
  'uniquestring',
  'createobject',
  'createarray',
  'array',
  'union',
  'coalesce',
  'tryget',
  'first',
  'last',
  'join',
  'items',
  'objectkeys',
  'copyindex',
]);

/** A copy count as ARM takes it: a whole number from 0 to 800, else undefined (unknown). */
function countOf(count: unknown): number | undefined {
  return typeof count === 'number' && Number.isInteger(count) && count >= 0 && count <= 800 ? count : undefined;
}

/** The arguments of every call written without any (see Evaluator.call); never changed or returned. */
const NO_ARGUMENTS = Object.freeze([]) as unknown as unknown[];

/** Evaluates ARM template expressions against a scope. */
export class Evaluator {
  /** Every symbolic part met, with the path of the template value it was in. */
  readonly uses: SymbolicUse[] = [];
  private readonly useKeys = new Set<string>();
  /**
   * Every placeholder text made so far. A string holding one is only partly known: functions that keep text
   * whole (concat, format, toLower, replace) work around the placeholder; functions that would look inside it
   * (substring, length, equals, contains) give an unknown result instead of measuring the placeholder itself.
   */
  private readonly placeholders = new Set<string>();
  /**
   * The path of the template value being evaluated: a working stack, extended and restored as evaluation
   * descends, and copied only when a placeholder is recorded at it.
   */
  private path: (string | number)[] = [];
  /** The copy loops being expanded, innermost last: what `copyIndex()` answers from. */
  private readonly copies: { name: string; index: number }[] = [];

  constructor(private readonly scope: ExpressionScope) {}

  /** Runs `evaluate` as iteration `index` of the copy loop `name` (resource, module, property or variable copy). */
  inCopy<T>(name: string, index: number, evaluate: () => T): T {
    this.copies.push({ name, index });
    try {
      return evaluate();
    } finally {
      this.copies.pop();
    }
  }

  /**
   * Enters iteration `index` of the copy loop `name` until the matching {@link leaveCopy}: {@link inCopy} without
   * a closure, for the template reader's passes over every copied resource.
   */
  enterCopy(copy: { readonly name: string; readonly index: number }): void {
    this.copies.push(copy);
  }

  /** Leaves the copy iteration the last {@link enterCopy} entered. */
  leaveCopy(): void {
    this.copies.pop();
  }

  /**
   * A copy loop's `count` as a number of iterations, or undefined when it cannot be known offline (then the
   * loop's items cannot be known either). ARM caps a loop at 800.
   */
  copyCount(raw: unknown, path: (string | number)[]): number | undefined {
    return countOf(this.value(raw, path));
  }

  /**
   * Expands a property or variable copy (`"copy": [{ "name", "count", "input" }]`) into `{ name: [items] }`; a
   * loop whose count cannot be known becomes a symbolic list. Runs with {@link path} at the `copy` member.
   */
  private expandCopies(loops: unknown[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const path = this.path;
    loops.forEach((loop, i) => {
      if (!isRecord(loop) || typeof loop.name !== 'string') return;
      const name = loop.name;
      path.push(i, 'count');
      const count = countOf(this.evaluate(loop.count));
      path.pop();
      if (count === undefined) out[name] = new Symbolic(`copy loop '${name}' (count unknown)`);
      else {
        path.push('input');
        const items: unknown[] = new Array(count);
        // One binding for the whole loop, its index moved on: no closure and no binding per item.
        const binding = { name, index: 0 };
        this.copies.push(binding);
        try {
          for (let index = 0; index < count; index++) {
            binding.index = index;
            items[index] = this.evaluate(loop.input);
          }
        } finally {
          this.copies.pop();
        }
        out[name] = items;
        path.pop();
      }
      path.pop();
    });
    return out;
  }

  /**
   * Evaluates a template value at `path`: strings that are expressions are evaluated, objects and lists deeply.
   * A part that cannot be known becomes a placeholder inside strings (recorded in {@link uses}); a whole value
   * that cannot be known stays {@link Symbolic}. An object or list with nothing to evaluate inside is returned
   * as it is (shared, not copied): the result must be read, never changed. `path` is used as the working stack,
   * extended and restored as evaluation descends (not copied: callers pass a fresh path or one they restore).
   */
  value(raw: unknown, path: (string | number)[] = []): unknown {
    if (!mayChange(raw)) return raw;
    const saved = this.path;
    this.path = path;
    try {
      return this.evaluate(raw);
    } finally {
      this.path = saved;
    }
  }

  /** {@link value} at the current {@link path}. */
  private evaluate(raw: unknown): unknown {
    if (typeof raw === 'string') {
      if (raw.startsWith('[[')) return raw.slice(1);
      if (!isExpression(raw)) return raw;
      try {
        return this.node(parseExpression(raw));
      } catch (error) {
        return new Symbolic(
          `${raw.slice(1, -1)} (unparsed: ${error instanceof Error ? error.message : String(error)})`,
        );
      }
    }
    if (raw === null || typeof raw !== 'object') return raw;
    // Copied only from the first member that changes: most of a template is plain text, numbers and flags, and a
    // subtree without an expression, a `[` key or a copy is returned as it is (shared with the template).
    const path = this.path;
    if (Array.isArray(raw)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < raw.length; i++) {
        const item: unknown = raw[i];
        let value = item;
        if (mayChange(item)) {
          path.push(i);
          value = this.evaluate(item);
          path.pop();
        }
        if (out === undefined && value !== item) out = raw.slice(0, i);
        if (out !== undefined) out.push(value);
      }
      return out ?? raw;
    }
    const record = raw as Record<string, unknown>;
    const loops = Array.isArray(record.copy) && record.copy.every(isCopyLoop) ? record.copy : undefined;
    let plain: Record<string, unknown> | undefined = loops ? {} : undefined;
    let index = 0;
    for (const k in record) {
      index++;
      if (loops && k === 'copy') continue;
      const v = record[k];
      if (!mayChange(v) && k.charCodeAt(0) !== 91) {
        if (plain !== undefined) plain[k] = v;
        continue;
      }
      path.push(k);
      // Keys may be expressions too: Bicep writes a user-assigned identity's id as a key.
      const key = isExpression(k) ? this.text(this.evaluate(k)) : k;
      const value = mayChange(v) ? this.evaluate(v) : v;
      path.pop();
      if (plain === undefined && (key !== k || value !== v)) plain = membersBefore(record, index - 1);
      if (plain !== undefined) plain[key] = value;
    }
    if (plain === undefined) return record;
    if (!loops) return plain;
    path.push('copy');
    const expanded = this.expandCopies(loops);
    path.pop();
    return { ...plain, ...expanded };
  }

  /** Records a symbolic part and returns the placeholder that stands for it in text. */
  private placeholder(value: Symbolic): string {
    const key = `${value.text}\u0000${this.path.join('/')}`;
    if (!this.useKeys.has(key)) {
      this.useKeys.add(key);
      this.uses.push({ path: this.path.slice(), text: value.text });
    }
    const text = placeholderText(value.text);
    this.placeholders.add(text);
    return text;
  }

  /** Whether a value is, or (a list) holds, text with a placeholder in it: only partly known. */
  private partlyUnknown(value: unknown): boolean {
    if (typeof value === 'string') {
      if (!value.includes('<')) return false;
      for (const placeholder of this.placeholders) if (value.includes(placeholder)) return true;
      return false;
    }
    return Array.isArray(value) && value.some((item) => this.partlyUnknown(item));
  }

  /**
   * The arguments of `uniqueString` or `guid` when ARM's value can be computed from them: all known text (ARM takes
   * nothing else), none holding a placeholder or a value of the stand-in deployment target. Otherwise undefined.
   */
  private hashable(args: readonly unknown[]): string[] | undefined {
    if (args.length === 0) return undefined;
    const standIns = this.scope.standIns ?? [];
    for (const arg of args) {
      if (typeof arg !== 'string' || this.partlyUnknown(arg)) return undefined;
      if (standIns.length > 0) {
        const lower = arg.toLowerCase();
        if (standIns.some((standIn) => lower.includes(standIn))) return undefined;
      }
    }
    return args as string[];
  }

  private anyPartlyUnknown(args: readonly unknown[]): boolean {
    for (const arg of args) if (this.partlyUnknown(arg)) return true;
    return false;
  }

  /**
   * `format(text, args...)`: each `{i}` or `{i:spec}` becomes argument i as text (the spec is not applied), by a
   * scan rather than a replace with a callback, since compiled Bicep formats every name and scope.
   */
  private format(format: string, args: readonly unknown[]): string {
    let out = '';
    let copied = 0;
    for (let open = format.indexOf('{'); open >= 0; open = format.indexOf('{', open + 1)) {
      let at = open + 1;
      let index = 0;
      while (at < format.length && format.charCodeAt(at) >= 48 && format.charCodeAt(at) <= 57)
        index = index * 10 + format.charCodeAt(at++) - 48;
      if (at === open + 1) continue;
      let close = at;
      if (format.charCodeAt(at) === 58) {
        close = format.indexOf('}', at);
        if (close < 0) break;
      }
      if (format.charCodeAt(close) !== 125) continue;
      out += format.slice(copied, open) + this.text(args[index + 1] ?? '');
      copied = close + 1;
      open = close;
    }
    return copied === 0 ? format : out + format.slice(copied);
  }

  /** Applies `change` to the known stretches of a text, leaving its placeholders as they are. */
  private outsidePlaceholders(text: string, change: (known: string) => string): string {
    if (!this.partlyUnknown(text)) return change(text);
    const found = [...this.placeholders].filter((placeholder) => text.includes(placeholder));
    const pattern = new RegExp(`(${found.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`);
    return text
      .split(pattern)
      .map((part, i) => (i % 2 === 1 ? part : change(part)))
      .join('');
  }

  /** A value as text at `path` (a resource name, say): symbolic parts become recorded placeholders. */
  asText(value: unknown, path: (string | number)[]): string {
    const saved = this.path;
    this.path = path;
    try {
      return this.text(value);
    } finally {
      this.path = saved;
    }
  }

  /** An argument as text: symbolic parts become placeholders. */
  private text(value: unknown): string {
    if (isSym(value)) return this.placeholder(value);
    return typeof value === 'string'
      ? value
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  }

  private node(node: Node): unknown {
    switch (node.t) {
      case 'str':
      case 'num':
        return node.v;
      case 'prop': {
        const of = this.node(node.of);
        if (isSym(of))
          return new Symbolic(
            shown(node),
            of.reference
              ? { target: of.reference.target, path: [...of.reference.path, node.name] }
              : undefined,
          );
        if (of !== null && typeof of === 'object' && !Array.isArray(of) && node.name in of)
          return (of as Record<string, unknown>)[node.name];
        return new Symbolic(shown(node));
      }
      case 'index': {
        const of = this.node(node.of);
        const index = this.node(node.index);
        if (isSym(of) || isSym(index)) {
          const path =
            isSym(of) && of.reference && (typeof index === 'string' || typeof index === 'number')
              ? { target: of.reference.target, path: [...of.reference.path, String(index)] }
              : undefined;
          return new Symbolic(shown(node), path);
        }
        if (Array.isArray(of) && typeof index === 'number') return of[index] ?? new Symbolic(shown(node));
        if (of !== null && typeof of === 'object' && typeof index === 'string')
          return (of as Record<string, unknown>)[index] ?? new Symbolic(shown(node));
        return new Symbolic(shown(node));
      }
      case 'call':
        return this.call(node);
    }
  }

  private call(node: Extract<Node, { t: 'call' }>): unknown {
    const name = node.lower;
    const text = shown(node);
    // `if` evaluates only the branch it takes; everything else evaluates its arguments first.
    if (name === 'if') {
      const condition = node.args[0] ? this.node(node.args[0]) : undefined;
      if (typeof condition !== 'boolean') {
        // Unknown condition: the value is known only when both branches agree.
        const [yes, no] = [node.args[1], node.args[2]].map((b) => (b ? this.node(b) : null));
        return !isSym(yes) && sameValue(yes, no) ? yes : new Symbolic(text);
      }
      const branch = node.args[condition ? 1 : 2];
      return branch ? this.node(branch) : null;
    }
    // `parameters('x')` and `variables('x')`, most of a compiled template's calls, without an argument list.
    const only = node.args.length === 1 ? node.args[0] : undefined;
    if (only?.t === 'str') {
      if (name === 'parameters') return this.scope.parameter(only.v);
      if (name === 'variables') return this.scope.variable(only.v);
    }
    // Plain loops: this runs for every function call of every evaluated value. A call without arguments
    // (`copyIndex()`, `true()`) shares one empty list, which no case below changes or returns.
    const args: unknown[] = node.args.length === 0 ? NO_ARGUMENTS : new Array(node.args.length);
    let literal = true;
    for (let i = 0; i < node.args.length; i++) {
      const arg = this.node(node.args[i] as Node);
      args[i] = arg;
      if (isSym(arg)) literal = false;
    }
    // A text holding a placeholder (`st<uniqueString(...)>`) must not be measured, cut or compared as if the
    // placeholder were its value: the answer is unknown, and stays one stable unknown for the same expression.
    if (!PLACEHOLDER_SAFE.has(name) && this.anyPartlyUnknown(args)) {
      if (name === 'equals' && typeof args[0] === 'string' && args[0] === args[1]) return true;
      return new Symbolic(text);
    }
    switch (name) {
      case 'parameters':
        return typeof args[0] === 'string' ? this.scope.parameter(args[0]) : new Symbolic(text);
      case 'variables':
        return typeof args[0] === 'string' ? this.scope.variable(args[0]) : new Symbolic(text);
      case 'subscription':
        return {
          id: `/subscriptions/${this.scope.subscriptionId}`,
          subscriptionId: this.scope.subscriptionId,
          tenantId: new Symbolic('subscription().tenantId'),
          displayName: new Symbolic('subscription().displayName'),
        };
      case 'resourcegroup':
        return {
          id: `/subscriptions/${this.scope.subscriptionId}/resourceGroups/${this.scope.resourceGroup}`,
          name: this.scope.resourceGroup,
          location: this.scope.location ?? new Symbolic('resourceGroup().location'),
          type: 'Microsoft.Resources/resourceGroups',
        };
      case 'tenant':
        return { tenantId: new Symbolic('tenant().tenantId') };
      case 'concat':
        if (args.length > 0 && args.every(Array.isArray)) return (args as unknown[][]).flat();
        return args.map((a) => this.text(a)).join('');
      case 'format': {
        const format = textAt(args, 0);
        if (format === undefined) return new Symbolic(text);
        return this.format(format, args);
      }
      case 'uniquestring': {
        const texts = this.hashable(args);
        return texts ? armUniqueString(texts) : this.placeholder(new Symbolic(text));
      }
      case 'resourceid':
      case 'subscriptionresourceid':
      case 'tenantresourceid':
      case 'extensionresourceid': {
        for (let i = 0; i < args.length; i++) if (isSym(args[i])) args[i] = this.text(args[i]);
        if (name === 'extensionresourceid') {
          const base = textAt(args, 0);
          const rest = typeAndNames(args.slice(1));
          const path = rest ? providerPath(rest.type, rest.names) : undefined;
          return base !== undefined && path ? `${base}/providers/${path}` : new Symbolic(text);
        }
        const parts = typeAndNames(args);
        const path = parts ? providerPath(parts.type, parts.names) : undefined;
        if (!parts || !path) return new Symbolic(text);
        if (name === 'tenantresourceid') return `/providers/${path}`;
        if (name === 'subscriptionresourceid')
          return `/subscriptions/${String(parts.before[0] ?? this.scope.subscriptionId)}/providers/${path}`;
        const [sub, rg] =
          parts.before.length >= 2
            ? parts.before
            : [this.scope.subscriptionId, parts.before[0] ?? this.scope.resourceGroup];
        return `/subscriptions/${String(sub)}/resourceGroups/${String(rg)}/providers/${path}`;
      }
      case 'reference': {
        const target = args[0];
        if (typeof target === 'string' && this.scope.moduleOutput) {
          // Bicep modules: reference(resourceId('Microsoft.Resources/deployments', 'name')).outputs.x.value
          const module =
            /\/providers\/Microsoft\.Resources\/deployments\/([^/]+)$/i.exec(target)?.[1] ??
            (target.includes('/') ? undefined : target);
          const outputs = module !== undefined ? this.scope.moduleOutput(module) : undefined;
          if (outputs)
            return {
              outputs: Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, { value: v }])),
            };
        }
        return new Symbolic(text, { target, path: [] });
      }
      case 'guid': {
        const texts = this.hashable(args);
        if (texts) return armGuid(texts);
        // Not computable: a stable stand-in, as role assignment names are what use it and nothing refers to those.
        // Symbolic parts are not reported for the same reason. It is not ARM's value, so it matches no export.
        return stableGuid(
          args
            .map((a) => (isSym(a) ? a.text : typeof a === 'object' ? JSON.stringify(a) : String(a)))
            .join('|'),
        );
      }
      case 'tolower':
        return typeof args[0] === 'string'
          ? this.outsidePlaceholders(args[0], (known) => known.toLowerCase())
          : isSym(args[0])
            ? this.text(args[0])
            : new Symbolic(text);
      case 'toupper':
        return typeof args[0] === 'string'
          ? this.outsidePlaceholders(args[0], (known) => known.toUpperCase())
          : isSym(args[0])
            ? this.text(args[0])
            : new Symbolic(text);
      case 'trim':
        return typeof args[0] === 'string' ? args[0].trim() : new Symbolic(text);
      case 'replace':
        // Only the known stretches: what the placeholder stands for may hold the text too, but replacing in it
        // is what ARM does with the value, so the placeholder keeps standing for the replaced value.
        return literal && typeof args[0] === 'string' && !this.partlyUnknown(args[1])
          ? this.outsidePlaceholders(args[0], (known) => known.split(String(args[1])).join(String(args[2])))
          : new Symbolic(text);
      case 'string':
        return literal
          ? typeof args[0] === 'string'
            ? args[0]
            : JSON.stringify(args[0])
          : new Symbolic(text);
      case 'bool':
        return literal ? args[0] === true || String(args[0]).toLowerCase() === 'true' : new Symbolic(text);
      case 'int':
        return literal ? Number(args[0]) : new Symbolic(text);
      case 'true':
        return true;
      case 'false':
        return false;
      case 'null':
        return null;
      case 'equals':
        return literal ? sameValue(args[0], args[1]) : new Symbolic(text);
      case 'not':
        return typeof args[0] === 'boolean' ? !args[0] : new Symbolic(text);
      case 'and':
        return literal ? args.every((a) => a === true) : new Symbolic(text);
      case 'or':
        return literal ? args.some((a) => a === true) : new Symbolic(text);
      case 'empty':
        return literal
          ? args[0] === null ||
              args[0] === '' ||
              (Array.isArray(args[0]) && args[0].length === 0) ||
              (typeof args[0] === 'object' && args[0] !== null && Object.keys(args[0]).length === 0)
          : new Symbolic(text);
      case 'coalesce': {
        // The first value that is not null; an unknown value before it leaves the answer unknown.
        const first = args.find((a) => a !== null && a !== undefined);
        return first ?? null;
      }
      case 'createobject': {
        if (!literal) return new Symbolic(text);
        const out: Record<string, unknown> = {};
        for (let i = 0; i + 1 < args.length; i += 2) out[String(args[i])] = args[i + 1];
        return out;
      }
      case 'createarray':
      case 'array':
        return args === NO_ARGUMENTS ? [] : args;
      case 'union':
        if (!literal) return new Symbolic(text);
        if (args.every(Array.isArray)) return [...new Set((args as unknown[][]).flat())];
        return Object.assign({}, ...(args as object[]));
      case 'split':
        return literal && typeof args[0] === 'string' ? args[0].split(String(args[1])) : new Symbolic(text);
      case 'last':
        return literal && (Array.isArray(args[0]) || typeof args[0] === 'string')
          ? args[0][args[0].length - 1]
          : new Symbolic(text);
      case 'first':
        return literal && (Array.isArray(args[0]) || typeof args[0] === 'string')
          ? args[0][0]
          : new Symbolic(text);
      case 'length':
        if (literal && isRecord(args[0])) return Object.keys(args[0]).length;
        return literal && (Array.isArray(args[0]) || typeof args[0] === 'string')
          ? args[0].length
          : new Symbolic(text);
      case 'copyindex': {
        const loopName = typeof args[0] === 'string' ? args[0] : undefined;
        const offset = typeof args[0] === 'number' ? args[0] : typeof args[1] === 'number' ? args[1] : 0;
        let loop = loopName === undefined ? this.copies[this.copies.length - 1] : undefined;
        if (loopName !== undefined) {
          // The innermost loop of that name.
          const wanted = loopName.toLowerCase();
          for (let i = this.copies.length - 1; i >= 0 && loop === undefined; i--)
            if ((this.copies[i] as { name: string }).name.toLowerCase() === wanted) loop = this.copies[i];
        }
        return loop ? loop.index + offset : new Symbolic(text);
      }
      case 'tryget': {
        // Bicep's `a.?b`: the member, or null when it is absent; unknown when the object is.
        let value: unknown = args[0];
        for (let i = 1; i < args.length; i++) {
          const key = args[i];
          if (isSym(value) || isSym(key)) return new Symbolic(text);
          if (value === null || value === undefined) return null;
          if (Array.isArray(value) && typeof key === 'number') value = value[key];
          else if (isRecord(value) && typeof key === 'string') value = caseInsensitive(value, key);
          else return null;
        }
        return value ?? null;
      }
      case 'contains': {
        if (!literal) return new Symbolic(text);
        const [container, item] = args;
        if (typeof container === 'string') return container.toLowerCase().includes(String(item).toLowerCase());
        if (Array.isArray(container)) return container.some((c) => sameValue(c, item));
        if (isRecord(container) && typeof item === 'string')
          return Object.keys(container).some((k) => k.toLowerCase() === item.toLowerCase());
        return false;
      }
      case 'substring': {
        if (!literal || typeof args[0] !== 'string') return new Symbolic(text);
        const start = typeof args[1] === 'number' ? args[1] : 0;
        const length = typeof args[2] === 'number' ? args[2] : args[0].length - start;
        return args[0].substr(start, length);
      }
      case 'startswith':
      case 'endswith':
      case 'indexof':
      case 'lastindexof': {
        if (!literal || typeof args[0] !== 'string' || typeof args[1] !== 'string') return new Symbolic(text);
        const [hay, needle] = [args[0].toLowerCase(), args[1].toLowerCase()];
        if (name === 'startswith') return hay.startsWith(needle);
        if (name === 'endswith') return hay.endsWith(needle);
        return name === 'indexof' ? hay.indexOf(needle) : hay.lastIndexOf(needle);
      }
      case 'take':
      case 'skip': {
        if (!literal || typeof args[1] !== 'number' || !(Array.isArray(args[0]) || typeof args[0] === 'string'))
          return new Symbolic(text);
        const count = Math.max(0, args[1]);
        return name === 'take' ? args[0].slice(0, count) : args[0].slice(count);
      }
      case 'add':
      case 'sub':
      case 'mul':
      case 'div':
      case 'mod': {
        if (typeof args[0] !== 'number' || typeof args[1] !== 'number') return new Symbolic(text);
        const [a, b] = [args[0], args[1]];
        if ((name === 'div' || name === 'mod') && b === 0) return new Symbolic(text);
        return name === 'add' ? a + b : name === 'sub' ? a - b : name === 'mul' ? a * b : name === 'div' ? Math.trunc(a / b) : a % b;
      }
      case 'greater':
      case 'greaterorequals':
      case 'less':
      case 'lessorequals': {
        const [a, b] = args;
        if (!((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string')))
          return new Symbolic(text);
        return name === 'greater' ? a > b : name === 'greaterorequals' ? a >= b : name === 'less' ? a < b : a <= b;
      }
      case 'min':
      case 'max': {
        const numbers = (args.length === 1 && Array.isArray(args[0]) ? args[0] : args) as unknown[];
        if (numbers.length === 0 || !numbers.every((n) => typeof n === 'number')) return new Symbolic(text);
        return name === 'min' ? Math.min(...(numbers as number[])) : Math.max(...(numbers as number[]));
      }
      case 'range':
        return typeof args[0] === 'number' && typeof args[1] === 'number' && args[1] >= 0 && args[1] <= 10_000
          ? Array.from({ length: args[1] }, (_, i) => (args[0] as number) + i)
          : new Symbolic(text);
      case 'items':
        // Sorted by key, as ARM returns them.
        return isRecord(args[0])
          ? Object.keys(args[0])
              .sort()
              .map((key) => ({ key, value: (args[0] as Record<string, unknown>)[key] }))
          : new Symbolic(text);
      case 'objectkeys':
        return isRecord(args[0]) ? Object.keys(args[0]) : new Symbolic(text);
      case 'intersection':
        if (!literal || args.length === 0) return new Symbolic(text);
        if (args.every(Array.isArray))
          return (args[0] as unknown[]).filter((item) => (args as unknown[][]).every((list) => list.some((x) => sameValue(x, item))));
        if (args.every(isRecord))
          return Object.fromEntries(
            Object.entries(args[0] as Record<string, unknown>).filter(([k, v]) =>
              (args as Record<string, unknown>[]).every((o) => sameValue(o[k], v)),
            ),
          );
        return new Symbolic(text);
      case 'padleft': {
        if (!literal) return new Symbolic(text);
        const value = String(args[0]);
        const width = typeof args[1] === 'number' ? args[1] : 0;
        return value.padStart(width, typeof args[2] === 'string' ? args[2] : ' ');
      }
      case 'join':
        return literal && Array.isArray(args[0]) ? args[0].map((a) => this.text(a)).join(String(args[1] ?? '')) : new Symbolic(text);
      case 'json':
        try {
          return typeof args[0] === 'string' ? (JSON.parse(args[0]) as unknown) : new Symbolic(text);
        } catch {
          return new Symbolic(text);
        }
      default:
        return new Symbolic(text);
    }
  }
}
