import { describe, expect, it } from 'vitest';
import { assignRole, expectOnlyFinding } from '../../testing/findings';
import { runRuleOn } from '../../testing/estates';
import { endpointEstate, IDS } from '../../testing/endpoints';
import { nobodyCanRotateKeys } from './nobody-can-rotate-keys';

describe('AML-EPC-004 nobody can regenerate endpoint keys', () => {
  it('notes a key endpoint whose linked principals may not regenerate keys', () => {
    const findings = runRuleOn(
      nobodyCanRotateKeys,
      endpointEstate({ roles: ['{ principal: bob@contoso.com, role: Reader, scope: ws-ml }'] }),
    );
    expectOnlyFinding(findings, {
      subjects: [IDS.endpoint],
      severity: 'info',
      message: ['alice@contoso.com and bob@contoso.com'],
      fixActions: [assignRole(IDS.alice, 'f6c7c914-8db3-469d-8ca1-694a8f32e121', IDS.endpoint)],
    });
  });

  it('names a principal once when two grants each give it its access (Reader on the group and the workspace)', () => {
    const findings = runRuleOn(
      nobodyCanRotateKeys,
      endpointEstate({
        roles: ['{ principal: bob@contoso.com, role: Reader, scope: ws-ml }', '{ principal: bob@contoso.com, role: Reader, scope: rg-ml }'],
      }),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toContain('(alice@contoso.com and bob@contoso.com)');
  });

  it('stays quiet when one of them may', () => {
    const estate = endpointEstate({
      roles: ['{ principal: bob@contoso.com, role: Contributor, scope: ws-ml }'],
    });
    expect(runRuleOn(nobodyCanRotateKeys, estate)).toEqual([]);
  });

  it('stays quiet for a token endpoint, which has no keys to rotate', () => {
    expect(
      runRuleOn(nobodyCanRotateKeys, endpointEstate({ endpoint: '    auth_mode: aml_token\n' })),
    ).toEqual([]);
  });
});
