import { describe, expect, it } from 'vitest';
import type { Estate } from '../../model/types';
import { readNativeEstate, writeNativeEstate } from './index';

const HEAD = `version: 1
name: t
users:
  - name: alice
`;
// HEAD is 4 lines long, so the review starts on line 5.

const read = (review: string) => readNativeEstate(`${HEAD}${review}`, 'estate.yaml');

describe('readNativeEstate: the review section', () => {
  it('reads entries with their status, reason, notes and date, keeping text as written', () => {
    const { estate, diagnostics } = read(`review:
  entries:
    - finding: AML-ACR-004|a|b
      status: accepted_risk
      reason: "Only <b>test</b> data; see [ticket](javascript:alert(1))"
      notes: |
        line one
        line two
      updated_at: 2025-06-01
    - finding: AML-GOV-001|ws
      status: Fixed
`);
    expect(diagnostics).toEqual([]);
    expect(estate?.review).toEqual({
      entries: [
        {
          finding: 'AML-ACR-004|a|b',
          status: 'accepted-risk',
          reason: 'Only <b>test</b> data; see [ticket](javascript:alert(1))',
          notes: 'line one\nline two\n',
          updatedAt: '2025-06-01',
        },
        { finding: 'AML-GOV-001|ws', status: 'fixed' },
      ],
    });
  });

  it('leaves the review out when the file has none, and keeps an empty one', () => {
    expect(read('').estate?.review).toBeUndefined();
    expect(read('review:\n  entries: []\n').estate?.review).toEqual({ entries: [] });
  });

  it('refuses an accepted risk without a reason, quoting the finding, at the entry', () => {
    const { estate, diagnostics } = read(`review:
  entries:
    - finding: AML-ACR-004|a|b
      status: accepted-risk
`);
    expect(estate).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: 7,
        path: 'review.entries[0]',
        message: 'review of finding `AML-ACR-004|a|b`: an accepted risk needs a reason: say why the risk is acceptable',
      }),
    ]);
  });

  it('refuses an unknown status with a suggestion, and a missing one', () => {
    const { diagnostics } = read(`review:
  entries:
    - finding: x
      status: acepted-risk
      reason: r
    - finding: y
`);
    expect(diagnostics.map((d) => [d.line, d.path, d.message])).toEqual([
      [
        8,
        'review.entries[0].status',
        'expected one of `to-fix`, `accepted-risk`, `fixed` for `status`, found the text `acepted-risk`; did you mean `accepted-risk`?',
      ],
      [10, 'review.entries[1]', 'missing required field `status` (one of `to-fix`, `accepted-risk`, `fixed`)'],
    ]);
  });

  it('warns about unknown fields and refuses a finding reviewed twice, pointing at the first', () => {
    const { diagnostics } = read(`review:
  reviewer: bob
  entries:
    - finding: x
      status: fixed
      note: typo
    - finding: x
      status: to_fix
`);
    expect(diagnostics.map((d) => [d.severity, d.line, d.message])).toEqual([
      ['warning', 6, 'unknown field `reviewer` is ignored'],
      ['warning', 10, 'unknown field `note` is ignored; did you mean `notes`?'],
      ['error', 11, 'finding `x` is reviewed twice (first at line 8)'],
    ]);
    expect(diagnostics[2]?.related?.line).toBe(8);
  });

  it('refuses a review that is not a mapping and an entry that is not one', () => {
    expect(read('review: [a]\n').diagnostics[0]?.message).toMatch(/expected a mapping with `entries`.*found a list/);
    expect(read('review:\n  entries:\n    - just text\n').diagnostics[0]?.message).toMatch(/expected a mapping with `finding` and `status`/);
  });

  it('drops secret-looking reasons and notes with a warning', () => {
    const { estate, diagnostics } = read(`review:
  entries:
    - finding: x
      status: fixed
      notes: "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH=="
`);
    expect(estate?.review?.entries[0]?.notes).toBe('<redacted>');
    expect(diagnostics.map((d) => d.severity)).toEqual(['warning']);
  });

  it('writes the review back so it reads the same, in YAML and JSON', () => {
    const { estate } = read(`review:
  entries:
    - {finding: "a|b", status: accepted-risk, reason: "why: because | *so*", updated_at: 2025-06-01T10:00:00Z}
    - {finding: c, status: to-fix, notes: "- not a list"}
`);
    for (const format of ['yaml', 'json'] as const) {
      const text = writeNativeEstate(estate as Estate, format);
      expect(readNativeEstate(text, `x.${format}`).estate?.review).toEqual(estate?.review);
    }
    expect(writeNativeEstate({ ...(estate as Estate), review: { entries: [] } }, 'yaml')).toContain('review:\n  entries: []\n');
    expect(writeNativeEstate({ ...(estate as Estate), review: undefined } as Estate, 'yaml')).not.toContain('review');
  });
});
