import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { managedNetworkWorkspace } from '../../testing/workspaces';
import { approvedOutboundOnly } from './approved-outbound';

describe('AML-GOV-006 approved-outbound managed network', () => {
  it('fires for internet outbound, with the az fix', () => {
    const estate = estateFromYaml(baseEstateYaml({ workspace: managedNetworkWorkspace('allow_internet_outbound') }));
    const findings = runRuleOn(approvedOutboundOnly, estate);
    expectOnlyFinding(findings, {
      severity: 'warning',
      subjects: [estate.workspaces[0]?.id],
      message: ['allow_internet_outbound', '6ddb1705-c8cf-450e-aa4b-19ad6703c440'],
      az: ['az ml workspace update --name ws-ml --resource-group rg-ml --managed-network allow_only_approved_outbound'],
      terraform: ['isolation_mode = "AllowOnlyApprovedOutbound"'],
    });
  });

  it('stays quiet for allow_only_approved_outbound', () => {
    expect(runRuleOn(approvedOutboundOnly, estateFromYaml(baseEstateYaml({ workspace: managedNetworkWorkspace('allow_only_approved_outbound') })))).toEqual([]);
  });
});
