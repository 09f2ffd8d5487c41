import { describe, expect, it } from 'vitest';
import starter from '../../../../public/samples/starter.yaml?raw';
import { analyze } from '../../../engine/analysis/analyze';
import { estateFromYaml } from '../../../engine/testing/estates';
import { compareEstates, peekComparison } from './comparison';

const before = estateFromYaml(starter, 'before.yaml');
const after = estateFromYaml(
  starter.replace(
    'users:\n',
    'users:\n  - name: erin\n    object_id: e0000000-0000-4000-8000-000000000009\n',
  ),
  'after.yaml',
);

describe('compareEstates', () => {
  it('has nothing cached for a pair before it is compared', () => {
    expect(peekComparison(before, estateFromYaml(starter, 'other.yaml'))).toBeUndefined();
  });

  it('loads the diff on demand, marks the added entity and caches the result for the pair', async () => {
    const result = await compareEstates(before, after, analyze(before), analyze(after));
    expect(result.diff.entities.added.map((entity) => entity.name)).toEqual(['erin']);
    const erin = result.diff.entities.added[0]?.id;
    expect(erin && result.graph.marks.nodes.get(erin)).toBe('added');
    expect(peekComparison(before, after)).toBe(result);
    // The same pair again is answered from the cache, whatever analyses are passed.
    await expect(compareEstates(before, after, analyze(after), analyze(before))).resolves.toBe(result);
  });
});
