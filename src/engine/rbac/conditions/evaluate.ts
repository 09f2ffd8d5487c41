// Evaluates a parsed ABAC condition against what an access question carries: the action, its plane and the
// scope. Everything else a condition may test (request attributes such as the role a role assignment would
// grant, sub-operations, principal and environment attributes, blob tags and paths) is not in the question,
// so it is unknown, and the logic is three-valued (Kleene): an unknown part decides nothing unless the rest
// of the expression does. Unknown is never read as true or false.

import { compiledPattern } from '../wildcard';
import type {
  AttributeRef,
  ConditionLiteral,
  ConditionNode,
  Operand,
  ParsedCondition,
  Quantifier,
} from './parse';

/** Three-valued truth: `unknown` when the answer depends on something the question does not carry. */
export type Truth = 'true' | 'false' | 'unknown';

/** What a condition is evaluated against: the access question's action and scope. */
export interface ConditionRequest {
  action: string;
  dataAction: boolean;
  /** The ARM id the action is performed on, or `/`. */
  scope: string;
}

/** The truth of a condition for one request, with the parts that decided it, each quoted and explained. */
export interface ConditionEvaluation {
  truth: Truth;
  because: string[];
}

const MAX_QUOTE = 160;

function quoted(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `\`${flat.length > MAX_QUOTE ? `${flat.slice(0, MAX_QUOTE - 1)}…` : flat}\``;
}

/** A resolved operand: its values, or why they are unknown. */
type Resolved = { values: ConditionLiteral[]; from?: string } | { unknown: string };

// ---------------------------------------------------------------------------------------------------
// Attributes the question carries

interface ScopeResource {
  provider: string;
  types: string[];
  names: string[];
}

/** The resource an ARM id names: its provider, then its type and name at each level below the provider. */
function scopeResource(scope: string): ScopeResource | undefined {
  const parts = scope.split('/').filter((part) => part !== '');
  let at = -1;
  for (let i = parts.length - 2; i >= 0; i--) {
    if ((parts[i] as string).toLowerCase() === 'providers') {
      at = i;
      break;
    }
  }
  if (at < 0) return undefined;
  const provider = parts[at + 1] as string;
  const types: string[] = [];
  const names: string[] = [];
  for (let i = at + 2; i + 1 < parts.length; i += 2) {
    types.push(parts[i] as string);
    names.push(parts[i + 1] as string);
  }
  return { provider, types, names };
}

/**
 * A resource attribute that the question's scope determines. Only names qualify: a condition on
 * `<type path>:name` (a container or queue name, for instance) is decided when the scope is that resource or
 * lies below it. Everything else about the resource (tags, paths, metadata) is not in the estate.
 */
function resourceAttribute(attribute: AttributeRef, request: ConditionRequest): Resolved {
  const colon = attribute.name.indexOf(':');
  const typePath = colon < 0 ? attribute.name : attribute.name.slice(0, colon);
  const property = colon < 0 ? '' : attribute.name.slice(colon + 1);
  const [provider = '', ...types] = typePath.split('/');
  if (property.toLowerCase() !== 'name' || types.length === 0)
    return { unknown: `the resource's ${property || attribute.name}, which the estate does not record` };
  // Type segments are plural (`containers`); the explanation names one (`container`).
  const leaf = (types[types.length - 1] as string).replace(/s$/, '');
  const resource = scopeResource(request.scope);
  // A subscription, resource group or the root holds no provider segment: it lies above every resource.
  if (resource === undefined)
    return {
      unknown: `the name of the ${leaf} the request targets; the question's scope lies above every ${leaf}, so a request may name any`,
    };
  const matches =
    resource !== undefined &&
    resource.provider.toLowerCase() === provider.toLowerCase() &&
    types.every(
      (type, i) => i >= resource.types.length || resource.types[i]?.toLowerCase() === type.toLowerCase(),
    );
  if (!matches)
    return { unknown: `the name of the ${leaf} the request targets; the question's scope is not inside one` };
  if (resource.types.length < types.length)
    return {
      unknown: `the name of the ${leaf} the request targets; the question's scope lies above every ${leaf}, so a request may name any`,
    };
  const name = resource.names[types.length - 1] as string;
  return { values: [name], from: `the ${leaf} name is '${name}' (from the scope)` };
}

function attributeValue(attribute: AttributeRef, request: ConditionRequest): Resolved {
  switch (attribute.source) {
    case 'Resource':
      return resourceAttribute(attribute, request);
    case 'Request':
      return { unknown: `the request attribute ${attribute.name}, which an access question does not carry` };
    case 'Principal':
      return {
        unknown: `the principal's attribute ${attribute.name} (custom security attributes are not in the estate)`,
      };
    case 'Environment':
      return { unknown: `the environment attribute ${attribute.name} (network path or time of the request)` };
  }
}

function resolve(operand: Operand, request: ConditionRequest): Resolved {
  return operand.kind === 'values' ? { values: operand.values } : attributeValue(operand.attribute, request);
}

// ---------------------------------------------------------------------------------------------------
// Operators

/** Glob match for StringLike: `*` any run of characters, `?` one; linear-space DP, no RegExp. */
function globMatches(pattern: string, text: string): boolean {
  let previous = new Uint8Array(text.length + 1);
  previous[0] = 1;
  for (let i = 1; i <= pattern.length; i++) {
    const p = pattern[i - 1];
    const current = new Uint8Array(text.length + 1);
    current[0] = p === '*' && previous[0] === 1 ? 1 : 0;
    for (let j = 1; j <= text.length; j++) {
      if (p === '*') current[j] = previous[j] === 1 || current[j - 1] === 1 ? 1 : 0;
      else current[j] = previous[j - 1] === 1 && (p === '?' || p === text[j - 1]) ? 1 : 0;
    }
    previous = current;
  }
  return previous[text.length] === 1;
}

/** The operator applied to one pair of values; undefined when this evaluator does not judge it. */
function compareOne(operator: string, left: ConditionLiteral, right: ConditionLiteral): boolean | undefined {
  // Every negated operator spells its positive form with `Not` inserted (StringNotLike, GuidNotEquals...).
  const negated = operator.includes('Not');
  const positive = operator.replace('Not', '');
  let result: boolean | undefined;
  if (positive.startsWith('String')) {
    const ignoreCase = positive.endsWith('IgnoreCase');
    const stem = ignoreCase ? positive.slice(0, -'IgnoreCase'.length) : positive;
    const a = ignoreCase ? String(left).toLowerCase() : String(left);
    const b = ignoreCase ? String(right).toLowerCase() : String(right);
    if (stem === 'StringEquals') result = a === b;
    else if (stem === 'StringStartsWith') result = a.startsWith(b);
    else if (stem === 'StringLike') result = globMatches(b, a);
  } else if (positive === 'GuidEquals') result = String(left).toLowerCase() === String(right).toLowerCase();
  else if (positive === 'BoolEquals') result = String(left).toLowerCase() === String(right).toLowerCase();
  else if (positive.startsWith('Numeric')) {
    const a = Number(left);
    const b = Number(right);
    if (Number.isFinite(a) && Number.isFinite(b)) {
      if (positive === 'NumericEquals') result = a === b;
      else if (positive === 'NumericLessThan') result = a < b;
      else if (positive === 'NumericLessThanEquals') result = a <= b;
      else if (positive === 'NumericGreaterThan') result = a > b;
      else if (positive === 'NumericGreaterThanEquals') result = a >= b;
    }
  }
  return result === undefined ? undefined : negated ? !result : result;
}

function quantify(
  quantifier: Quantifier | undefined,
  negated: boolean,
  left: readonly ConditionLiteral[],
  right: readonly ConditionLiteral[],
  test: (a: ConditionLiteral, b: ConditionLiteral) => boolean | undefined,
): boolean | undefined {
  // Without a quantifier a comparison is between single values; given sets anyway, a positive operator
  // holds when any pair does and a negated one when every pair does.
  const q = quantifier ?? (negated ? 'ForAllOfAllValues' : 'ForAnyOfAnyValues');
  const outerAll = q === 'ForAllOfAnyValues' || q === 'ForAllOfAllValues';
  const innerAll = q === 'ForAnyOfAllValues' || q === 'ForAllOfAllValues';
  let outer = outerAll;
  for (const a of left) {
    let inner = innerAll;
    for (const b of right) {
      const r = test(a, b);
      if (r === undefined) return undefined;
      if (innerAll ? !r : r) {
        inner = !innerAll;
        break;
      }
    }
    if (outerAll ? !inner : inner) {
      outer = !outerAll;
      break;
    }
  }
  return outer;
}

// ---------------------------------------------------------------------------------------------------
// Evaluation

function evaluateNode(node: ConditionNode, text: string, request: ConditionRequest): ConditionEvaluation {
  const part = quoted(text.slice(node.start, node.end));
  switch (node.kind) {
    case 'and':
    case 'or': {
      // AND: false when any operand is false, else unknown when any is, else true. OR the other way round.
      const decisive: Truth = node.kind === 'and' ? 'false' : 'true';
      const results = node.operands.map((operand) => evaluateNode(operand, text, request));
      const hit = results.find((r) => r.truth === decisive);
      if (hit !== undefined) return { truth: decisive, because: hit.because };
      const unknown = results.filter((r) => r.truth === 'unknown');
      if (unknown.length > 0) return { truth: 'unknown', because: unknown.flatMap((r) => r.because) };
      return { truth: decisive === 'false' ? 'true' : 'false', because: results.flatMap((r) => r.because) };
    }
    case 'not': {
      const inner = evaluateNode(node.operand, text, request);
      const truth: Truth = inner.truth === 'unknown' ? 'unknown' : inner.truth === 'true' ? 'false' : 'true';
      return { truth, because: inner.because };
    }
    case 'function': {
      if (node.name === 'SubOperationMatches')
        return {
          truth: 'unknown',
          because: [`${part} depends on the request's sub-operation, which an access question does not name`],
        };
      const matches = compiledPattern(node.pattern).matches(request.action);
      return {
        truth: matches ? 'true' : 'false',
        because: [
          `${part} is ${matches ? 'true' : 'false'}: the action ${request.action} ${matches ? 'matches' : 'does not match'} it`,
        ],
      };
    }
    case 'exists': {
      const value = attributeValue(node.attribute, request);
      if ('unknown' in value) return { truth: 'unknown', because: [`${part} depends on ${value.unknown}`] };
      return {
        truth: node.negated ? 'false' : 'true',
        because: [`${part}: ${value.from ?? 'the attribute is present'}`],
      };
    }
    case 'compare': {
      const left = resolve(node.left, request);
      const right = resolve(node.right, request);
      if ('unknown' in left) return { truth: 'unknown', because: [`${part} depends on ${left.unknown}`] };
      if ('unknown' in right) return { truth: 'unknown', because: [`${part} depends on ${right.unknown}`] };
      const result = quantify(
        node.quantifier,
        node.operator.includes('Not'),
        left.values,
        right.values,
        (a, b) => compareOne(node.operator, a, b),
      );
      if (result === undefined)
        return {
          truth: 'unknown',
          because: [`${part} uses ${node.operator}, which this tool does not evaluate on these values`],
        };
      const from = [left.from, right.from].filter((f) => f !== undefined).join('; ');
      return {
        truth: result ? 'true' : 'false',
        because: [`${part} ${result ? 'holds' : 'does not hold'}${from === '' ? '' : `: ${from}`}`],
      };
    }
  }
}

/**
 * Evaluates a condition for one access question. A condition that could not be read is `unknown`, never
 * true: its reason says where reading stopped.
 */
export function evaluateCondition(parsed: ParsedCondition, request: ConditionRequest): ConditionEvaluation {
  if (!parsed.ok)
    return {
      truth: 'unknown',
      because: [
        `the condition could not be read (${parsed.error.message}, at character ${parsed.error.offset + 1}), so it is not judged`,
      ],
    };
  return evaluateNode(parsed.root, parsed.text, request);
}
