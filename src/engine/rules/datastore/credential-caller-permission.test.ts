import { describe, expect, it } from 'vitest';
import { assignRole, expectFinding } from '../../testing/findings';
import { ROLES } from '../../context/actions';
import { runRuleOn } from '../../testing/estates';
import { credentialCallerPermission } from './credential-caller-permission';
import { commandJob, datastore, idOf, ruleEstate, WORKSPACE_ID } from '../../testing/datastores';

const keyed = datastore('keyed', '    type: azure_blob\n    credentials: account_key\n');

describe('AML-DS-008 submitter may not read the datastore credential', () => {
  it('asks for a role with datastores/listsecrets for the submitter', () => {
    const estate = ruleEstate({
      datastores: keyed,
      jobs: commandJob('train', { input: 'keyed', output: 'keyed', submittedBy: 'bob@contoso.com' }),
      assignments: '  - { principal: bob@contoso.com, role: Reader, scope: ws-ml }\n',
    });
    const findings = runRuleOn(credentialCallerPermission, estate);
    expect(findings).toHaveLength(1);
    const bob = idOf(estate, 'users', 'bob@contoso.com');
    expectFinding(findings[0], {
      severity: 'error',
      subjects: [bob, idOf(estate, 'datastores', 'keyed'), idOf(estate, 'jobs', 'train')],
      message: ['bob@contoso.com'],
      pathCount: 2,
      fixActions: [assignRole(bob, ROLES.azureMlDataScientist, `${WORKSPACE_ID}/datastores/keyed`)],
    });
  });

  it('stays quiet for a submitter with AzureML Data Scientist', () => {
    const estate = ruleEstate({
      datastores: keyed,
      jobs: commandJob('train', { input: 'keyed', submittedBy: 'bob@contoso.com' }),
      assignments: '  - { principal: bob@contoso.com, role: AzureML Data Scientist, scope: ws-ml }\n',
    });
    expect(runRuleOn(credentialCallerPermission, estate)).toEqual([]);
  });
});
