import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { runRuleOn } from '../../testing/estates';
import { commandJob, datastore, idOf, ruleEstate } from '../../testing/datastores';
import { userIdentityFromStudio } from './user-identity-from-studio';

const raw = datastore('raw', '    type: azure_blob\n');

describe('AML-JOB-001 user identity job submitted from studio', () => {
  it('reports the job as an error', () => {
    const estate = ruleEstate({
      datastores: raw,
      jobs: commandJob('train', { identity: '{ type: user_identity }', extra: '    submitted_from: studio' }),
    });
    const findings = runRuleOn(userIdentityFromStudio, estate);
    expectOnlyFinding(findings, {
      severity: 'error',
      subjects: [idOf(estate, 'jobs', 'train')],
      message: ['train', 'studio'],
      az: [
        'az ml job create --file train.yml --workspace-name ws-ml --resource-group rg-ml',
      ],
    });
  });

  it('stays quiet for the same job submitted with the CLI', () => {
    const estate = ruleEstate({
      datastores: raw,
      jobs: commandJob('train', { identity: '{ type: user_identity }', extra: '    submitted_from: cli' }),
    });
    expect(runRuleOn(userIdentityFromStudio, estate)).toEqual([]);
  });

  it('stays quiet for a studio job that uses the compute identity', () => {
    const estate = ruleEstate({
      datastores: raw,
      jobs: commandJob('train', { extra: '    submitted_from: studio' }),
    });
    expect(runRuleOn(userIdentityFromStudio, estate)).toEqual([]);
  });
});
