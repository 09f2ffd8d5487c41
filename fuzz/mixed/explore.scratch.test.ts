import fc from 'fast-check';
import { it } from 'vitest';
import { writeFileSync, mkdirSync } from 'node:fs';
import { mixedCaseArb } from './arbitraries';
import { classify } from './known-failures';
import { checkMixedCase } from './pipeline';
import { minimiseSet, violationShape } from './minimise';

it('explore', () => {
  const runs = Number(process.env.FUZZ_RUNS ?? 300);
  const groups = new Map<string, { count: number; example: string; min?: unknown }>();
  const knownCount: Record<string, number> = {};
  let conflicts = 0;
  mkdirSync('/tmp/mf-min', { recursive: true });
  for (const c of fc.sample(mixedCaseArb, { numRuns: runs, seed: Number(process.env.FUZZ_SEED ?? 1) })) {
    const o = checkMixedCase(c.files, c.reordered);
    if (o.conflictOnly) conflicts++;
    for (const v of o.violations) {
      const { explainedBy } = classify(c.files, [v]);
      const key = (explainedBy[0] ?? 'UNEXPLAINED') + ' ' + violationShape(v);
      const g = groups.get(key);
      if (g) { g.count++; continue; }
      const entry = { count: 1, example: v.detail, min: undefined as unknown };
      groups.set(key, entry);
      if (!explainedBy.length || process.env.MIN_ALL) {
        const m = minimiseSet(c.files, c.reordered, v);
        entry.min = m;
        writeFileSync(`/tmp/mf-min/${groups.size}.json`, JSON.stringify({ key, ...m }, null, 1));
      }
      if (explainedBy[0]) knownCount[explainedBy[0]] = (knownCount[explainedBy[0]] ?? 0) + 1;
    }
  }
  console.log(`runs ${runs} conflicts ${conflicts}`);
  let i = 0;
  for (const [k, g] of groups) { i++; console.log(i, g.count, k.slice(0, 200)); }
}, 900_000);
