import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { runRuleOn } from '../../testing/estates';
import { endpointIdentityChange } from './identity-change';
import { endpointEstate, IDS, UAI_IDENTITY } from '../../testing/endpoints';

describe('AML-EPI-001 planned endpoint identity change', () => {
  it('fires when the planned update swaps the system identity for a user-assigned one', () => {
    const estate = endpointEstate({
      endpoint:
        '    planned_update:\n      identity: { type: user_assigned, user_assigned_identities: [uai-ep] }\n',
    });
    const findings = runRuleOn(endpointIdentityChange, estate);
    expectOnlyFinding(findings, {
      subjects: [IDS.endpoint],
      severity: 'error',
      message: ['from system_assigned to user_assigned (uai-ep)'],
    });
    expect(findings[0]?.fix?.actions[0]?.kind).toBe('manual');
  });

  it('fires when the planned update goes back to the system identity', () => {
    const estate = endpointEstate({
      endpoint: `${UAI_IDENTITY}    planned_update:\n      identity: { type: system_assigned }\n`,
    });
    expect(runRuleOn(endpointIdentityChange, estate)[0]?.message).toContain('to system_assigned');
  });

  it('stays quiet when the planned identity is the current one', () => {
    const estate = endpointEstate({
      endpoint: `${UAI_IDENTITY}    planned_update:\n      identity: { type: user_assigned, user_assigned_identities: [uai-ep] }\n`,
    });
    expect(runRuleOn(endpointIdentityChange, estate)).toEqual([]);
  });
});
