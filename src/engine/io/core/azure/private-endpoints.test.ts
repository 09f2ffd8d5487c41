import { describe, expect, it } from 'vitest';
import type { Estate, PrivateEndpointLink } from '../../../model/types';
import { readInputs } from '../../inputs';
import { readNativeEstate } from '../../native';
import { writeNativeEstate } from '../../native/writer';
import resourceGraphPage from '../../resource-graph/fixtures/resources-page-1.json';
import terraformState from '../../terraform/fixtures/state.json';

// Private endpoints read from every format that carries them, onto the storage account (or vault, registry,
// workspace) they reach; merged by endpoint id when two exports show the same endpoint from its two sides.

const RG = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-ml';
const STORAGE = `${RG}/providers/Microsoft.Storage/storageAccounts/stmlprod`;
const SUBNET = `${RG}/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-training`;
const BLOB_PE = `${RG}/providers/Microsoft.Network/privateEndpoints/pe-stmlprod-blob`;

/** One entry of `az network private-endpoint list -o json`: az prints the connection properties flattened. */
const azPrivateEndpoint = {
  customDnsConfigs: [{ fqdn: 'stmlprod.blob.core.windows.net', ipAddresses: ['10.0.1.4'] }],
  customNetworkInterfaceName: '',
  etag: 'W/"5d1e0c2a-7c4f-4b9e-9f0a-2f3b1a6c8d01"',
  id: BLOB_PE,
  ipConfigurations: [],
  location: 'eastus',
  manualPrivateLinkServiceConnections: [],
  name: 'pe-stmlprod-blob',
  networkInterfaces: [
    { id: `${RG}/providers/Microsoft.Network/networkInterfaces/pe-stmlprod-blob.nic.0f6e2b4c`, resourceGroup: 'rg-ml' },
  ],
  privateLinkServiceConnections: [
    {
      etag: 'W/"5d1e0c2a-7c4f-4b9e-9f0a-2f3b1a6c8d01"',
      groupIds: ['blob'],
      id: `${BLOB_PE}/privateLinkServiceConnections/pe-stmlprod-blob`,
      name: 'pe-stmlprod-blob',
      privateLinkServiceConnectionState: { actionsRequired: 'None', description: 'Auto-Approved', status: 'Approved' },
      privateLinkServiceId: STORAGE,
      provisioningState: 'Succeeded',
      resourceGroup: 'rg-ml',
      type: 'Microsoft.Network/privateEndpoints/privateLinkServiceConnections',
    },
  ],
  provisioningState: 'Succeeded',
  resourceGroup: 'rg-ml',
  subnet: { id: SUBNET, resourceGroup: 'rg-ml' },
  tags: {},
  type: 'Microsoft.Network/privateEndpoints',
};

/** `az storage account show -o json` of an account that denies public access, trimmed of its endpoint URLs. */
const azStorageAccount = {
  accessTier: 'Hot',
  allowBlobPublicAccess: false,
  allowSharedKeyAccess: true,
  id: STORAGE,
  isHnsEnabled: false,
  kind: 'StorageV2',
  location: 'eastus',
  minimumTlsVersion: 'TLS1_2',
  name: 'stmlprod',
  networkRuleSet: { bypass: 'AzureServices', defaultAction: 'Deny', ipRules: [], resourceAccessRules: [], virtualNetworkRules: [] },
  privateEndpointConnections: [
    {
      id: `${STORAGE}/privateEndpointConnections/stmlprod.4f3b2c1d-0e9a-4b8c-9d7e-6f5a4b3c2d1e`,
      name: 'stmlprod.4f3b2c1d-0e9a-4b8c-9d7e-6f5a4b3c2d1e',
      privateEndpoint: { id: BLOB_PE, resourceGroup: 'rg-ml' },
      privateLinkServiceConnectionState: { actionRequired: 'None', description: 'Auto-Approved', status: 'Approved' },
      provisioningState: 'Succeeded',
      resourceGroup: 'rg-ml',
      type: 'Microsoft.Storage/storageAccounts/privateEndpointConnections',
    },
  ],
  provisioningState: 'Succeeded',
  publicNetworkAccess: 'Disabled',
  resourceGroup: 'rg-ml',
  type: 'Microsoft.Storage/storageAccounts',
};

function read(files: Record<string, unknown>): Estate {
  const result = readInputs(Object.entries(files).map(([file, value]) => ({ file, text: JSON.stringify(value, null, 2) })));
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.estate as Estate;
}

/** The storage account's endpoints as read, without where each was read (see the sources tests). */
const endpointsOf = (estate: Estate, name: string): PrivateEndpointLink[] | undefined =>
  estate.storageAccounts.find((s) => s.name === name)?.privateEndpoints?.map(({ sources: _sources, ...link }) => link);

/** Where each endpoint of the storage account was read, as `file:line:column path`. */
const sourcesOf = (estate: Estate, name: string): string[][] | undefined =>
  estate.storageAccounts
    .find((s) => s.name === name)
    ?.privateEndpoints?.map((link) => (link.sources ?? []).map((s) => `${s.file}:${s.line}:${s.column} ${s.path}`));

describe('private endpoints', () => {
  it('reads `az network private-endpoint list` onto the storage account it reaches', () => {
    const estate = read({ 'private-endpoints.json': [azPrivateEndpoint] });
    expect(endpointsOf(estate, 'stmlprod')).toEqual([
      { endpoint: BLOB_PE, groupIds: ['blob'], subnet: SUBNET, status: 'Approved' },
    ]);
  });

  it("reads `az storage account show`'s connection list as endpoints of unknown sub-resource and subnet", () => {
    const estate = read({ 'storage.json': azStorageAccount });
    expect(endpointsOf(estate, 'stmlprod')).toEqual([{ endpoint: BLOB_PE, status: 'Approved' }]);
  });

  it('merges the two sides of one endpoint into one entry, in either order', () => {
    const forward = read({ 'storage.json': azStorageAccount, 'private-endpoints.json': [azPrivateEndpoint] });
    const backward = read({ 'private-endpoints.json': [azPrivateEndpoint], 'storage.json': azStorageAccount });
    const expected = [{ endpoint: BLOB_PE, groupIds: ['blob'], subnet: SUBNET, status: 'Approved' }];
    expect(endpointsOf(forward, 'stmlprod')).toEqual(expected);
    expect(endpointsOf(backward, 'stmlprod')).toEqual(expected);
    const storage = forward.storageAccounts.find((s) => s.name === 'stmlprod');
    expect(storage && forward.provenance?.unknown[storage.id]).toBeUndefined();
  });

  it('keeps where each side of an endpoint was read, the same in either order', () => {
    const forward = read({ 'storage.json': azStorageAccount, 'private-endpoints.json': [azPrivateEndpoint] });
    const backward = read({ 'private-endpoints.json': [azPrivateEndpoint], 'storage.json': azStorageAccount });
    const expected = [['private-endpoints.json:2:3 [0]', 'storage.json:19:5 privateEndpointConnections[0]']];
    expect(sourcesOf(forward, 'stmlprod')).toEqual(expected);
    expect(sourcesOf(backward, 'stmlprod')).toEqual(expected);
    // One side alone: its own place.
    expect(sourcesOf(read({ 'storage.json': azStorageAccount }), 'stmlprod')).toEqual([['storage.json:19:5 privateEndpointConnections[0]']]);
  });

  it('reads an account whose export lists no connection as having none (known, not unknown)', () => {
    const estate = read({ 'storage.json': { ...azStorageAccount, privateEndpointConnections: [] } });
    expect(endpointsOf(estate, 'stmlprod')).toEqual([]);
  });

  it('reads Resource Graph rows: the endpoint with its properties nested, and the registry connection list', () => {
    const row = {
      id: BLOB_PE,
      name: 'pe-stmlprod-blob',
      type: 'microsoft.network/privateendpoints',
      kind: '',
      location: 'eastus',
      resourceGroup: 'rg-ml',
      subscriptionId: '11111111-2222-3333-4444-555555555555',
      tenantId: '99999999-8888-7777-6666-555555555555',
      identity: null,
      properties: {
        provisioningState: 'Succeeded',
        subnet: { id: SUBNET },
        privateLinkServiceConnections: [
          {
            id: `${BLOB_PE}/privateLinkServiceConnections/pe-stmlprod-blob`,
            name: 'pe-stmlprod-blob',
            properties: {
              provisioningState: 'Succeeded',
              privateLinkServiceId: STORAGE,
              groupIds: ['blob'],
              privateLinkServiceConnectionState: { status: 'Approved', description: 'Auto-Approved', actionsRequired: 'None' },
            },
          },
        ],
        manualPrivateLinkServiceConnections: [],
      },
      tags: {},
      sku: null,
    };
    const page = { ...resourceGraphPage, data: [...resourceGraphPage.data, row] };
    const estate = read({ 'resources.json': page });
    expect(endpointsOf(estate, 'stmlprod')).toEqual([
      { endpoint: BLOB_PE, groupIds: ['blob'], subnet: SUBNET, status: 'Approved' },
    ]);
    // The fixture's storage row, as a query projecting some properties gives it, has no connection list: the
    // endpoints the scope holds are read, and the list stays unknown beside them (an endpoint in another
    // subscription may reach the account too).
    const storage = estate.storageAccounts.find((s) => s.name === 'stmlprod');
    expect(storage && estate.provenance?.unknown[storage.id]).toEqual(['privateEndpoints']);
    // A row with its connection list, as `resources | project ..., properties` gives it, settles the list.
    const listed = {
      ...page,
      data: page.data.map((r) =>
        r.type === 'microsoft.storage/storageaccounts'
          ? {
              ...r,
              properties: {
                ...r.properties,
                privateEndpointConnections: [
                  {
                    id: `${STORAGE}/privateEndpointConnections/stmlprod.4f3b2c1d-0e9a-4b8c-9d7e-6f5a4b3c2d1e`,
                    name: 'stmlprod.4f3b2c1d-0e9a-4b8c-9d7e-6f5a4b3c2d1e',
                    type: 'Microsoft.Storage/storageAccounts/privateEndpointConnections',
                    properties: {
                      provisioningState: 'Succeeded',
                      privateEndpoint: { id: BLOB_PE },
                      privateLinkServiceConnectionState: { status: 'Approved', description: 'Auto-Approved', actionRequired: 'None' },
                    },
                  },
                ],
              },
            }
          : r,
      ),
    };
    const whole = read({ 'resources.json': listed });
    expect(endpointsOf(whole, 'stmlprod')).toEqual([{ endpoint: BLOB_PE, groupIds: ['blob'], subnet: SUBNET, status: 'Approved' }]);
    expect(storage && whole.provenance?.unknown[storage.id]).toBeUndefined();
    // The registry row names a connection by its own id only: an endpoint is there, its parts unknown.
    expect(estate.containerRegistries.map((r) => r.privateEndpoints?.map(({ sources: _sources, ...link }) => link))).toEqual([[{}]]);
    expect(estate.containerRegistries.map((r) => r.privateEndpoints?.map((l) => l.sources?.map((s) => s.path)))).toEqual([
      [['data[3].properties.privateEndpointConnections[0]']],
    ]);
  });

  it('reads `azurerm_private_endpoint` from `terraform show -json`, manual connections as pending', () => {
    const endpoint = (name: string, manual: boolean) => ({
      address: `azurerm_private_endpoint.${name}`,
      mode: 'managed',
      type: 'azurerm_private_endpoint',
      name,
      provider_name: 'registry.terraform.io/hashicorp/azurerm',
      schema_version: 0,
      values: {
        custom_dns_configs: [],
        custom_network_interface_name: '',
        id: `${RG}/providers/Microsoft.Network/privateEndpoints/pe-${name}`,
        ip_configuration: [],
        location: 'eastus',
        name: `pe-${name}`,
        network_interface: [],
        private_dns_zone_configs: [],
        private_dns_zone_group: [],
        private_service_connection: [
          {
            is_manual_connection: manual,
            name: `psc-${name}`,
            private_connection_resource_alias: '',
            private_connection_resource_id: STORAGE,
            private_ip_address: '10.0.1.5',
            request_message: manual ? 'Azure ML storage' : '',
            subresource_names: [name],
          },
        ],
        resource_group_name: 'rg-ml',
        subnet_id: SUBNET,
        tags: {},
        timeouts: null,
      },
      sensitive_values: {},
    });
    const state = structuredClone(terraformState);
    (state.values.root_module.resources as unknown[]).push(endpoint('blob', false), endpoint('file', true));
    const estate = read({ 'state.json': state });
    expect(endpointsOf(estate, 'stmlprod')).toEqual([
      { endpoint: `${RG}/providers/Microsoft.Network/privateEndpoints/pe-blob`, groupIds: ['blob'], subnet: SUBNET },
      { endpoint: `${RG}/providers/Microsoft.Network/privateEndpoints/pe-file`, groupIds: ['file'], subnet: SUBNET, status: 'Pending' },
    ]);
    // Each at the `values` of its `azurerm_private_endpoint` in the state.
    const count = terraformState.values.root_module.resources.length;
    expect(sourcesOf(estate, 'stmlprod')?.map((list) => list.map((s) => s.replace(/:\d+:\d+ /, ' ')))).toEqual([
      [`state.json values.root_module.resources[${count}].values`],
      [`state.json values.root_module.resources[${count + 1}].values`],
    ]);
  });

  it('reads a template endpoint whose target cannot be worked out as leaving the endpoints of the resources it may reach unknown', () => {
    // As `az bicep build` writes a storage account and an endpoint whose target is a parameter without a value.
    const template = (groupIds: string[]) => ({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: { targetId: { type: 'string' }, subnetId: { type: 'string', defaultValue: SUBNET } },
      resources: [
        {
          type: 'Microsoft.Storage/storageAccounts',
          apiVersion: '2023-01-01',
          name: 'stmlprod',
          location: 'eastus',
          sku: { name: 'Standard_LRS' },
          kind: 'StorageV2',
          properties: { publicNetworkAccess: 'Disabled', allowSharedKeyAccess: false },
        },
        {
          type: 'Microsoft.Network/privateEndpoints',
          apiVersion: '2023-04-01',
          name: 'pe-target',
          location: 'eastus',
          properties: {
            subnet: { id: "[parameters('subnetId')]" },
            privateLinkServiceConnections: [
              { name: 'pe-target', properties: { privateLinkServiceId: "[parameters('targetId')]", groupIds } },
            ],
          },
        },
      ],
    });
    const unknownOf = (estate: Estate) => {
      const storage = estate.storageAccounts.find((s) => s.name === 'stmlprod');
      return storage === undefined ? undefined : estate.provenance?.unknown[storage.id];
    };
    const blob = read({ 'azuredeploy.json': template(['blob']) });
    expect(endpointsOf(blob, 'stmlprod')).toBeUndefined();
    expect(unknownOf(blob)).toEqual(['privateEndpoints']);
    // An endpoint to a service the estate does not model says nothing of the storage account.
    const sql = read({ 'azuredeploy.json': template(['sqlServer']) });
    expect(unknownOf(sql)).toBeUndefined();
  });

  it('keeps private endpoints through the native format, an empty list included', () => {
    const estate = read({ 'private-endpoints.json': [azPrivateEndpoint], 'storage.json': azStorageAccount });
    const vault = `${RG}/providers/Microsoft.KeyVault/vaults/kv-ml`;
    const withVault = read({
      'vault.json': { id: vault, name: 'kv-ml', type: 'Microsoft.KeyVault/vaults', location: 'eastus', resourceGroup: 'rg-ml', properties: { tenantId: '99999999-8888-7777-6666-555555555555', enableRbacAuthorization: true, privateEndpointConnections: [] } },
    });
    for (const original of [estate, withVault]) {
      const again = readNativeEstate(writeNativeEstate(original, 'yaml'), 'estate.yaml').estate as Estate;
      const parts = (links: PrivateEndpointLink[] | undefined) => links?.map(({ sources: _sources, ...link }) => link);
      expect(again.storageAccounts.map((s) => parts(s.privateEndpoints))).toEqual(original.storageAccounts.map((s) => parts(s.privateEndpoints)));
      expect(again.keyVaults.map((v) => parts(v.privateEndpoints))).toEqual(original.keyVaults.map((v) => parts(v.privateEndpoints)));
      // The native file is where the endpoints are read from now.
      for (const [i, account] of again.storageAccounts.entries())
        for (const [j, link] of (account.privateEndpoints ?? []).entries())
          expect(link.sources?.map((s) => `${s.file} ${s.path}`)).toEqual([`estate.yaml storage_accounts[${i}].private_endpoints[${j}]`]);
    }
    expect(withVault.keyVaults.map((v) => v.privateEndpoints)).toEqual([[]]);
  });
});
