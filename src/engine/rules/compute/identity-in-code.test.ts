import { describe, expect, it } from 'vitest';
import { expectFinding, expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn, uaisWithClientIds } from '../../testing/estates';
import { identityInCode } from './identity-in-code';

const uais = uaisWithClientIds({ 'uai-a': 'aaaaaaaa-0000-0000-0000-00000000000a', 'uai-b': 'bbbbbbbb-0000-0000-0000-00000000000b' });
const cluster = (identity: string) => `computes:
  - name: cpu-cluster
    workspace: ws-ml
    type: amlcompute
${identity}`;
const job = (identity: string) => `jobs:
  - name: train
    workspace: ws-ml
    type: command
    compute: cpu-cluster
    identity:
      type: ${identity}
`;

describe('AML-CMP-002 identity seen by job code', () => {
  it('explains which identity is the default on a cluster with several user-assigned identities', () => {
    const yaml = baseEstateYaml({ extra: uais + cluster('    identity:\n      type: user_assigned\n      user_assigned_identities: [uai-a, uai-b]\n') });
    const findings = runRuleOn(identityInCode, estateFromYaml(yaml));
    const finding = expectOnlyFinding(findings, { severity: 'info' });
    expect(finding?.subjects[0]).toMatch(/computes\/cpu-cluster$/);
    expectFinding(finding, {
      message: [
        'uai-a is the default',
        'DEFAULT_IDENTITY_CLIENT_ID holds aaaaaaaa-0000-0000-0000-00000000000a',
        'uai-b',
      ],
    });
  });

  it('says nothing about a cluster with a single user-assigned identity', () => {
    const yaml = baseEstateYaml({ extra: uais + cluster('    identity:\n      type: user_assigned\n      user_assigned_identities: [uai-a]\n') });
    expect(runRuleOn(identityInCode, estateFromYaml(yaml))).toEqual([]);
  });

  it('warns when a job asks for the managed identity of a cluster that has none', () => {
    const findings = runRuleOn(identityInCode, estateFromYaml(baseEstateYaml({ extra: cluster('') + job('managed') })));
    const finding = expectOnlyFinding(findings, { severity: 'warning' });
    expect(finding?.subjects.map((s) => s.split('/').pop())).toEqual(['train', 'cpu-cluster']);
    expect(finding?.message).toContain('DEFAULT_IDENTITY_CLIENT_ID is not set');
    expect(finding?.fix?.az[0]).toBe('az ml compute update --name cpu-cluster --workspace-name ws-ml --resource-group rg-ml --identity-type system_assigned');
  });

  it('stays quiet when the same job runs as the user', () => {
    expect(runRuleOn(identityInCode, estateFromYaml(baseEstateYaml({ extra: cluster('') + job('user_identity') })))).toEqual([]);
  });

  it('leaves a job whose datastore access fails for the same reason to AML-JOB-006', () => {
    const data = `datastores:\n  - name: rawdata\n    workspace: ws-ml\n    type: azure_blob\n    account_name: stml\n    container_name: raw\n`;
    const withInput = job('managed') + '    inputs:\n      training: { path: azureml://datastores/rawdata/paths/train/ }\n';
    expect(runRuleOn(identityInCode, estateFromYaml(baseEstateYaml({ extra: cluster('') + data + withInput })))).toEqual([]);
  });
});
