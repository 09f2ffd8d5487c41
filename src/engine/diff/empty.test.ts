import { describe, expect, it } from 'vitest';
import type { EstateDiff } from './diff';
import { isEmptyDiff } from './empty';

const none = { error: 0, warning: 0, info: 0 };

function emptyDiff(): EstateDiff {
  return {
    grants: { added: [], removed: [], conditionChanged: [] },
    paths: { changed: [], added: [], removed: [] },
    findings: { opened: [], closed: [] },
    entities: { added: [], removed: [], changed: [] },
    summary: {
      grantsAdded: 0,
      grantsRemoved: 0,
      grantConditionsChanged: 0,
      pathsChanged: 0,
      pathsAdded: 0,
      pathsRemoved: 0,
      findingsOpened: { ...none },
      findingsClosed: { ...none },
      entitiesAdded: 0,
      entitiesRemoved: 0,
      entitiesChanged: 0,
    },
  };
}

describe('isEmptyDiff', () => {
  it('is true when nothing differs', () => {
    expect(isEmptyDiff(emptyDiff())).toBe(true);
  });

  it('is false for a single changed entity', () => {
    const diff = emptyDiff();
    diff.summary.entitiesChanged = 1;
    expect(isEmptyDiff(diff)).toBe(false);
  });

  it('is false for a closed finding alone', () => {
    const diff = emptyDiff();
    diff.findings.closed.push({
      id: 'f1',
      ruleId: 'r1',
      title: 'T',
      severity: 'info',
      message: 'm',
      subjects: [],
    });
    expect(isEmptyDiff(diff)).toBe(false);
  });
});
