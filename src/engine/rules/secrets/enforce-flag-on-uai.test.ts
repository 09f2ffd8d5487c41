import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { runRuleOn } from '../../testing/estates';
import { ENFORCE_FLAG, endpointEstate, IDS, UAI_IDENTITY } from '../../testing/endpoints';
import { enforceFlagOnUai } from './enforce-flag-on-uai';

describe('AML-SEC-003 enforce flag on a user-assigned endpoint', () => {
  it('warns when a user-assigned endpoint sets the flag', () => {
    const findings = runRuleOn(enforceFlagOnUai, endpointEstate({ endpoint: UAI_IDENTITY + ENFORCE_FLAG }));
    expectOnlyFinding(findings, {
      subjects: [IDS.endpoint],
      severity: 'warning',
      message: ['enforce_access_to_default_secret_stores'],
    });
  });

  it('stays quiet for a system-identity endpoint with the flag', () => {
    expect(runRuleOn(enforceFlagOnUai, endpointEstate({ endpoint: ENFORCE_FLAG }))).toEqual([]);
  });

  it('stays quiet for a user-assigned endpoint without it', () => {
    expect(runRuleOn(enforceFlagOnUai, endpointEstate({ endpoint: UAI_IDENTITY }))).toEqual([]);
  });
});
