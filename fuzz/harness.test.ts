import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/engine/model/types';
import { violations, type FuzzOutcome } from './harness';

/**
 * The fuzzer is only as good as its invariants: each one must fire on an outcome that breaks it, or a long run
 * with "no failure" would prove nothing.
 */

const input = { file: 'e.yaml', text: 'a: 1\nb: 2\n' };
const located: Diagnostic = { severity: 'error', file: 'e.yaml', line: 2, column: 1, message: 'bad value' };
const outcome = (...diagnostics: Diagnostic[]): FuzzOutcome => ({ estate: undefined, diagnostics });

describe('fuzz invariants', () => {
  it('accept a located, worded diagnostic', () => {
    expect(violations(outcome(located), [input])).toEqual([]);
    expect(
      violations(outcome({ ...located, line: undefined, column: undefined, path: 'a' }), [input]),
    ).toEqual([]);
  });

  it.each([
    ['no message', { ...located, message: ' ' }, /has no message/],
    ['a caught crash', { ...located, message: 'internal error while reading x' }, /reports a crash/],
    ['no severity', { ...located, severity: 'fatal' as Diagnostic['severity'] }, /has no severity/],
    ['no file', { ...located, file: undefined }, /has no file/],
    ['another file', { ...located, file: 'other.yaml' }, /names a file that was not read/],
    ['no location', { ...located, line: undefined, column: undefined }, /neither line nor path/],
    ['a line past the end', { ...located, line: 9 }, /outside the file/],
    ['no column', { ...located, column: 0 }, /bad column/],
    ['a huge message', { ...located, message: 'x'.repeat(2_001) }, /a message of 2001 characters/],
    ['a huge path', { ...located, path: `a["${'['.repeat(3_000)}"]` }, /a path of 3005 characters/],
  ])('reject a diagnostic with %s', (_, diagnostic, problem) => {
    expect(violations(outcome(diagnostic as Diagnostic), [input])).toContainEqual(
      expect.stringMatching(problem),
    );
  });

  it('reject more diagnostics than the input could explain', () => {
    const many = Array.from({ length: 40 }, () => located);
    expect(violations(outcome(...many), [input])).toContainEqual(
      expect.stringMatching(/40 diagnostics for 10 characters/),
    );
  });

  it('reject a planted secret anywhere in the result, and say where', () => {
    const leak = { ...located, message: 'value SECRETMARK9 is wrong' };
    expect(violations(outcome(leak), [input], ['SECRETMARK9'])).toContainEqual(
      expect.stringMatching(/planted secret \(SECRETMARK9\) survived .* \.diagnostics\.0\.message/),
    );
    expect(violations(outcome(located), [input], ['SECRETMARK9'])).toEqual([]);
  });

  it('let only readInputs add file-less notes, and never as errors', () => {
    const note: Diagnostic = { severity: 'info', message: 'merged 2 files' };
    expect(violations(outcome(note), [input], [], { merged: true })).toEqual([]);
    expect(violations(outcome({ ...note, severity: 'error' }), [input], [], { merged: true })).toContainEqual(
      expect.stringMatching(/has no file/),
    );
  });
});
