import { describe, expect, it } from 'vitest';
import starter from '../../../../public/samples/starter.yaml?raw';
import { analyze } from '../../../engine/analysis/analyze';
import { diffEstates } from '../../../engine';
import { estateFromYaml } from '../../../engine/testing/estates';
import { unionAnalysis } from '../../graph/change-marks';
import { changeItems } from './change-items';

const before = estateFromYaml(starter, 'before.yaml');
const after = estateFromYaml(
  starter
    .replace(
      '  - principal: uai-build\n    role: AcrPull',
      '  - principal: uai-train\n    role: AcrPull\n    scope: acrchurnprod\n  - principal: uai-build\n    role: AcrPull',
    )
    .replace('users:\n', 'users:\n  - name: erin\n    object_id: e0000000-0000-4000-8000-000000000009\n'),
  'after.yaml',
);
const beforeAnalysis = analyze(before);
const afterAnalysis = analyze(after);
const items = changeItems(
  diffEstates(before, after, { beforeAnalysis, afterAnalysis }),
  unionAnalysis(beforeAnalysis, afterAnalysis),
);

describe('changeItems', () => {
  it('lists nothing for two equal estates', () => {
    const again = estateFromYaml(starter, 'again.yaml');
    expect(changeItems(diffEstates(before, again), beforeAnalysis)).toEqual([]);
  });

  it('lists the added grant, selecting its principal', () => {
    const grant = items.find((item) => item.section === 'grants');
    expect(grant).toMatchObject({
      kind: 'added',
      badge: 'added',
      title: 'uai-train: AcrPull',
      detail: 'on acrchurnprod',
    });
    expect(grant?.selection).toEqual({ kind: 'entity', id: grant?.reveal });
  });

  it('lists the path whose outcome changed, selecting the path and centring on its actor', () => {
    const path = items.find(
      (item) =>
        item.section === 'paths' && item.kind === 'changed' && item.detail.startsWith('missing → granted'),
    );
    expect(path).toBeDefined();
    expect(path?.selection.kind).toBe('path');
    const actor = afterAnalysis.paths.find((candidate) => candidate.id === path?.selection.id)?.actor;
    expect(path?.reveal).toBe(actor);
  });

  it('lists closed findings with their rule and subjects', () => {
    const closed = items.filter((item) => item.section === 'findings' && item.kind === 'removed');
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.every((item) => item.badge.startsWith('closed'))).toBe(true);
    expect(closed.map((item) => item.detail)).toContainEqual(expect.stringMatching(/^AML-ACR-004 · /));
  });

  it('lists the added user as an entity change', () => {
    expect(
      items.filter((item) => item.section === 'entities').map((item) => `${item.kind} ${item.title}`),
    ).toContain('added erin');
  });
});
