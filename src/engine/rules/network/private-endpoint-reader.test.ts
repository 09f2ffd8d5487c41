import { describe, expect, it } from 'vitest';
import { readTemplateWithParameters } from '../../testing/templates';
import type { Estate } from '../../model/types';
import { expectFinding } from '../../testing/findings';
import { ROLES } from '../../context/actions';
import { systemIdentityId } from '../../model/ids';
import { runRuleOn } from '../../testing/estates';
import { datastore, idOf, ruleEstate, STORAGE_ID } from '../../testing/datastores';
import { UAI_WS_WORKSPACE } from '../../testing/workspaces';
import endToEndSecure from '../fixtures/end-to-end-secure.template.json';
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

  // machine-learning-end-to-end-secure (the quickstart's virtual network, storage and workspace modules as Bicep
  // compiles them), with the storage's public access disabled as the secure-workspace guide does: the default
  // storage is then reached through its blob and file private endpoints only, and the workspace's system-assigned
  // identity needs Reader on both. Reader on one of them is granted at the top level as Bicep compiles a role
  // assignment scoped to an existing private endpoint.
  describe('with the private endpoints of the secure end-to-end template', () => {
    type Resource = Record<string, unknown> & { name: string; type: string; properties: Record<string, unknown> };
    const endpointName = (service: 'blob' | 'file') => `format('ple-{0}-{1}-st-${service}', variables('name'), variables('uniqueSuffix'))`;
    const workspaceId = "resourceId('Microsoft.MachineLearningServices/workspaces', format('mlw-{0}-{1}', variables('name'), variables('uniqueSuffix')))";
    const readerOnEndpoint = (service: 'blob' | 'file'): Resource => ({
      type: 'Microsoft.Authorization/roleAssignments',
      apiVersion: '2022-04-01',
      scope: `[format('Microsoft.Network/privateEndpoints/{0}', ${endpointName(service)})]`,
      name: `[guid(resourceId('Microsoft.Network/privateEndpoints', ${endpointName(service)}), ${workspaceId}, subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'acdd72a7-3385-48ef-bd42-f606fba81ae7'))]`,
      properties: {
        roleDefinitionId: "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'acdd72a7-3385-48ef-bd42-f606fba81ae7')]",
        principalId: `[reference(${workspaceId}, '2022-05-01', 'full').identity.principalId]`,
        principalType: 'ServicePrincipal',
      },
      dependsOn: [
        "[resourceId('Microsoft.Resources/deployments', format('mlw-{0}-{1}-deployment', variables('name'), variables('uniqueSuffix')))]",
        "[resourceId('Microsoft.Resources/deployments', format('st{0}{1}-deployment', variables('name'), variables('uniqueSuffix')))]",
      ],
    });
    const read = (
      grants: ('blob' | 'file')[],
      publicAccess: 'Disabled' | 'as published' = 'Disabled',
      change: (template: { parameters: Record<string, unknown>; resources: Resource[] }) => void = () => {},
    ): Estate => {
      const template = structuredClone(endToEndSecure) as unknown as { parameters: Record<string, unknown>; resources: Resource[] };
      change(template);
      const storageModule = template.resources.find((r) => r.name.startsWith("[format('st{0}{1}")) as Resource & {
        properties: { template: { resources: Resource[] } };
      };
      const storage = storageModule.properties.template.resources.find((r) => r.type === 'Microsoft.Storage/storageAccounts') as Resource;
      if (publicAccess === 'Disabled') storage.properties.publicNetworkAccess = publicAccess;
      template.resources.push(...grants.map(readerOnEndpoint));
      return readTemplateWithParameters(template, { prefix: 'mlsecure' });
    };

    it('names the file private endpoint the workspace identity cannot read, with Reader there as the fix', () => {
      const estate = read(['blob']);
      expect(estate.storageAccounts.map((s) => s.network)).toEqual(['private_endpoint']);
      const findings = runRuleOn(privateEndpointReader, estate);
      expect(findings).toHaveLength(1);
      const workspace = estate.workspaces[0]?.id;
      const identity = workspace && systemIdentityId(workspace);
      expectFinding(findings[0], {
        severity: 'warning',
        subjects: [estate.storageAccounts[0]?.id, workspace, identity] as string[],
        message: ['-st-file', 'cannot read its private endpoint'],
      });
      expect(findings[0]?.message).not.toContain('-st-blob');
      expect(findings[0]?.message).not.toContain('cannot check');
      const fileEndpoint = estate.storageAccounts[0]?.privateEndpoints?.find((l) => l.groupIds?.includes('file'))?.endpoint;
      expect(fileEndpoint).toMatch(/\/providers\/Microsoft\.Network\/privateEndpoints\/ple-mlsecure-.*-st-file$/);
      expect(findings[0]?.fix?.actions).toEqual([{ kind: 'assign-role', principal: identity, role: ROLES.reader, scope: fileEndpoint }]);
      const evidence = findings[0]?.evidence.find((e) => e.kind === 'decision');
      expect(evidence?.kind === 'decision' && evidence.decision.allowed).toBe(false);
    });

    it('stays quiet when the workspace identity has Reader on the blob and file private endpoints', () => {
      expect(runRuleOn(privateEndpointReader, read(['blob', 'file']))).toEqual([]);
    });

    it('stays quiet where the storage public access is not disabled (the template as published)', () => {
      // Denied by default with the trusted-services bypass: studio is not confined to the private endpoints (R54).
      expect(runRuleOn(privateEndpointReader, read(['blob'], 'as published'))).toEqual([]);
    });

    it('only reminds, naming what is unknown, when the template grants no roles at all', () => {
      const [finding, ...rest] = runRuleOn(privateEndpointReader, read([]));
      expect(rest).toEqual([]);
      expect(finding?.message).toContain('cannot check: the input holds no role assignments');
      expect(finding?.fix?.actions.map((a) => a.kind)).toEqual(['command']);
    });

    it('only reminds when an endpoint whose target cannot be worked out leaves the list unknown', () => {
      // A third endpoint, for blob, whose target is a parameter the parameters file gives no value for: it may be
      // another endpoint of this account, so Reader on the two known ones does not settle it.
      const estate = read(['blob', 'file'], 'Disabled', (template) => {
        template.parameters.otherTargetId = { type: 'string' };
        template.resources.push({
          type: 'Microsoft.Network/privateEndpoints',
          apiVersion: '2022-01-01',
          name: 'ple-other-blob',
          location: "[parameters('location')]",
          properties: {
            subnet: { id: "[format('{0}/subnets/snet-training', resourceId('Microsoft.Network/virtualNetworks', format('vnet-{0}-{1}', variables('name'), variables('uniqueSuffix'))))]" },
            privateLinkServiceConnections: [
              { name: 'ple-other-blob', properties: { groupIds: ['blob'], privateLinkServiceId: "[parameters('otherTargetId')]" } },
            ],
          },
        });
      });
      const findings = runRuleOn(privateEndpointReader, estate);
      expect(findings).toHaveLength(1);
      expect(findings[0]?.message).toContain('cannot check: an endpoint in the input may reach');
      expect(findings[0]?.evidence.some((e) => e.kind === 'decision')).toBe(false);
    });
  });
});
