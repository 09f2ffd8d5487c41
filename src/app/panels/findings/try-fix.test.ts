import { describe, expect, it } from 'vitest';
import { createAnalysisContext } from '../../../engine';
import { starterEstate } from '../../testing/estates';
import { analysed } from '../../testing/tours';
import { combinedFix, describeFixGrant, fixGrantsOfFindings } from './try-fix';

describe('try-fix', () => {
  const estate = starterEstate();
  const analysis = analysed(estate);
  const context = createAnalysisContext(estate);
  const pull = analysis.findings.find((f) => f.ruleId === 'AML-ACR-004');

  it('names a grant with the estate’s names, not ids', () => {
    expect(pull).toBeDefined();
    const [grant] = fixGrantsOfFindings([pull!]);
    expect(grant).toBeDefined();
    expect(describeFixGrant(grant!, context)).toMatch(/^Grant AcrPull to \S+ on acrchurnprod$/);
  });

  it('combines fixes with each az command and block once', () => {
    const fixable = analysis.findings.filter((f) => f.fix);
    const fix = combinedFix([...fixable, ...fixable]);
    expect(fix?.az).toEqual([...new Set(fixable.flatMap((f) => f.fix!.az))]);
    expect(fix?.summary).toBe(`The fixes of ${fixable.length * 2} findings.`);
    expect(combinedFix(analysis.findings.filter((f) => !f.fix))).toBeUndefined();
  });
});
