import { describe, expect, it } from 'vitest';
import { assignRole, expectFinding } from '../../testing/findings';
import { ROLES } from '../../context/actions';
import { systemIdentityId } from '../../model/ids';
import { runRuleOn } from '../../testing/estates';
import { previewIdentityRole } from './preview-identity-role';
import { datastore, idOf, ruleEstate, STORAGE_ID } from '../../testing/datastores';
import { UAI_WS_WORKSPACE } from '../../testing/workspaces';

const viaUai = datastore(
  'curated',
  '    type: azure_blob\n    service_data_access_auth_identity: WorkspaceUserAssignedIdentity\n',
);
const viaSai = datastore(
  'curated',
  '    type: azure_blob\n    service_data_access_auth_identity: WorkspaceSystemAssignedIdentity\n',
);

describe('AML-DS-006 preview identity lacks Storage Blob Data Reader', () => {
  it('asks for Storage Blob Data Reader for the workspace user-assigned identity on the container', () => {
    const estate = ruleEstate({ datastores: viaUai }, { workspace: UAI_WS_WORKSPACE });
    const findings = runRuleOn(previewIdentityRole, estate);
    expect(findings).toHaveLength(1);
    const uai = idOf(estate, 'userAssignedIdentities', 'uai-ws');
    expect(findings[0]?.severity).toBe('error');
    expect(findings[0]?.subjects[0]).toBe(uai);
    expectFinding(findings[0], {
      message: ['uai-ws'],
      fixActions: [assignRole(uai, ROLES.storageBlobDataReader, `${STORAGE_ID}/blobServices/default/containers/curated`)],
    });
    expect(findings[0]?.fix?.az.join('\n')).toContain(
      '--assignee-object-id 77777777-7777-7777-7777-777777777777',
    );
  });

  it('stays quiet when that identity holds the role', () => {
    const estate = ruleEstate(
      {
        datastores: viaUai,
        assignments: '  - { principal: uai-ws, role: Storage Blob Data Reader, scope: stml }\n',
      },
      { workspace: UAI_WS_WORKSPACE },
    );
    expect(runRuleOn(previewIdentityRole, estate)).toEqual([]);
  });

  it('reports a datastore asking for a system identity the workspace does not have', () => {
    const estate = ruleEstate({ datastores: viaSai }, { workspace: UAI_WS_WORKSPACE });
    const [finding] = runRuleOn(previewIdentityRole, estate);
    expectFinding(finding, { severity: 'error', message: ['has no system-assigned identity'] });
  });

  it('trusts Azure ML to grant the workspace system identity on its own storage in a planned estate', () => {
    expect(runRuleOn(previewIdentityRole, ruleEstate({ datastores: viaSai }))).toEqual([]);
  });

  it('reports the same grant missing from an observed estate, saying Azure normally makes it', () => {
    const estate = ruleEstate({ datastores: viaSai }, { observed: true });
    const [finding] = runRuleOn(previewIdentityRole, estate);
    expect(finding?.subjects[0]).toBe(systemIdentityId(idOf(estate, 'workspaces', 'ws-ml')));
    expect(finding?.message).toContain('normally creates this grant');
  });

  it('warns when network restrictions force the workspace identity and it lacks the role', () => {
    const estate = ruleEstate(
      { datastores: datastore('raw', '    type: azure_blob\n') },
      { workspace: UAI_WS_WORKSPACE, storage: '    network: selected_networks\n' },
    );
    const [finding] = runRuleOn(previewIdentityRole, estate);
    expectFinding(finding, { severity: 'warning', message: ['restricts network access'] });
  });

  it('stays quiet for a datastore previewed with each user identity', () => {
    expect(
      runRuleOn(
        previewIdentityRole,
        ruleEstate({ datastores: datastore('raw', '    type: azure_blob\n') }, { workspace: UAI_WS_WORKSPACE }),
      ),
    ).toEqual([]);
  });
});
