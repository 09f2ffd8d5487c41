import { describe, expect, it } from 'vitest';
import { expectFinding } from '../../testing/findings';
import { ROLES } from '../../context/actions';
import { systemIdentityId } from '../../model/ids';
import { runRuleOn } from '../../testing/estates';
import { datastore, idOf, ruleEstate, STORAGE_ID } from '../../testing/datastores';
import { UAI_WS_WORKSPACE } from '../../testing/workspaces';
import { privateEndpointReader } from './private-endpoint-reader';


describe('AML-NET-003 Reader on the storage private endpoints', () => {
  it('reminds that the workspace identity needs Reader on the private endpoints', () => {
    const estate = ruleEstate(
      { datastores: datastore('raw', '    type: azure_blob\n') },
      { storage: '    network: private_endpoint\n', workspace: UAI_WS_WORKSPACE },
    );
    const findings = runRuleOn(privateEndpointReader, estate);
    expect(findings).toHaveLength(1);
    const uai = idOf(estate, 'userAssignedIdentities', 'uai-ws');
    expectFinding(findings[0], {
      severity: 'warning',
      subjects: [idOf(estate, 'storageAccounts', 'stml'), idOf(estate, 'workspaces', 'ws-ml'), uai],
      message: ['uai-ws', 'cannot check'],
    });
    const az = findings[0]?.fix?.az.join('\n') ?? '';
    expect(az).toContain(`az storage account show --ids ${STORAGE_ID}`);
    expect(az).toContain(
      `--assignee-object-id 77777777-7777-7777-7777-777777777777 --assignee-principal-type ServicePrincipal --role ${ROLES.reader}`,
    );
  });

  it('uses the identity a datastore previews with', () => {
    const estate = ruleEstate(
      {
        datastores: datastore(
          'raw',
          '    type: azure_blob\n    service_data_access_auth_identity: WorkspaceSystemAssignedIdentity\n',
        ),
      },
      { storage: '    network: private_endpoint\n' },
    );
    const [finding] = runRuleOn(privateEndpointReader, estate);
    expect(finding?.subjects).toContain(systemIdentityId(idOf(estate, 'workspaces', 'ws-ml')));
    expect(finding?.fix?.az.join('\n')).toContain(
      'az ml workspace show --name ws-ml --resource-group rg-ml --query identity.principal_id',
    );
  });

  it('stays quiet for storage without private endpoints', () => {
    expect(
      runRuleOn(
        privateEndpointReader,
        ruleEstate(
          { datastores: datastore('raw', '    type: azure_blob\n') },
          { storage: '    network: selected_networks\n' },
        ),
      ),
    ).toEqual([]);
  });
});
