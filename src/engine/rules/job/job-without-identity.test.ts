import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { runRuleOn } from '../../testing/estates';
import { commandJob, datastore, idOf, ruleEstate } from '../../testing/datastores';
import { jobWithoutIdentity } from './job-without-identity';

const raw = datastore('raw', '    type: azure_blob\n');

describe('AML-JOB-006 job without an identity for its data', () => {
  it('reports a job on a compute without identity and offers a system identity', () => {
    const estate = ruleEstate({ datastores: raw, jobs: commandJob('train', { compute: 'cpu-none' }) });
    const findings = runRuleOn(jobWithoutIdentity, estate);
    expectOnlyFinding(findings, {
      severity: 'error',
      subjects: [idOf(estate, 'jobs', 'train'), idOf(estate, 'computes', 'cpu-none')],
      message: ['raw', 'cpu-none has no identity'],
      az: [
        'az ml compute update --name cpu-none --workspace-name ws-ml --resource-group rg-ml --identity-type system_assigned',
      ],
    });
  });

  it('offers to add a named identity the cluster does not carry', () => {
    const estate = ruleEstate({
      datastores: raw,
      jobs: commandJob('train', { compute: 'cpu-uai', identity: '{ type: managed, client_id: uai-ws }' }),
    });
    const [finding] = runRuleOn(jobWithoutIdentity, estate);
    expect(finding?.message).toContain('uai-ws is not on cpu-uai');
    expect(finding?.fix?.az[0]).toMatch(
      /--identity-type user_assigned --user-assigned-identities \S+\/uai-a,\S+\/uai-ws$/,
    );
  });

  it('stays quiet on a compute with an identity', () => {
    expect(
      runRuleOn(
        jobWithoutIdentity,
        ruleEstate({ datastores: raw, jobs: commandJob('train', { compute: 'cpu-sai' }) }),
      ),
    ).toEqual([]);
  });
});
