import { describe, expect, it } from 'vitest';
import { expectFinding, expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn, uaisWithClientIds } from '../../testing/estates';
import { serverlessManagedIdentity } from './serverless-managed-identity';

const workspace = `    identity:
      type: system_assigned,user_assigned
      user_assigned_identities: [uai-ws]`;
const uais = uaisWithClientIds({ 'uai-ws': 'aaaaaaaa-0000-0000-0000-00000000000a', 'uai-other': 'bbbbbbbb-0000-0000-0000-00000000000b' });
const job = (identity: string) => `jobs:
  - name: train
    workspace: ws-ml
    type: command
    compute: serverless
    identity: ${identity}
`;

describe('AML-CMP-006 serverless job managed identity', () => {
  it('reports a serverless job naming an identity the workspace does not carry', () => {
    const yaml = baseEstateYaml({ workspace, extra: uais + job('{ type: managed, client_id: bbbbbbbb-0000-0000-0000-00000000000b }') });
    const findings = runRuleOn(serverlessManagedIdentity, estateFromYaml(yaml));
    const finding = expectOnlyFinding(findings, { severity: 'error' });
    expect(finding?.subjects.map((s) => s.split('/').pop())).toEqual(['train', 'uai-other']);
    expectFinding(finding, { message: ['uai-other', 'uai-ws'] });
  });

  it('warns of a serverless job asking for a managed identity without naming one (what it then runs as is unconfirmed, R34)', () => {
    const findings = runRuleOn(serverlessManagedIdentity, estateFromYaml(baseEstateYaml({ workspace, extra: uais + job('{ type: managed }') })));
    expectOnlyFinding(findings, { severity: 'warning', message: ['no system identity'] });
  });

  it('stays quiet when the job names the workspace user-assigned identity', () => {
    const yaml = baseEstateYaml({ workspace, extra: uais + job('{ type: managed, client_id: aaaaaaaa-0000-0000-0000-00000000000a }') });
    expect(runRuleOn(serverlessManagedIdentity, estateFromYaml(yaml))).toEqual([]);
  });

  it('leaves a job whose datastore access fails for the same reason to AML-JOB-006', () => {
    const data = `datastores:\n  - name: rawdata\n    workspace: ws-ml\n    type: azure_blob\n    account_name: stml\n    container_name: raw\n`;
    const withInput = job('{ type: managed, client_id: bbbbbbbb-0000-0000-0000-00000000000b }') + '    inputs:\n      training: { path: azureml://datastores/rawdata/paths/train/ }\n';
    expect(runRuleOn(serverlessManagedIdentity, estateFromYaml(baseEstateYaml({ workspace, extra: uais + data + withInput })))).toEqual([]);
  });
});
