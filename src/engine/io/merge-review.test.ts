import { describe, expect, it } from 'vitest';
import { readInputs } from './inputs';

const file = (name: string, review: string) => ({
  file: name,
  text: `version: 1\nname: ${name}\nusers:\n  - name: ${name}-user\n${review}`,
});

describe('readInputs: design reviews across files', () => {
  it('keeps every entry of every file, the first file winning a disagreement, with a warning', () => {
    const result = readInputs([
      file('a', 'review:\n  entries:\n    - {finding: one, status: fixed}\n    - {finding: two, status: accepted-risk, reason: sandbox}\n'),
      file('b', 'review:\n  entries:\n    - {finding: two, status: to-fix}\n    - {finding: three, status: fixed, notes: n}\n'),
    ]);
    expect(result.estate?.review?.entries).toEqual([
      { finding: 'one', status: 'fixed' },
      { finding: 'two', status: 'accepted-risk', reason: 'sandbox' },
      { finding: 'three', status: 'fixed', notes: 'n' },
    ]);
    expect(result.diagnostics.filter((d) => /reviewed in/.test(d.message))).toEqual([
      expect.objectContaining({ severity: 'warning', file: 'b', message: 'finding `two` is reviewed in a and here; the review in a is kept' }),
    ]);
  });

  it('adds no review when no file has one, and says nothing when files agree', () => {
    expect(readInputs([file('a', ''), file('b', '')]).estate?.review).toBeUndefined();
    const same = 'review:\n  entries:\n    - {finding: one, status: fixed}\n';
    const result = readInputs([file('a', same), file('b', same)]);
    expect(result.estate?.review?.entries).toEqual([{ finding: 'one', status: 'fixed' }]);
    expect(result.diagnostics.filter((d) => /reviewed in/.test(d.message))).toEqual([]);
  });
});
