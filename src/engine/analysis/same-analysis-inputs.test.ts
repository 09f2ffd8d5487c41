import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { sameAnalysisInputs } from './same-analysis-inputs';
import { estateFromYaml, baseEstateYaml } from '../testing/estates';

describe('sameAnalysisInputs', () => {
  const estate = estateFromYaml(baseEstateYaml());

  it('holds when only the review differs, and the analyses really are equal', () => {
    const reviewed = { ...estate, review: { entries: [{ finding: 'x', status: 'fixed' as const }] } };
    expect(sameAnalysisInputs(estate, reviewed)).toBe(true);
    expect(JSON.stringify(analyze(reviewed))).toBe(JSON.stringify(analyze(estate)));
  });

  it('fails when any analysed collection is a different object, even with equal content', () => {
    expect(sameAnalysisInputs(estate, { ...estate, roleAssignments: [...estate.roleAssignments] })).toBe(false);
    expect(sameAnalysisInputs(estate, { ...estate, computes: estate.computes.slice(1) })).toBe(false);
  });

  it('fails when a scalar the rules may read changes', () => {
    expect(sameAnalysisInputs(estate, { ...estate, assignmentsOrigin: estate.assignmentsOrigin === 'planned' ? 'observed' : 'planned' })).toBe(false);
  });
});
