import { describe, expect, it } from 'vitest';
import { assignRole, expectOnlyFinding } from '../../testing/findings';
import { runRuleOn } from '../../testing/estates';
import { endpointEstate, IDS } from '../../testing/endpoints';
import { creatorCannotUseStudio } from './creator-cannot-use-studio';

describe('AML-EPC-002 creator cannot work from studio', () => {
  it('fires once per creator and endpoint when ARM deployments are not allowed on the group', () => {
    const findings = runRuleOn(
      creatorCannotUseStudio,
      endpointEstate({
        roles: ['{ principal: alice@contoso.com, role: AzureML Data Scientist, scope: ws-ml }'],
      }),
    );
    expectOnlyFinding(findings, {
      subjects: [IDS.alice, IDS.endpoint],
      severity: 'warning',
      message: ['resource group rg-ml'],
      fixActions: [assignRole(IDS.alice, '3afb7f49-54cb-416e-8c09-6dc049efa503', IDS.rg)],
    });
  });

  it('stays quiet when the creator is Contributor on the resource group', () => {
    const estate = endpointEstate({
      roles: ['{ principal: alice@contoso.com, role: Contributor, scope: rg-ml }'],
    });
    expect(runRuleOn(creatorCannotUseStudio, estate)).toEqual([]);
  });
});
