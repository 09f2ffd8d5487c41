import { describe, expect, it } from 'vitest';
import { assignRole, expectFinding, expectOnlyFinding } from '../../testing/findings';
import { ROLES } from '../../context/actions';
import { systemIdentityId } from '../../model/ids';
import { runRuleOn } from '../../testing/estates';
import { jobDataRole } from './job-data-role';
import { commandJob, datastore, idOf, ruleEstate, STORAGE_ID } from '../../testing/datastores';

const raw = datastore('raw', '    type: azure_blob\n', 'data');

describe('AML-DS-003 job identity lacks a storage data role', () => {
  it('asks for Storage Blob Data Reader for the compute identity on the container', () => {
    const estate = ruleEstate({ datastores: raw, jobs: commandJob('train') });
    const findings = runRuleOn(jobDataRole, estate);
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    const sai = systemIdentityId(idOf(estate, 'computes', 'cpu-sai'));
    expectFinding(finding, {
      severity: 'error',
      subjects: [sai, idOf(estate, 'datastores', 'raw'), idOf(estate, 'jobs', 'train')],
      message: ['cpu-sai'],
      fixActions: [assignRole(sai, ROLES.storageBlobDataReader, `${STORAGE_ID}/blobServices/default/containers/data`)],
    });
    expect(finding?.fix?.az.join('\n')).toContain(`--role ${ROLES.storageBlobDataReader}`);
  });

  it('asks for Storage Blob Data Contributor where the job writes', () => {
    const estate = ruleEstate({
      datastores: raw,
      jobs: commandJob('train', { compute: 'cpu-uai', input: '', output: 'raw' }),
    });
    const [finding] = runRuleOn(jobDataRole, estate);
    expect(finding?.fix?.actions[0]).toMatchObject({
      principal: idOf(estate, 'userAssignedIdentities', 'uai-a'),
      role: ROLES.storageBlobDataContributor,
    });
    expect(finding?.fix?.az.join('\n')).toContain('55555555-5555-5555-5555-555555555555');
  });

  it('checks the submitting user for a user_identity job', () => {
    const estate = ruleEstate({
      datastores: raw,
      jobs: commandJob('train', { identity: '{ type: user_identity }' }),
    });
    const [finding] = runRuleOn(jobDataRole, estate);
    expect(finding?.subjects[0]).toBe(idOf(estate, 'users', 'alice@contoso.com'));
    expect(finding?.fix?.az.join('\n')).toContain(
      '--assignee-object-id 11111111-1111-1111-1111-111111111111',
    );
  });

  it('reports two pipeline steps reading the same data as one identity once', () => {
    const pipeline = `  - name: p
    workspace: ws-ml
    type: pipeline
    compute: cpu-sai
    jobs:
      a:
        inputs: { d: { path: azureml://datastores/raw/paths/a/ } }
      b:
        inputs: { d: { path: azureml://datastores/raw/paths/b/ } }
`;
    const findings = runRuleOn(jobDataRole, ruleEstate({ datastores: raw, jobs: pipeline }));
    expectOnlyFinding(findings, { pathCount: 2 });
  });

  it('stays quiet once the compute identity holds the role on the account', () => {
    const estate = ruleEstate({
      datastores: raw,
      jobs: commandJob('train'),
      assignments: '  - { principal: "system:cpu-sai", role: Storage Blob Data Reader, scope: stml }\n',
    });
    expect(runRuleOn(jobDataRole, estate)).toEqual([]);
  });

  it('leaves key-based datastores to the credential rules', () => {
    const estate = ruleEstate({
      datastores: datastore('raw', '    type: azure_blob\n    credentials: account_key\n'),
      jobs: commandJob('train'),
    });
    expect(runRuleOn(jobDataRole, estate)).toEqual([]);
  });
});
