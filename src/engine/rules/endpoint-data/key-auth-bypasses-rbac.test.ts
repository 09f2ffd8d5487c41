import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { runRuleOn } from '../../testing/estates';
import { endpointEstate, IDS } from '../../testing/endpoints';
import { keyAuthBypassesRbac } from './key-auth-bypasses-rbac';

describe('AML-EPD-003 calls not checked by RBAC', () => {
  it('notes a key endpoint (the default) and suggests Entra tokens', () => {
    const findings = runRuleOn(keyAuthBypassesRbac, endpointEstate());
    expectOnlyFinding(findings, {
      subjects: [IDS.endpoint],
      severity: 'info',
      message: ['Endpoint ep uses keys'],
      fixSummary: ['aad_token'],
    });
  });

  it('notes an aml_token endpoint', () => {
    expect(
      runRuleOn(keyAuthBypassesRbac, endpointEstate({ endpoint: '    auth_mode: aml_token\n' }))[0]?.message,
    ).toContain('Azure ML tokens');
  });

  it('stays quiet for an aad_token endpoint', () => {
    expect(
      runRuleOn(keyAuthBypassesRbac, endpointEstate({ endpoint: '    auth_mode: aad_token\n' })),
    ).toEqual([]);
  });
});
