import fc from 'fast-check';
import { parseAllDocuments, stringify } from 'yaml';
import type { Seed } from './seeds';

/**
 * fast-check generators for the reader fuzzer (tests only): random text of several flavours, and real inputs
 * mutated the ways exports really break: a field deleted, duplicated or given the wrong type, the text cut off,
 * odd unicode pasted in, keys repeated, nesting run away, credentials pasted where they do not belong.
 */

/** One generated input: a file name, its text, and the markers of credentials planted in it intact. */
export interface FuzzCase {
  file: string;
  text: string;
  secretMarkers: string[];
}

/** A case that prints briefly in a failure report; the seed and path replay it in full. */
function fuzzCase(file: string, text: string, secretMarkers: string[]): FuzzCase {
  return {
    file,
    text,
    secretMarkers,
    [fc.toStringMethod]: () =>
      `${file} (${text.length} characters${secretMarkers.length > 0 ? `, secrets ${secretMarkers.join(' ')}` : ''}): ${JSON.stringify(text.length > 400 ? `${text.slice(0, 400)}…` : text)}`,
  } as FuzzCase;
}

/** Characters and runs that break naive text handling. */
export const ODD_UNICODE: readonly string[] = [
  '\uFEFF', // byte order mark
  '\u0000', // NUL
  '\u202E', // right-to-left override
  '\uD800', // lone high surrogate
  '\uDC00', // lone low surrogate
  'e\u0301\u0302\u0303\u0304', // stacked combining marks
  '\u{1F600}', // emoji outside the BMP
  '\u{1F469}\u200D\u{1F4BB}', // zero-width joiner sequence
  '\u200B', // zero-width space
  '\u2028', // line separator
  '\u00A0', // no-break space
  '\r',
  '\t',
  '\u0085', // next line
  '\uFFFE', // noncharacter
  'x'.repeat(20_000), // a very long line
];

/**
 * Credentials the fuzzer plants. Each carries its own marker, the distinctive part a leak would show; a
 * key-shaped value also looks secret on its own (secrets.ts looksLikeSecretValue), the others only by their key.
 */
const MARKER = 'Qz7Wk3Xp9Lm2Vn5';
export const CANARIES: readonly { key: string; value: string; marker: string; valueShaped: boolean }[] = [
  {
    key: 'account_key',
    marker: `${MARKER}A`,
    value: `${MARKER}A${'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z'.repeat(3).slice(0, 70)}==`,
    valueShaped: true,
  },
  {
    key: 'connection_string',
    marker: `${MARKER}B`,
    value: `DefaultEndpointsProtocol=https;AccountName=stx;AccountKey=${MARKER}B${'9kLm2nOp5q'.repeat(7)}==;EndpointSuffix=core.windows.net`,
    valueShaped: true,
  },
  {
    key: 'sas_token',
    marker: `${MARKER}C`,
    value: `sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01T00:00:00Z&sig=${MARKER}C0dEf6hIj9kLm%3D`,
    valueShaped: true,
  },
  {
    key: 'token',
    marker: `${MARKER}D`,
    value: `ghp_${MARKER}D${'x7Y8z9A0b1C2'.repeat(2)}`,
    valueShaped: true,
  },
  { key: 'client_secret', marker: `${MARKER}E`, value: `${MARKER}E~a.b-c_d`, valueShaped: false },
  { key: 'password', marker: `${MARKER}F`, value: `${MARKER}F!hunter2`, valueShaped: false },
  { key: 'AZURE_OPENAI_API_KEY', marker: `${MARKER}G`, value: `${MARKER}G.0123`, valueShaped: false },
];

// ---------------------------------------------------------------------------------------------------------
// Random text

const YAML_TOKENS = [
  '- ',
  ': ',
  '\n',
  '  ',
  '    ',
  '[',
  ']',
  '{',
  '}',
  ', ',
  '&a ',
  '*a',
  '!!str ',
  '!!binary ',
  '!custom ',
  '? ',
  '|\n',
  '>-\n',
  '# note',
  '"',
  "'",
  '\\',
  '---\n',
  '...\n',
  '%YAML 1.2\n',
  '<<: *a\n',
  '{{X}}',
  '${{inputs.x}}',
  '\t',
  'name',
  'version: 1\n',
  'workspaces',
  'role_assignments',
  'principal',
  'scope',
  'identity',
  'type',
  'data',
  'properties',
  'resources',
  'contentVersion',
  '$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\n',
  '$schema: https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\n',
  '/subscriptions/0/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w',
  'Microsoft.Authorization/roleAssignments',
  "[parameters('x')]",
  "[concat('a', 'b')]",
  'x',
  '1',
  '-1e999',
  'true',
  'null',
  '~',
  '0x1F',
  '.nan',
];

/** Text that looks a bit like YAML: a jumble of indicators, keys the readers know, anchors and quotes. */
export const yamlishText: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom(...YAML_TOKENS), fc.constantFrom(...ODD_UNICODE.slice(0, -1))), {
    maxLength: 60,
  })
  .map((parts) => parts.join(''));

/** Any UTF-16 string, lone surrogates included. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 100 }),
);

/** Random bytes read the way a browser reads a file: decoded as UTF-8, bad sequences replaced. */
export const bytesAsText: fc.Arbitrary<string> = fc
  .uint8Array({ maxLength: 300 })
  .map((bytes) => new TextDecoder('utf-8').decode(bytes));

/** Any JSON document, printed compactly or indented. */
export const jsonText: fc.Arbitrary<string> = fc.oneof(
  fc.json(),
  fc.jsonValue().map((v) => JSON.stringify(v, null, 2) ?? 'null'),
);

/** Objects with the top-level keys each format uses and random values, so that readers get past detection. */
export const shapedText: fc.Arbitrary<string> = fc
  .tuple(
    fc.dictionary(
      fc.constantFrom(
        'version',
        'name',
        'workspaces',
        'computes',
        'role_assignments',
        'users',
        'groups',
        'datastores',
        'data',
        'skip_token',
        '$schema',
        'resources',
        'contentVersion',
        'principalId',
        'roleDefinitionId',
        'scope',
        'type',
        'identity',
        'properties',
        'credentials',
        'environment_variables',
        'permissions',
      ),
      fc.jsonValue({ maxDepth: 3 }),
      { maxKeys: 6 },
    ),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([value, asJson, asList]) => {
    const doc = asList ? [value] : value;
    return asJson ? JSON.stringify(doc) : stringify(doc);
  });

// ---------------------------------------------------------------------------------------------------------
// Mutations of real inputs

type Retyped = string | number | boolean | null | object;

type StructuralMutation =
  | { kind: 'delete'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'retype'; at: number; value: Retyped }
  | { kind: 'unicode'; at: number; insert: string; offset: number }
  | { kind: 'secret-field'; at: number; canary: number }
  | { kind: 'secret-value'; at: number; canary: number }
  | { kind: 'nest'; at: number; depth: number };

type TextMutation =
  | { kind: 'truncate'; offset: number }
  | { kind: 'insert'; offset: number; insert: string }
  | { kind: 'duplicate-line'; line: number }
  | { kind: 'delete-line'; line: number }
  | { kind: 'deep'; offset: number; depth: number; open: string };

const retypedValue: fc.Arbitrary<Retyped> = fc.oneof(
  fc.constantFrom<Retyped>('', 'x', 0, -1, 1.5, 1e308, true, false, null, {}, [], [null], { '': null }),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Retyped>,
  fc.constantFrom(...ODD_UNICODE),
);

const structuralMutation: fc.Arbitrary<StructuralMutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('retype' as const), at: fc.nat(), value: retypedValue }),
  fc.record({
    kind: fc.constant('unicode' as const),
    at: fc.nat(),
    insert: fc.constantFrom(...ODD_UNICODE),
    offset: fc.nat(),
  }),
  fc.record({
    kind: fc.constant('secret-field' as const),
    at: fc.nat(),
    canary: fc.nat(CANARIES.length - 1),
  }),
  fc.record({
    kind: fc.constant('secret-value' as const),
    at: fc.nat(),
    // Only values that look secret on their own: the others are secret only under a telling key.
    canary: fc.constantFrom(...CANARIES.flatMap((c, i) => (c.valueShaped ? [i] : []))),
  }),
  fc.record({ kind: fc.constant('nest' as const), at: fc.nat(), depth: fc.integer({ min: 1, max: 120 }) }),
);

const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), offset: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    offset: fc.nat(),
    insert: fc.constantFrom(...ODD_UNICODE),
  }),
  fc.record({ kind: fc.constant('duplicate-line' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('delete-line' as const), line: fc.nat() }),
  fc.record({
    kind: fc.constant('deep' as const),
    offset: fc.nat(),
    depth: fc.constantFrom(5, 99, 101, 1_000, 100_000),
    open: fc.constantFrom('[', '{"a":', '{a: ', '- '),
  }),
);

type Container = Record<string, unknown> | unknown[];

/** Every value in a document with the container and key that hold it, outermost first. */
function slots(root: unknown): { parent: Container; key: string | number }[] {
  const out: { parent: Container; key: string | number }[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0 && out.length < 5_000) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        out.push({ parent: node, key: i });
        stack.push(item);
      });
    } else if (node !== null && typeof node === 'object') {
      for (const [key, item] of Object.entries(node)) {
        out.push({ parent: node as Record<string, unknown>, key });
        stack.push(item);
      }
    }
  }
  return out;
}

function containers(root: unknown): Container[] {
  const found: Container[] = root !== null && typeof root === 'object' ? [root as Container] : [];
  for (const { parent, key } of slots(root)) {
    const value = (parent as Record<string | number, unknown>)[key];
    if (value !== null && typeof value === 'object') found.push(value as Container);
  }
  return found;
}

function get(parent: Container, key: string | number): unknown {
  return (parent as Record<string | number, unknown>)[key];
}

function set(parent: Container, key: string | number, value: unknown): void {
  (parent as Record<string | number, unknown>)[key] = value;
}

/** Applies one structural mutation in place; returns the root (which a mutation of the root replaces). */
function mutateValue(root: unknown, m: StructuralMutation, planted: number[]): unknown {
  const all = slots(root);
  if (m.kind === 'secret-field' || m.kind === 'nest') {
    const boxes = containers(root);
    const box = boxes[m.at % Math.max(boxes.length, 1)];
    if (m.kind === 'secret-field') {
      const canary = CANARIES[m.canary];
      if (!canary) return root;
      planted.push(m.canary);
      if (box === undefined || Array.isArray(box)) {
        const entry = { [canary.key]: canary.value };
        if (Array.isArray(box)) box.push(entry);
        else return entry;
      } else box[canary.key] = canary.value;
      return root;
    }
    let deep: unknown = 'x';
    for (let i = 0; i < m.depth; i++) deep = i % 2 === 0 ? [deep] : { k: deep };
    if (box === undefined) return deep;
    if (Array.isArray(box)) box.push(deep);
    else box.nested = deep;
    return root;
  }
  const slot = all[m.at % Math.max(all.length, 1)];
  if (slot === undefined) return m.kind === 'retype' ? structuredClone(m.value) : root;
  const { parent, key } = slot;
  const current = get(parent, key);
  switch (m.kind) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      break;
    case 'duplicate':
      if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(current));
      else parent[`copy_${String(key)}`] = structuredClone(current);
      break;
    case 'retype':
      set(parent, key, structuredClone(m.value));
      break;
    case 'unicode':
      if (typeof current === 'string') {
        const at = m.offset % (current.length + 1);
        set(parent, key, current.slice(0, at) + m.insert + current.slice(at));
      } else if (!Array.isArray(parent)) {
        // Odd unicode in a key instead.
        delete parent[key as string];
        parent[`${String(key)}${m.insert}`] = current;
      }
      break;
    case 'secret-value': {
      const canary = CANARIES[m.canary];
      if (!canary) break;
      planted.push(m.canary);
      set(parent, key, canary.value);
      break;
    }
  }
  return root;
}

function mutateText(text: string, m: TextMutation): string {
  const lines = () => text.split('\n');
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, m.offset % (text.length + 1));
    case 'insert': {
      const at = m.offset % (text.length + 1);
      return text.slice(0, at) + m.insert + text.slice(at);
    }
    case 'duplicate-line': {
      // Repeating a line repeats a key (or a list item) in the same mapping.
      const all = lines();
      const i = m.line % all.length;
      all.splice(i, 0, all[i] ?? '');
      return all.join('\n');
    }
    case 'delete-line': {
      const all = lines();
      all.splice(m.line % all.length, 1);
      return all.join('\n');
    }
    case 'deep': {
      const at = m.offset % (text.length + 1);
      return text.slice(0, at) + m.open.repeat(m.depth) + text.slice(at);
    }
  }
}

function serialise(value: unknown, asJson: boolean): string {
  try {
    return asJson
      ? (JSON.stringify(value, null, 2) ?? 'null')
      : stringify(value, { aliasDuplicateObjects: false, lineWidth: 0 });
  } catch {
    return String(value);
  }
}

/** Reads a seed into plain documents, or undefined when it does not parse (then only text mutations apply). */
function seedDocuments(text: string): unknown[] | undefined {
  try {
    const docs = parseAllDocuments(text, { logLevel: 'silent' });
    if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return undefined;
    return docs.map((d) => d.toJS({ maxAliasCount: 100 }) as unknown);
  } catch {
    return undefined;
  }
}

const parsedSeeds = new WeakMap<Seed, unknown[] | undefined>();

function count(text: string, part: string): number {
  let n = 0;
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) n++;
  return n;
}

/**
 * True when `value` is in `text` as a whole scalar, not run together with other characters (a zero-width space
 * pasted onto a key makes it something else, which no detector can be held to).
 */
function standsWhole(text: string, value: string): boolean {
  for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
    const before = at === 0 ? '' : (text[at - 1] ?? '');
    const after = text[at + value.length] ?? '';
    if (!/^$|[\s"':[{,-]/.test(before) || !/^$|[\s"',}\]]/.test(after)) continue;
    // A plain YAML scalar runs on over more-indented lines (`name: x` then `  - y` is one value, `x - y`).
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const indent = /^ */.exec(text.slice(lineStart))?.[0].length ?? 0;
    const next = text.indexOf('\n', at + value.length);
    const nextIndent = next < 0 ? 0 : (/^ */.exec(text.slice(next + 1))?.[0].length ?? 0);
    if (after === '\n' && nextIndent > indent) continue;
    return true;
  }
  return false;
}

/**
 * The strings (values and keys) of a text that parses cleanly, or undefined when it does not (or is too big to
 * bother): then {@link standsWhole} decides from the text alone.
 */
function scalarsOf(text: string): Set<string> | undefined {
  if (text.length > 200_000) return undefined;
  try {
    const docs = parseAllDocuments(text, { logLevel: 'silent' });
    if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return undefined;
    const out = new Set<string>();
    const stack: unknown[] = docs.map((d) => d.toJS({ maxAliasCount: 100 }) as unknown);
    while (stack.length > 0) {
      const value = stack.pop();
      if (typeof value === 'string') out.add(value);
      else if (Array.isArray(value)) stack.push(...value);
      else if (value !== null && typeof value === 'object')
        for (const [key, item] of Object.entries(value)) {
          out.add(key);
          stack.push(item);
        }
    }
    return out;
  } catch {
    return undefined;
  }
}

/** Applies mutations to a seed and says which planted credentials are still whole in the result. */
export function mutateSeed(seed: Seed, structural: StructuralMutation[], textual: TextMutation[]): FuzzCase {
  const planted: number[] = [];
  let text = seed.text;
  if (structural.length > 0) {
    if (!parsedSeeds.has(seed)) parsedSeeds.set(seed, seedDocuments(seed.text));
    const docs = parsedSeeds.get(seed);
    if (docs && docs.length > 0) {
      const copy = structuredClone(docs);
      let first: unknown = copy[0];
      for (const m of structural) first = mutateValue(first, m, planted);
      copy[0] = first;
      const asJson = /^\s*[[{]/.test(seed.text);
      text = asJson ? serialise(copy[0], true) : copy.map((doc) => serialise(doc, false)).join('---\n');
    }
  }
  for (const m of textual) text = mutateText(text, m);
  // A credential counts as planted only while it is a whole value: a cut or a continuation line (`x\n  - key`)
  // can make it part of a longer value that no longer looks secret.
  const scalars = planted.length > 0 ? scalarsOf(text) : undefined;
  const secretMarkers = [...new Set(planted)]
    .map((i) => CANARIES[i])
    // A value secret only by its key is checked only while the structure is intact: a cut or a deleted line can
    // move it under another key, where nothing says it is secret.
    .filter(
      (c): c is (typeof CANARIES)[number] =>
        c !== undefined &&
        (scalars !== undefined ? scalars.has(c.value) : standsWhole(text, c.value)) &&
        count(text, c.marker) === count(text, c.value) &&
        (c.valueShaped || textual.length === 0),
    )
    .map((c) => c.marker);
  return fuzzCase(seed.file.split('/').pop() ?? seed.file, text, secretMarkers);
}

/** A real input from `seeds`, mutated by up to three structural and two textual changes (possibly none). */
export function mutatedSeed(seeds: readonly Seed[]): fc.Arbitrary<FuzzCase> {
  return fc
    .tuple(
      fc.nat(seeds.length - 1),
      fc.array(structuralMutation, { maxLength: 3 }),
      fc.array(textMutation, { maxLength: 2 }),
    )
    .map(([index, structural, textual]) => mutateSeed(seeds[index] as Seed, structural, textual));
}

/** Random text of every flavour, with no planted credentials. */
export const randomCase: fc.Arbitrary<FuzzCase> = fc
  .oneof(anyText, bytesAsText, jsonText, yamlishText, shapedText)
  .map((text) => fuzzCase('random.txt', text, []));

/** What a reader is fed: mostly its own format mutated, some other formats mutated, some random text. */
export function readerCases(own: readonly Seed[], all: readonly Seed[]): fc.Arbitrary<FuzzCase> {
  return fc.oneof(
    { arbitrary: mutatedSeed(own), weight: 5 },
    { arbitrary: mutatedSeed(all), weight: 1 },
    { arbitrary: randomCase, weight: 4 },
  );
}
