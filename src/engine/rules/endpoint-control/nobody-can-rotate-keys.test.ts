import { describe, expect, it } from 'vitest';
import { runRuleOn } from '../../testing/estates';
import { endpointEstate, IDS } from '../../testing/endpoints';
import { nobodyCanRotateKeys } from './nobody-can-rotate-keys';

describe('AML-EPC-004 nobody can regenerate endpoint keys', () => {
  it('notes a key endpoint whose linked principals may not regenerate keys', () => {
    const findings = runRuleOn(
      nobodyCanRotateKeys,
      endpointEstate({ roles: ['{ principal: bob@contoso.com, role: Reader, scope: ws-ml }'] }),
    );
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding?.subjects).toEqual([IDS.endpoint]);
    expect(finding?.severity).toBe('info');
    expect(finding?.message).toContain('alice@contoso.com and bob@contoso.com');
    expect(finding?.fix?.actions).toEqual([
      {
        kind: 'assign-role',
        principal: IDS.alice,
        role: 'f6c7c914-8db3-469d-8ca1-694a8f32e121',
        scope: IDS.endpoint,
      },
    ]);
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
