import { describe, expect, it } from 'vitest';
import starter from '../../../public/samples/starter.yaml?raw';
import { readInputs } from '../io/inputs';
import { comparePlan, isPlanMatched } from './plan';

function estate(text: string) {
  const result = readInputs([{ file: 'estate.yaml', text }]);
  if (!result.estate) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result.estate;
}

const LEADS = '  - principal: ml-leads\n    role: Contributor\n    scope: rg-ml-prod\n';

describe('comparePlan', () => {
  it('finds nothing when reality is the plan', () => {
    const comparison = comparePlan(estate(starter), estate(starter));
    expect(isPlanMatched(comparison)).toBe(true);
  });

  it('reports a declared grant that does not exist, with both fixes', () => {
    expect(starter).toContain(LEADS);
    const comparison = comparePlan(estate(starter), estate(starter.replace(LEADS, '')));
    expect(comparison.declaredMissing).toEqual([
      expect.objectContaining({
        roleName: 'Contributor',
        principalName: 'ml-leads',
        scopeName: 'rg-ml-prod',
        fix: { reality: expect.stringMatching(/^az role assignment create --assignee.* --role "Contributor" --scope \/subscriptions\/.*\/resourceGroups\/rg-ml-prod$/), plan: 'Remove Contributor for ml-leads on rg-ml-prod from the plan.' },
      }),
    ]);
    expect(comparison.undeclared).toEqual([]);
  });

  it('reports a grant on what the plan declares that the plan does not declare, and the way back', () => {
    const comparison = comparePlan(estate(starter.replace(LEADS, '')), estate(starter));
    expect(comparison.undeclared.map((g) => `${g.roleName} ${g.principalName} ${g.scopeName}`)).toEqual(['Contributor ml-leads rg-ml-prod']);
    expect(comparison.undeclared[0]?.fix.reality).toMatch(/^az role assignment delete /);
    expect(comparison.undeclared[0]?.fix.plan).toBe('Declare Contributor for ml-leads on rg-ml-prod in the plan.');
  });
});
