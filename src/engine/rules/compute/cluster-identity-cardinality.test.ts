import { describe, expect, it } from 'vitest';
import { expectFinding, expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { clusterIdentityCardinality } from './cluster-identity-cardinality';

const uais = `user_assigned_identities:
  - name: uai-a
    resource_group: rg-ml
  - name: uai-b
    resource_group: rg-ml
`;
const compute = (type: string, identityType: string, list: string) => `computes:
  - name: c1
    workspace: ws-ml
    type: ${type}
    identity:
      type: ${identityType}
${list ? `      user_assigned_identities: ${list}\n` : ''}`;

describe('AML-CMP-001 compute identity cardinality', () => {
  it('reports a cluster that asks for both a system and user-assigned identities', () => {
    const findings = runRuleOn(clusterIdentityCardinality, estateFromYaml(baseEstateYaml({ extra: uais + compute('amlcompute', 'system_assigned,user_assigned', '[uai-a]') })));
    const finding = expectOnlyFinding(findings, { severity: 'error' });
    expect(finding?.subjects).toHaveLength(1);
    expect(finding?.subjects[0]).toMatch(/computes\/c1$/);
    expectFinding(finding, { message: ['c1', 'system-assigned'] });
  });

  it('accepts a cluster with several user-assigned identities only', () => {
    expect(runRuleOn(clusterIdentityCardinality, estateFromYaml(baseEstateYaml({ extra: uais + compute('amlcompute', 'user_assigned', '[uai-a, uai-b]') })))).toEqual([]);
  });

  it('reports Kubernetes compute with two user-assigned identities', () => {
    const findings = runRuleOn(clusterIdentityCardinality, estateFromYaml(baseEstateYaml({ extra: uais + compute('kubernetes', 'user_assigned', '[uai-a, uai-b]') })));
    expectOnlyFinding(findings, { message: ['has 2 identities'] });
  });

  it('accepts Kubernetes compute with a single user-assigned identity', () => {
    expect(runRuleOn(clusterIdentityCardinality, estateFromYaml(baseEstateYaml({ extra: uais + compute('kubernetes', 'user_assigned', '[uai-a]') })))).toEqual([]);
  });
});
