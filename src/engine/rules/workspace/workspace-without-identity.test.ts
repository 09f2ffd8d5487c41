import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { workspaceWithoutIdentity } from './workspace-without-identity';

describe('AML-WS-001 workspace without identity', () => {
  it('fires for a workspace whose identity type is none', () => {
    const estate = estateFromYaml(baseEstateYaml({ workspace: '    identity:\n      type: none' }));
    const findings = runRuleOn(workspaceWithoutIdentity, estate);
    const finding = expectOnlyFinding(findings, {
      severity: 'warning',
      subjects: [estate.workspaces[0]?.id],
      message: ['ws-ml', 'identity type none'],
    });
    expect(finding?.fix?.az.join('\n')).toContain('az ml workspace update --name ws-ml --resource-group rg-ml --file workspace.yml');
    expect(finding?.fix?.bicep).toContain("type: 'SystemAssigned'");
    expect(finding?.pathIds.length).toBeGreaterThan(0);
  });

  it('stays quiet for a workspace with its system-assigned identity', () => {
    expect(runRuleOn(workspaceWithoutIdentity, estateFromYaml(baseEstateYaml()))).toEqual([]);
  });
});
