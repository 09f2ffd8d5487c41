import { describe, expect, it } from 'vitest';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { workspacePublicAccess } from './workspace-public-access';

describe('AML-GOV-003 workspace public network access', () => {
  it('fires for a workspace open to public networks, with the az fix', () => {
    const estate = estateFromYaml(baseEstateYaml({ workspace: '    identity:\n      type: system_assigned\n    public_network_access: enabled' }));
    const findings = runRuleOn(workspacePublicAccess, estate);
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding?.severity).toBe('warning');
    expect(finding?.subjects).toEqual([estate.workspaces[0]?.id]);
    expect(finding?.message).toContain('438c38d2-3772-465a-a9cc-7a6666a275ce');
    expect(finding?.message).toContain('Azure.ML.PublicAccess');
    expect(finding?.fix?.az).toEqual(['az ml workspace update --name ws-ml --resource-group rg-ml --public-network-access Disabled']);
    expect(finding?.fix?.terraform).toContain('public_network_access_enabled = false');
  });

  it('stays quiet when public network access is disabled', () => {
    const estate = estateFromYaml(baseEstateYaml({ workspace: '    identity:\n      type: system_assigned\n    public_network_access: disabled' }));
    expect(runRuleOn(workspacePublicAccess, estate)).toEqual([]);
  });
});
