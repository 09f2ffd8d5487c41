import { describe, expect, it } from 'vitest';
import { assignRole, expectFinding } from '../../testing/findings';
import { ROLES } from '../../context/actions';
import { runRuleOn } from '../../testing/estates';
import { credentialPrincipalRole } from './credential-principal-role';
import { commandJob, datastore, idOf, ruleEstate, STORAGE_ID } from '../../testing/datastores';

const lake = datastore(
  'lake',
  '    type: azure_blob\n    credentials: { type: service_principal, principal: sp-loader }\n',
);

describe('AML-DS-009 stored service principal lacks a data role', () => {
  it('asks for Storage Blob Data Reader for the stored service principal', () => {
    const estate = ruleEstate({ datastores: lake, jobs: commandJob('train', { input: 'lake' }) });
    const findings = runRuleOn(credentialPrincipalRole, estate);
    expect(findings).toHaveLength(1);
    const sp = idOf(estate, 'servicePrincipals', 'sp-loader');
    expect(findings[0]?.severity).toBe('error');
    expect(findings[0]?.subjects[0]).toBe(sp);
    expectFinding(findings[0], {
      message: ['sp-loader'],
      fixActions: [assignRole(sp, ROLES.storageBlobDataReader, `${STORAGE_ID}/blobServices/default/containers/lake`)],
    });
    expect(findings[0]?.fix?.az.join('\n')).toContain(
      '--assignee-object-id 99999999-9999-9999-9999-999999999999',
    );
  });

  it('stays quiet when the service principal holds the role', () => {
    const estate = ruleEstate({
      datastores: lake,
      jobs: commandJob('train', { input: 'lake' }),
      assignments: '  - { principal: sp-loader, role: Storage Blob Data Reader, scope: stml }\n',
    });
    expect(runRuleOn(credentialPrincipalRole, estate)).toEqual([]);
  });
});
