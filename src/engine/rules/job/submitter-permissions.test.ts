import { describe, expect, it } from 'vitest';
import { expectFinding } from '../../testing/findings';
import { ROLES } from '../../context/actions';
import { runRuleOn } from '../../testing/estates';
import { commandJob, datastore, idOf, ruleEstate, WORKSPACE_ID } from '../../testing/datastores';
import { submitterPermissions } from './submitter-permissions';

const raw = datastore('raw', '    type: azure_blob\n');
const CUSTOM_ROLE = `role_definitions:
  - name: Job Runner
    actions:
      - Microsoft.MachineLearningServices/workspaces/*/read
      - Microsoft.MachineLearningServices/workspaces/jobs/*
      - Microsoft.MachineLearningServices/workspaces/environments/write
      - Microsoft.MachineLearningServices/workspaces/metadata/artifacts/write
      - Microsoft.MachineLearningServices/workspaces/environments/readSecrets/action
`;

describe('AML-JOB-007 submitter lacks job submission permissions', () => {
  it('reports a Reader submitting a job, with AzureML Data Scientist on the workspace as the fix', () => {
    const estate = ruleEstate({
      datastores: raw,
      jobs: commandJob('train', { submittedBy: 'bob@contoso.com' }),
      assignments: '  - { principal: bob@contoso.com, role: Reader, scope: ws-ml }\n',
    });
    const findings = runRuleOn(submitterPermissions, estate);
    expect(findings).toHaveLength(1);
    const bob = idOf(estate, 'users', 'bob@contoso.com');
    expectFinding(findings[0], {
      severity: 'error',
      subjects: [bob, idOf(estate, 'workspaces', 'ws-ml'), idOf(estate, 'jobs', 'train')],
      message: ['create jobs'],
    });
    expect(findings[0]?.message).not.toContain('read the workspace');
    expect(findings[0]?.fix?.actions).toEqual([
      { kind: 'assign-role', principal: bob, role: ROLES.azureMlDataScientist, scope: WORKSPACE_ID },
    ]);
    expect(findings[0]?.fix?.az.join('\n')).toContain(`--role ${ROLES.azureMlDataScientist}`);
  });

  it('names only the missing action of a custom role', () => {
    const estate = ruleEstate({
      datastores: raw,
      jobs: commandJob('train', { submittedBy: 'bob@contoso.com' }),
      assignments: '  - { principal: bob@contoso.com, role: Job Runner, scope: ws-ml }\n',
      extra: CUSTOM_ROLE,
    });
    const [finding] = runRuleOn(submitterPermissions, estate);
    expect(finding?.message).toContain('build environments');
    expect(finding?.evidence).toHaveLength(1);
  });

  it('stays quiet for an AzureML Data Scientist', () => {
    const estate = ruleEstate({
      datastores: raw,
      jobs: commandJob('train', { submittedBy: 'bob@contoso.com' }),
      assignments: '  - { principal: bob@contoso.com, role: AzureML Data Scientist, scope: ws-ml }\n',
    });
    expect(runRuleOn(submitterPermissions, estate)).toEqual([]);
  });
});
