import { describe, expect, it } from 'vitest';
import { setRegistryAccess } from '../edits';
import type { Estate } from '../model/types';
import { estateFromYaml } from '../testing/estates';
import { editsTestEstate } from '../testing/edits';
import { forEachRandomEdit, random } from '../testing/random-edits';
import { analyze } from './analyze';
import { analyzeTracked, reanalyze } from './incremental';

const SAMPLES = import.meta.glob<string>('../../../public/samples/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
});

const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('incremental analysis', () => {
  const estates: [string, Estate][] = [
    ['edits test estate', editsTestEstate()],
    ...Object.entries(SAMPLES).map(([file, yaml]): [string, Estate] => [file.split('/').at(-1) as string, estateFromYaml(yaml, file)]),
  ];

  it('gives what analyze() gives on an estate it has not seen before', () => {
    for (const [, estate] of estates) expect(plain(analyzeTracked(estate).analysis)).toEqual(plain(analyze(estate)));
  });

  it.each(estates)('gives what analyze() gives after each of a run of random edits of %s', (_, start) => {
    const next = random(start.name.length * 7919 + 17);
    let tracked = analyzeTracked(start);
    forEachRandomEdit(start, next, 12, (estate, steps) => {
      tracked = reanalyze(tracked, estate);
      // Every step of the run, so that the failing one is named with the steps that led to it.
      expect(plain(tracked.analysis), steps.join(' → ')).toEqual(plain(analyze(estate)));
    });
  });

  it('re-runs only the parts an edit can change, and nothing when the estate is the same', () => {
    const estate = editsTestEstate();
    const tracked = analyzeTracked(estate);
    expect(reanalyze(tracked, estate)).toBe(tracked);
    const registry = estate.containerRegistries[0];
    if (!registry) throw new Error('the edits test estate has a registry');
    const edited = reanalyze(tracked, setRegistryAccess(estate, { registry: registry.id, adminUserEnabled: !registry.adminUserEnabled }));
    expect(edited.rerun.rules).toBeGreaterThan(0);
    expect(edited.rerun.rules).toBeLessThan(tracked.rerun.rules);
  });
});
