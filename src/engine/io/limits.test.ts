import { describe, expect, it } from 'vitest';
import { ENTITY_COLLECTIONS, type Diagnostic } from '../model/types';
import { baseEstateYaml } from '../testing/estates';
import { FUZZ_TARGETS } from '../../../fuzz/harness';
import { MAX_ESTATE_ITEMS, readInputs } from './inputs';
import { MAX_INPUT_BYTES, parseDocuments } from './core/source';

/**
 * The input limits, each through every reader and readInputs: a clear, located error where the limit is
 * crossed, and nothing at all just short of it. No assertion here is on time; the limits exist so that the
 * work stays bounded, and a regression shows as a stack overflow or a test timeout.
 */

function only(diagnostics: Diagnostic[]): Diagnostic {
  expect(diagnostics.filter((d) => d.severity === 'error')).toHaveLength(1);
  return diagnostics.find((d) => d.severity === 'error') as Diagnostic;
}

/** Every reader, and readInputs, on one text: each gives exactly the one expected error, located. */
function everyReaderRefuses(
  text: string,
  file: string,
  message: RegExp,
  at?: { line: number; column: number },
) {
  for (const target of FUZZ_TARGETS) {
    const result = target.read(text, file);
    expect(result.estate, target.name).toBeUndefined();
    const error = only(result.diagnostics);
    expect(error.message, target.name).toMatch(message);
    expect(error.file, target.name).toBe(file);
    expect(error.line, target.name).toBeGreaterThanOrEqual(1);
    expect(error.column, target.name).toBeGreaterThanOrEqual(1);
    if (at) expect({ line: error.line, column: error.column }, target.name).toEqual(at);
  }
  const merged = readInputs([{ file, text }]);
  expect(merged.estate).toBeUndefined();
  expect(only(merged.diagnostics).message).toMatch(message);
}

const STARTER = baseEstateYaml();

describe('input limits', () => {
  it('refuses a file over 50 MB with a located message, before parsing it', () => {
    const big = `name: x\ndescription: ${'a'.repeat(MAX_INPUT_BYTES)}\n`;
    everyReaderRefuses(big, 'big.yaml', /larger than the 50 MB limit \(about 50 MB\)/, {
      line: 1,
      column: 1,
    });
  });

  it('accepts a file just under the size limit', () => {
    // A long description pushes the file to 1 KB under the limit; the estate still reads.
    const padding = MAX_INPUT_BYTES - STARTER.length - 1024;
    const text = STARTER.replace(/^name: .*$/m, (line) => `${line}\ndescription: ${'a'.repeat(padding)}`);
    const { estate, diagnostics } = readInputs([{ file: 'under.yaml', text }]);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(estate?.description?.length).toBe(padding);
  });

  it('refuses more entities and assignments than the limit, naming the file that crosses it', () => {
    const { estate: one } = readInputs([{ file: 'a.yaml', text: STARTER }]);
    const size =
      (one?.roleAssignments.length ?? 0) +
      ENTITY_COLLECTIONS.reduce((n, collection) => n + (one?.[collection].length ?? 0), 0);
    expect(size).toBeGreaterThan(5);
    const files = [
      { file: 'a.yaml', text: STARTER },
      { file: 'b.yaml', text: STARTER.replace(/^name: .*$/m, 'name: second') },
    ];
    // One file fits; the second one crosses the limit and is named.
    const { estate, diagnostics, inputs } = readInputs(files, { maxItems: size + 1 });
    // As with any file in error, the others still go through (the CLI refuses to act on such a set).
    expect(inputs?.map((i) => i.used)).toEqual([true, false]);
    expect(estate?.name).toBe('test estate');
    const error = only(diagnostics);
    expect(error).toMatchObject({ file: 'b.yaml', line: 1, column: 1 });
    expect(error.message).toBe(
      `with this file the inputs hold ${2 * size} entities and assignments, over the limit of ${size + 1}; analyse one subscription or management group at a time`,
    );
    // Exactly at the limit is still fine.
    const fits = readInputs(files, { maxItems: 2 * size });
    expect(fits.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(fits.estate).toBeDefined();
  });

  it('stays quiet at the default limit, which is far above the largest benchmark estate', () => {
    expect(MAX_ESTATE_ITEMS).toBeGreaterThan(2 * 850_000);
    const { estate, diagnostics } = readInputs([{ file: 'a.yaml', text: STARTER }]);
    expect(estate).toBeDefined();
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('stops a billion-laughs alias bomb in every reader with a located error', () => {
    const lines = ['version: 1', 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let level = 1; level < 9; level++) {
      const prev = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    everyReaderRefuses(`${lines.join('\n')}\n`, 'lol.yaml', /alias bomb/, { line: 3, column: 8 });
  });

  it('keeps a few ordinary anchors working', () => {
    const text = `${STARTER}\nx-defaults: &d {location: westeurope}\nx-again: *d\n`;
    const { docs, diagnostics } = parseDocuments(text, 'anchors.yaml');
    expect(diagnostics).toEqual([]);
    expect(docs).toHaveLength(1);
  });

  it('refuses deeply nested JSON and YAML in every reader with a located error, without exhausting the stack', () => {
    const deep = /nests (deeper than 100 levels|too deeply)/;
    everyReaderRefuses(`${'['.repeat(100_000)}${']'.repeat(100_000)}`, 'deep.json', deep, {
      line: 1,
      column: 100,
    });
    everyReaderRefuses(`{"a": ${'{"a": '.repeat(100_000)}1${'}'.repeat(100_001)}`, 'deep2.json', deep);
    everyReaderRefuses(`${'- '.repeat(100_000)}x\n`, 'deep.yaml', deep, { line: 1, column: 1 });
    everyReaderRefuses(`k: {a: ${'{a: '.repeat(100_000)}1}\n`, 'deep2.yaml', deep);
    const blocks = Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    everyReaderRefuses(`${blocks} x\n`, 'deep3.yaml', deep, { line: 101, column: 101 });
    // Unclosed brackets are refused the same way: a truncated export must not freeze anything either.
    everyReaderRefuses('['.repeat(100_000), 'open.json', deep);
    // `- ` runs after a closed flow collection used to reach the parser and overflow its stack.
    everyReaderRefuses(`{"a": 1}${'- '.repeat(100_000)}\n`, 'after.json', deep);
  });

  it('reads nesting just inside the limit', () => {
    const text = `${'['.repeat(99)}1${']'.repeat(99)}`;
    expect(parseDocuments(text, 'ok.json').diagnostics).toEqual([]);
  });

  it('reads a very long single line, or refuses it with a located message, in every reader', () => {
    const long = `{"name": "${'x'.repeat(5_000_000)}", "data": []}`;
    for (const target of FUZZ_TARGETS) {
      const result = target.read(long, 'long.json');
      for (const d of result.diagnostics) {
        expect(d.message.length, target.name).toBeLessThan(1_000);
        expect(d.file, target.name).toBe('long.json');
      }
    }
    const yaml = STARTER.replace(
      /^name: .*$/m,
      (line) => `${line}\ndescription: ${'word '.repeat(1_000_000)}`,
    );
    const { estate, diagnostics } = readInputs([{ file: 'long.yaml', text: yaml }]);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(estate?.description?.length).toBeGreaterThan(4_000_000);
  });
});
