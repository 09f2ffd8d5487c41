import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { runRuleOn } from '../../testing/estates';
import { commandJob, datastore, idOf, ruleEstate } from '../../testing/datastores';
import { userIdentityOverridden } from './user-identity-overridden';

describe('AML-JOB-004 user identity overridden by a stored credential', () => {
  it('warns when a user-identity job reads a key-based datastore', () => {
    const estate = ruleEstate({
      datastores: datastore('keyed', '    type: azure_blob\n    credentials: account_key\n'),
      jobs: commandJob('train', { identity: '{ type: user_identity }', input: 'keyed' }),
    });
    const findings = runRuleOn(userIdentityOverridden, estate);
    expectOnlyFinding(findings, {
      severity: 'warning',
      subjects: [idOf(estate, 'jobs', 'train'), idOf(estate, 'datastores', 'keyed')],
      message: ['account key'],
      pathCount: 1,
    });
  });

  it('stays quiet for the same job on an identity-based datastore', () => {
    const estate = ruleEstate({
      datastores: datastore('keyed', '    type: azure_blob\n'),
      jobs: commandJob('train', { identity: '{ type: user_identity }', input: 'keyed' }),
    });
    expect(runRuleOn(userIdentityOverridden, estate)).toEqual([]);
  });
});
