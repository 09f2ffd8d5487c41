import { describe, expect, it } from 'vitest';
import { assignRole, expectOnlyFinding } from '../../testing/findings';
import type { Estate } from '../../model/types';
import { runRuleOn } from '../../testing/estates';
import { endpointEstate, IDS } from '../../testing/endpoints';
import { callerCannotScore } from './caller-cannot-score';

// The native reader does not read `callers:` yet, so the tests set the model field directly.
function withCaller(estate: Estate): Estate {
  const endpoint = estate.onlineEndpoints[0];
  if (endpoint) endpoint.callers = [IDS.carol];
  return estate;
}

describe('AML-EPD-002 declared caller may not score', () => {
  it('fires for a caller of an aad_token endpoint without the score action, fixing at the endpoint scope', () => {
    const estate = withCaller(
      endpointEstate({
        endpoint: '    auth_mode: aad_token\n',
        roles: ['{ principal: bob@contoso.com, role: Reader, scope: rg-ml }'],
      }),
    );
    const findings = runRuleOn(callerCannotScore, estate);
    const finding = expectOnlyFinding(findings, {
      subjects: [IDS.carol, IDS.endpoint],
      severity: 'error',
      message: ['carol@contoso.com', 'score'],
      fixActions: [assignRole(IDS.carol, 'f6c7c914-8db3-469d-8ca1-694a8f32e121', IDS.endpoint)],
    });
    expect(finding?.fix?.az.join('\n')).toContain('/onlineEndpoints/ep');
  });

  it('stays quiet once the caller holds AzureML Data Scientist on the endpoint', () => {
    const estate = withCaller(
      endpointEstate({
        endpoint: '    auth_mode: aad_token\n',
        roles: ['{ principal: carol@contoso.com, role: AzureML Data Scientist, scope: ep }'],
      }),
    );
    expect(runRuleOn(callerCannotScore, estate)).toEqual([]);
  });

  it('reports a caller once when two grants each give it its access, here both blocked by a deny', () => {
    const deny = `deny_assignments:
  - name: no-scoring
    scope: ep
    principals: [carol@contoso.com]
    actions: ['Microsoft.MachineLearningServices/workspaces/onlineEndpoints/score/action']
`;
    const estate = withCaller(
      endpointEstate({
        endpoint: '    auth_mode: aad_token\n',
        extra: deny,
        roles: [
          '{ principal: carol@contoso.com, role: AzureML Data Scientist, scope: ep }',
          '{ principal: carol@contoso.com, role: Contributor, scope: rg-ml }',
        ],
      }),
    );
    expectOnlyFinding(runRuleOn(callerCannotScore, estate), { subjects: [IDS.carol, IDS.endpoint], severity: 'error', message: ['carol@contoso.com'] });
  });

  it('stays quiet for a key endpoint, whose calls RBAC does not check', () => {
    expect(runRuleOn(callerCannotScore, withCaller(endpointEstate()))).toEqual([]);
  });

  it('stays quiet when no caller is declared', () => {
    expect(runRuleOn(callerCannotScore, endpointEstate({ endpoint: '    auth_mode: aad_token\n' }))).toEqual(
      [],
    );
  });
});
