import { describe, expect, it } from 'vitest';
import { expectFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { workspaceResourceGroupRole } from './workspace-rg-role';

const RG = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-ml';

describe('AML-WS-002 workspace system identity role on its resource group', () => {
  it('stays quiet in a planned estate, where Azure ML makes the grant itself', () => {
    expect(runRuleOn(workspaceResourceGroupRole, estateFromYaml(baseEstateYaml()))).toEqual([]);
  });

  it('fires in an observed estate where the export lacks the grant, saying Azure normally makes it', () => {
    const estate = estateFromYaml(baseEstateYaml({ assignments: 'observed' }));
    const findings = runRuleOn(workspaceResourceGroupRole, estate);
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    const workspace = estate.workspaces[0];
    expectFinding(finding, {
      severity: 'warning',
      subjects: [`${workspace?.id}#system-identity`, workspace?.resourceGroup, workspace?.id],
      message: [
        'ws-ml',
        'may not manage workspaces or storage accounts in resource group rg-ml',
        'normally grants it Azure AI Administrator',
      ],
    });
    const az = finding?.fix?.az.join('\n') ?? '';
    expect(az).toContain('az ml workspace update --name ws-ml --resource-group rg-ml --allow-roleassignment-on-rg true');
    expect(az).toContain('--role b78c5d69-af96-48a3-bf8d-a8b4d589de94');
    expect(az).toContain(`--scope ${RG}`);
    expect(finding?.fix?.actions).toContainEqual({
      kind: 'assign-role',
      principal: `${workspace?.id}#system-identity`,
      role: 'b78c5d69-af96-48a3-bf8d-a8b4d589de94',
      scope: RG,
    });
  });

  it('names Contributor as the usual grant for a workspace created before the cut-over', () => {
    const estate = estateFromYaml(baseEstateYaml({ assignments: 'observed', workspace: '    identity:\n      type: system_assigned\n    created_on: 2023-05-01' }));
    expect(runRuleOn(workspaceResourceGroupRole, estate)[0]?.message).toContain('normally grants it Contributor');
  });

  it('stays quiet in an observed estate that shows the grant', () => {
    const estate = estateFromYaml(
      baseEstateYaml({ assignments: 'observed', extra: 'role_assignments:\n  - { principal: "system:ws-ml", role: Azure AI Administrator, scope: rg-ml }\n' }),
    );
    expect(runRuleOn(workspaceResourceGroupRole, estate)).toEqual([]);
  });

  it('accepts Contributor on the subscription, which the group inherits', () => {
    const estate = estateFromYaml(baseEstateYaml({ assignments: 'observed', extra: 'role_assignments:\n  - { principal: "system:ws-ml", role: Contributor, scope: sub-ml }\n' }));
    expect(runRuleOn(workspaceResourceGroupRole, estate)).toEqual([]);
  });
});
