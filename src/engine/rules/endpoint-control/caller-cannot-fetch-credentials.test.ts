import { describe, expect, it } from 'vitest';
import { assignRole, expectOnlyFinding } from '../../testing/findings';
import type { Estate } from '../../model/types';
import { runRuleOn } from '../../testing/estates';
import { endpointEstate, IDS } from '../../testing/endpoints';
import { callerCannotFetchCredentials } from './caller-cannot-fetch-credentials';

// The native reader does not read `callers:` yet, so the tests set the model field directly.
function withCaller(estate: Estate): Estate {
  const endpoint = estate.onlineEndpoints[0];
  if (endpoint) endpoint.callers = [IDS.carol];
  return estate;
}

describe('AML-EPC-003 caller cannot fetch a key or token', () => {
  it('notes a key caller who may not list keys', () => {
    const findings = runRuleOn(callerCannotFetchCredentials, withCaller(endpointEstate()));
    expectOnlyFinding(findings, {
      subjects: [IDS.carol, IDS.endpoint],
      severity: 'info',
      message: ['carol@contoso.com', 'a key'],
      fixActions: [assignRole(IDS.carol, 'f6c7c914-8db3-469d-8ca1-694a8f32e121', IDS.endpoint)],
    });
  });

  it('speaks of tokens for an aml_token endpoint', () => {
    const findings = runRuleOn(
      callerCannotFetchCredentials,
      withCaller(endpointEstate({ endpoint: '    auth_mode: aml_token\n' })),
    );
    expect(findings[0]?.message).toContain('Azure ML token');
  });

  it('stays quiet when the caller may fetch the key itself', () => {
    const estate = withCaller(
      endpointEstate({
        roles: ['{ principal: carol@contoso.com, role: AzureML Data Scientist, scope: ep }'],
      }),
    );
    expect(runRuleOn(callerCannotFetchCredentials, estate)).toEqual([]);
  });

  it('stays quiet for an aad_token endpoint, where no key is involved', () => {
    expect(
      runRuleOn(
        callerCannotFetchCredentials,
        withCaller(endpointEstate({ endpoint: '    auth_mode: aad_token\n' })),
      ),
    ).toEqual([]);
  });
});
