import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { sharedDependencyIsolation } from './shared-dependency-isolation';

const PREFIX = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-ml/providers/';

function twoWorkspaces(isolation: string): string {
  return `    identity:
      type: system_assigned${isolation}
  - name: ws-two
    resource_group: rg-ml
    storage_account: stml
    identity:
      type: system_assigned${isolation}`;
}

describe('AML-WS-009 shared dependency without data isolation', () => {
  it('fires when two ordinary workspaces share a storage account with isolation at its default (off)', () => {
    const estate = estateFromYaml(baseEstateYaml({ workspace: twoWorkspaces('') }));
    const findings = runRuleOn(sharedDependencyIsolation, estate);
    expectOnlyFinding(findings, {
      severity: 'warning',
      subjects: [
        `${PREFIX}Microsoft.Storage/storageAccounts/stml`,
        `${PREFIX}Microsoft.MachineLearningServices/workspaces/ws-ml`,
        `${PREFIX}Microsoft.MachineLearningServices/workspaces/ws-two`,
      ],
      message: [
        'Storage account stml is shared by ws-ml and ws-two',
        'data isolation is off for ws-ml and ws-two',
      ],
    });
  });

  it('stays quiet when both workspaces isolate their data', () => {
    const estate = estateFromYaml(baseEstateYaml({ workspace: twoWorkspaces('\n    enable_data_isolation: true') }));
    expect(runRuleOn(sharedDependencyIsolation, estate)).toEqual([]);
  });

  it('stays quiet for a single workspace', () => {
    expect(runRuleOn(sharedDependencyIsolation, estateFromYaml(baseEstateYaml()))).toEqual([]);
  });
});
