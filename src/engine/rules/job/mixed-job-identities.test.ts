import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { runRuleOn } from '../../testing/estates';
import { datastore, idOf, ruleEstate } from '../../testing/datastores';
import { mixedJobIdentities } from './mixed-job-identities';

const raw = datastore('raw', '    type: azure_blob\n');
const pipeline = (prepIdentity: string, trainIdentity: string) => `  - name: p
    workspace: ws-ml
    type: pipeline
    compute: cpu-uai
    submitted_by: alice@contoso.com
    jobs:
      prep:
${prepIdentity}        inputs: { d: { path: azureml://datastores/raw/paths/a/ } }
      train:
${trainIdentity}        inputs: { d: { path: azureml://datastores/raw/paths/b/ } }
`;
const user = '        identity: { type: user_identity }\n';
const managed = '        identity: { type: managed }\n';

describe('AML-JOB-002 job mixing user identity and managed identity', () => {
  it('reports a pipeline with a user-identity step and a managed-identity step', () => {
    const estate = ruleEstate({ datastores: raw, jobs: pipeline(user, managed) });
    const findings = runRuleOn(mixedJobIdentities, estate);
    expectOnlyFinding(findings, {
      severity: 'error',
      subjects: [idOf(estate, 'jobs', 'p')],
      message: ['step prep', 'step train'],
    });
  });

  it('counts a step without identity that reads data with the compute identity', () => {
    const findings = runRuleOn(mixedJobIdentities, ruleEstate({ datastores: raw, jobs: pipeline(user, '') }));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.evidence.some((e) => e.label.includes('sets no identity'))).toBe(true);
  });

  it('stays quiet when every step uses user identity', () => {
    expect(
      runRuleOn(mixedJobIdentities, ruleEstate({ datastores: raw, jobs: pipeline(user, user) })),
    ).toEqual([]);
  });
});
