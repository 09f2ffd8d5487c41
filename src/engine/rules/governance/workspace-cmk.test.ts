import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { workspaceCustomerManagedKey } from './workspace-cmk';

describe('AML-GOV-005 workspace customer-managed key', () => {
  it('fires for a workspace encrypted with Microsoft-managed keys', () => {
    const estate = estateFromYaml(baseEstateYaml());
    const findings = runRuleOn(workspaceCustomerManagedKey, estate);
    expectOnlyFinding(findings, {
      severity: 'warning',
      subjects: [estate.workspaces[0]?.id],
      message: ['ba769a63-b8cc-4b2d-abf6-ac33c7204be8'],
      bicep: ["status: 'Enabled'"],
    });
  });

  it('stays quiet for a workspace with a customer-managed key', () => {
    const workspace = '    identity:\n      type: system_assigned\n    customer_managed_key:\n      key_vault: kv-ml\n      key_uri: https://kv-ml.vault.azure.net/keys/cmk/1';
    expect(runRuleOn(workspaceCustomerManagedKey, estateFromYaml(baseEstateYaml({ workspace })))).toEqual([]);
  });
});
