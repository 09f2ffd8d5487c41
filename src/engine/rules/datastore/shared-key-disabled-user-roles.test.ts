import { describe, expect, it } from 'vitest';
import { ROLES } from '../../context/actions';
import { runRuleOn } from '../../testing/estates';
import { sharedKeyDisabledUserRoles } from './shared-key-disabled-user-roles';
import { idOf, ruleEstate, STORAGE_ID } from '../../testing/datastores';

const noKeys = '    allow_shared_key_access: false\n';
const people = `  - { principal: alice@contoso.com, role: AzureML Data Scientist, scope: ws-ml }
  - { principal: bob@contoso.com, role: Reader, scope: ws-ml }
`;
const dataRoles = `  - { principal: alice@contoso.com, role: Storage Blob Data Contributor, scope: stml }
  - { principal: alice@contoso.com, role: Storage File Data Privileged Contributor, scope: stml }
  - { principal: bob@contoso.com, role: Storage Blob Data Reader, scope: stml }
  - { principal: bob@contoso.com, role: Storage File Data Privileged Reader, scope: stml }
`;

describe('AML-DS-010 user data roles on shared-key-disabled storage', () => {
  it('asks for contributor data roles for a data scientist and reader ones for a reader', () => {
    const estate = ruleEstate({ assignments: people }, { storage: noKeys });
    const findings = runRuleOn(sharedKeyDisabledUserRoles, estate);
    expect(findings).toHaveLength(2);
    const alice = findings.find((f) => f.subjects[0] === idOf(estate, 'users', 'alice@contoso.com'));
    const bob = findings.find((f) => f.subjects[0] === idOf(estate, 'users', 'bob@contoso.com'));
    expect(alice?.severity).toBe('warning');
    expect(alice?.subjects).toEqual([
      idOf(estate, 'users', 'alice@contoso.com'),
      idOf(estate, 'storageAccounts', 'stml'),
      idOf(estate, 'workspaces', 'ws-ml'),
    ]);
    expect(alice?.message).toContain('Storage File Data Privileged Contributor');
    expect(alice?.fix?.actions).toEqual([
      {
        kind: 'assign-role',
        principal: idOf(estate, 'users', 'alice@contoso.com'),
        role: ROLES.storageBlobDataContributor,
        scope: STORAGE_ID,
      },
      {
        kind: 'assign-role',
        principal: idOf(estate, 'users', 'alice@contoso.com'),
        role: '69566ab7-960f-475b-8e7c-b3118f30c6bd',
        scope: STORAGE_ID,
      },
    ]);
    expect(bob?.message).toContain('Storage Blob Data Reader');
    expect(bob?.message).toContain('Storage File Data Privileged Reader');
  });

  it('stays quiet once everyone holds the data roles', () => {
    expect(
      runRuleOn(
        sharedKeyDisabledUserRoles,
        ruleEstate({ assignments: people + dataRoles }, { storage: noKeys }),
      ),
    ).toEqual([]);
  });

  it('stays quiet while the storage accepts shared keys', () => {
    expect(runRuleOn(sharedKeyDisabledUserRoles, ruleEstate({ assignments: people }))).toEqual([]);
  });
});
