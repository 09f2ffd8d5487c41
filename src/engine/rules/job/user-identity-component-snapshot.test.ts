import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { runRuleOn } from '../../testing/estates';
import { datastore, idOf, ruleEstate } from '../../testing/datastores';
import { userIdentityComponentSnapshot } from './user-identity-component-snapshot';

const raw = datastore('raw', '    type: azure_blob\n');
const pipeline = (identity: string) => `  - name: p
    workspace: ws-ml
    type: pipeline
    compute: cpu-sai
    jobs:
      score:
        component: azureml:scoring@1
        identity: { type: ${identity} }
        inputs: { d: { path: azureml://datastores/raw/paths/a/ } }
`;

describe('AML-JOB-008 user identity step running a registered component', () => {
  it('notes the snapshot check for a user-identity component step', () => {
    const estate = ruleEstate({ datastores: raw, jobs: pipeline('user_identity') });
    const findings = runRuleOn(userIdentityComponentSnapshot, estate);
    expectOnlyFinding(findings, {
      severity: 'info',
      subjects: [idOf(estate, 'jobs', 'p')],
      message: ['azureml:scoring@1'],
    });
  });

  it('stays quiet for a managed identity step', () => {
    expect(
      runRuleOn(userIdentityComponentSnapshot, ruleEstate({ datastores: raw, jobs: pipeline('managed') })),
    ).toEqual([]);
  });
});
