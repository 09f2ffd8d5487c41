import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { multipleUais } from './multiple-uais';

const uais = `user_assigned_identities:
  - { name: uai-a, resource_group: rg-ml }
  - { name: uai-b, resource_group: rg-ml }
`;

function workspace(list: string): string {
  return `    identity:
      type: user_assigned
      user_assigned_identities: [${list}]
    primary_user_assigned_identity: uai-a`;
}

describe('AML-WS-010 several user-assigned identities', () => {
  it('notes a workspace with two user-assigned identities', () => {
    const estate = estateFromYaml(baseEstateYaml({ workspace: workspace('uai-a, uai-b'), extra: uais }));
    const findings = runRuleOn(multipleUais, estate);
    expectOnlyFinding(findings, {
      severity: 'info',
      subjects: [estate.workspaces[0]?.id],
      message: ['2 user-assigned identities (uai-a and uai-b)', 'not studio'],
    });
  });

  it('stays quiet with a single user-assigned identity', () => {
    expect(runRuleOn(multipleUais, estateFromYaml(baseEstateYaml({ workspace: workspace('uai-a'), extra: uais })))).toEqual([]);
  });
});
