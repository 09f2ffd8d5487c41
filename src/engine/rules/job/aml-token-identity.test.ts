import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { runRuleOn } from '../../testing/estates';
import { commandJob, datastore, idOf, ruleEstate } from '../../testing/datastores';
import { amlTokenIdentity } from './aml-token-identity';

const raw = datastore('raw', '    type: azure_blob\n');

describe('AML-JOB-005 aml_token job identity', () => {
  it('warns, as an unconfirmed rule, about a job using aml_token', () => {
    const estate = ruleEstate({
      datastores: raw,
      jobs: commandJob('train', { identity: '{ type: aml_token }' }),
    });
    const findings = runRuleOn(amlTokenIdentity, estate);
    expectOnlyFinding(findings, {
      severity: 'warning',
      confidence: 'unconfirmed',
      subjects: [idOf(estate, 'jobs', 'train')],
      message: ['aml_token'],
    });
  });

  it('stays quiet for a managed identity job', () => {
    expect(
      runRuleOn(
        amlTokenIdentity,
        ruleEstate({ datastores: raw, jobs: commandJob('train', { identity: '{ type: managed }' }) }),
      ),
    ).toEqual([]);
  });
});
