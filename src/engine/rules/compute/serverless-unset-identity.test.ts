import { describe, expect, it } from 'vitest';
import { expectFinding, expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { serverlessUnsetIdentity } from './serverless-unset-identity';

const data = (credentials: string) => `datastores:
  - name: rawdata
    workspace: ws-ml
    type: azure_blob
    account_name: stml
    container_name: raw
${credentials}`;
const job = (identity: string) => `jobs:
  - name: train
    workspace: ws-ml
    type: command
    compute: serverless
${identity}    inputs:
      training: { path: azureml://datastores/rawdata/paths/train/, mode: ro_mount }
`;

describe('AML-CMP-007 serverless job without identity', () => {
  it('warns (unconfirmed) when a serverless job without identity reads a credential-less datastore', () => {
    const findings = runRuleOn(serverlessUnsetIdentity, estateFromYaml(baseEstateYaml({ extra: data('') + job('') })));
    const finding = expectOnlyFinding(findings, { severity: 'warning', confidence: 'unconfirmed' });
    expect(finding?.subjects[0]).toMatch(/jobs\/train$/);
    expectFinding(finding, { message: ['rawdata'], pathCount: 1 });
  });

  it('stays quiet when the job runs as the user', () => {
    expect(runRuleOn(serverlessUnsetIdentity, estateFromYaml(baseEstateYaml({ extra: data('') + job('    identity: { type: user_identity }\n') })))).toEqual([]);
  });

  it('stays quiet when the datastore keeps a credential', () => {
    expect(runRuleOn(serverlessUnsetIdentity, estateFromYaml(baseEstateYaml({ extra: data('    credentials: account_key\n') + job('') })))).toEqual([]);
  });
});
