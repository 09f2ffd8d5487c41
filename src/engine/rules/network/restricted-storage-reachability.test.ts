import { describe, expect, it } from 'vitest';
import { readTemplateWithParameters } from '../../testing/templates';
import type { Estate } from '../../model/types';
import { expectOnlyFinding } from '../../testing/findings';
import { runRuleOn } from '../../testing/estates';
import { datastore, idOf, ruleEstate } from '../../testing/datastores';
import endToEndSecure from '../fixtures/end-to-end-secure.template.json';
import { restrictedStorageReachability } from './restricted-storage-reachability';
import { readInputs } from '../../io/inputs';
import azWorkspace from '../../io/core/fixtures/contoso/az-workspace.json';
import azStorage from '../../io/core/fixtures/contoso/az-storage.json';
import azDatastores from '../../io/core/fixtures/contoso/az-datastores.json';
import terraformState from '../../io/terraform/fixtures/state.json';
import terraformPlan from '../../io/terraform/fixtures/plan.json';

const raw = datastore('raw', '    type: azure_blob\n');

describe('AML-NET-001 datastore storage behind a firewall', () => {
  it('warns about storage limited to selected networks, naming its datastores and workspace', () => {
    const estate = ruleEstate({ datastores: raw }, { storage: '    network: selected_networks\n' });
    const findings = runRuleOn(restrictedStorageReachability, estate);
    expectOnlyFinding(findings, {
      severity: 'warning',
      subjects: [
        idOf(estate, 'storageAccounts', 'stml'),
        idOf(estate, 'datastores', 'raw'),
        idOf(estate, 'workspaces', 'ws-ml'),
      ],
      message: ['stml admits only selected networks', 'datastore raw'],
    });
  });

  it('warns about private-endpoint storage', () => {
    const findings = runRuleOn(
      restrictedStorageReachability,
      ruleEstate({ datastores: raw }, { storage: '    network: private_endpoint\n' }),
    );
    expect(findings[0]?.message).toContain('private endpoints');
  });

  // aistudio-network-restricted, machine-learning-network-restricted: a hub with a managed network
  // (AllowInternetOutBound) on storage that denies by default with the trusted-services bypass.
  it('stays quiet when a managed network reaches the workspace default storage through its managed private endpoints', () => {
    const managed = '    identity:\n      type: system_assigned\n    managed_network:\n      isolation_mode: allow_internet_outbound\n';
    const estate = ruleEstate({ datastores: raw }, { storage: '    network: trusted_services\n', workspace: managed });
    expect(runRuleOn(restrictedStorageReachability, estate)).toEqual([]);
  });

  it('stays quiet for public storage', () => {
    expect(runRuleOn(restrictedStorageReachability, ruleEstate({ datastores: raw }))).toEqual([]);
  });

  // machine-learning-end-to-end-secure (the quickstart's virtual network, storage and workspace modules as Bicep
  // compiles them): storage that denies by default, with blob and file private endpoints in snet-training, where
  // the workspace's own private endpoint, its cluster and its instance also sit.
  describe('with the private endpoints of the secure end-to-end template', () => {
    type Template = typeof endToEndSecure;
    type Resource = Record<string, unknown> & { name: string; properties: Record<string, unknown> };
    const moduleNamed = (template: Template, prefix: string) =>
      (template.resources as unknown as Resource[]).find((r) => r.name.startsWith(`[format('${prefix}`)) as Resource;
    const storageModule = (template: Template) =>
      moduleNamed(template, 'st{0}{1}') as Resource & {
        properties: {
          parameters: Record<string, { value: unknown }>;
          template: { parameters: Record<string, unknown>; resources: Resource[] };
        };
      };
    const read = (change: (template: Template) => void = () => {}): Estate => {
      const template = structuredClone(endToEndSecure);
      change(template);
      return readTemplateWithParameters(template, { prefix: 'mlsecure' });
    };
    const endpointNamed = (template: Template, parameter: string) =>
      storageModule(template).properties.template.resources.find((r) => r.name === `[parameters('${parameter}')]`) as Resource;

    it('stays quiet when the workspace network holds blob and file private endpoints of its default storage', () => {
      const estate = read();
      expect(estate.storageAccounts.map((s) => [s.network, s.privateEndpoints?.map((l) => l.groupIds)])).toEqual([
        ['trusted_services', [['blob'], ['file']]],
      ]);
      expect(runRuleOn(restrictedStorageReachability, estate)).toEqual([]);
    });

    it('warns when the storage private endpoints sit in another virtual network', () => {
      const other =
        "[format('{0}/subnets/snet-other', resourceId('Microsoft.Network/virtualNetworks', 'vnet-elsewhere'))]";
      const estate = read((template) => {
        storageModule(template).properties.parameters.subnetId = { value: other };
      });
      expectOnlyFinding(runRuleOn(restrictedStorageReachability, estate), {
        severity: 'warning',
        message: ['admits only selected networks and trusted Azure services', 'workspace mlw-mlsecure-'],
      });
      const [finding] = runRuleOn(restrictedStorageReachability, estate);
      expect(finding?.evidence.map((e) => e.label)).toContainEqual(
        expect.stringMatching(/^The blob private endpoint of stmlsecure.* is in vnet-elsewhere, where no compute or private endpoint of mlw-mlsecure-.* is\.$/),
      );
    });

    it('warns when the default storage has a blob private endpoint but none for its file share', () => {
      const estate = read((template) => {
        const module = storageModule(template).properties.template;
        module.resources = module.resources.filter((r) => !String(r.name).includes('storagePleFileName'));
      });
      const [finding] = runRuleOn(restrictedStorageReachability, estate);
      expect(finding?.severity).toBe('warning');
      expect(finding?.evidence.map((e) => e.label)).toContainEqual(expect.stringMatching(/has private endpoints, but none for its file service\.$/));
    });

    it('warns when the file private endpoint is requested for manual approval, which leaves it pending', () => {
      const estate = read((template) => {
        const file = endpointNamed(template, 'storagePleFileName') as Resource & {
          properties: { privateLinkServiceConnections?: { properties: Record<string, unknown> }[]; manualPrivateLinkServiceConnections?: unknown[] };
        };
        const connections = file.properties.privateLinkServiceConnections ?? [];
        for (const connection of connections) delete connection.properties.privateLinkServiceConnectionState;
        file.properties.manualPrivateLinkServiceConnections = connections;
        delete file.properties.privateLinkServiceConnections;
      });
      expect(estate.storageAccounts[0]?.privateEndpoints?.map((l) => [l.groupIds, l.status])).toEqual([
        [['blob'], 'Approved'],
        [['file'], 'Pending'],
      ]);
      const [finding] = runRuleOn(restrictedStorageReachability, estate);
      expect(finding?.severity).toBe('warning');
      expect(finding?.evidence.map((e) => e.label)).toContainEqual(
        expect.stringMatching(/^The file private endpoint of stmlsecure.* carries no traffic: its connection is Pending\.$/),
      );
    });

    it('says it cannot tell, as information, when the target of a storage private endpoint cannot be worked out', () => {
      const estate = read((template) => {
        const blob = endpointNamed(template, 'storagePleBlobName') as Resource & {
          properties: { privateLinkServiceConnections: { properties: Record<string, unknown> }[] };
        };
        const connection = blob.properties.privateLinkServiceConnections[0];
        // A parameter of the module that nothing gives: the endpoint's target cannot be worked out.
        if (connection) connection.properties.privateLinkServiceId = "[parameters('blobTargetId')]";
        storageModule(template).properties.template.parameters.blobTargetId = { type: 'string' };
      });
      const [storage] = estate.storageAccounts;
      expect(storage?.privateEndpoints?.map((l) => l.groupIds)).toEqual([['file']]);
      expect(storage && estate.provenance?.unknown[storage.id]).toEqual(['privateEndpoints']);
      expectOnlyFinding(runRuleOn(restrictedStorageReachability, estate), {
        severity: 'info',
        message: ['Whether they reach it through a private endpoint cannot be told from the input'],
      });
    });
  });

  // Absent is unknown, not "none": an export that does not carry the account's `privateEndpointConnections` does
  // not say that no private endpoint reaches it.
  describe('with exports that do or do not list the private endpoints', () => {
    const read = (files: Record<string, unknown>): Estate => {
      const { estate, diagnostics } = readInputs(Object.entries(files).map(([file, value]) => ({ file, text: JSON.stringify(value, null, 2) })));
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      return estate as Estate;
    };
    /** `az storage account show` of the contoso account, its firewall denying by default. */
    const denying = { ...azStorage, networkRuleSet: { ...azStorage.networkRuleSet, defaultAction: 'Deny' } };
    const { privateEndpointConnections: _connections, ...trimmed } = denying;
    const exported = (storage: unknown) => read({ 'az-workspace.json': azWorkspace, 'az-storage.json': storage, 'az-datastores.json': azDatastores });

    it('warns when `az storage account show` lists no private endpoint connection', () => {
      const estate = exported(denying);
      expect(estate.storageAccounts[0]?.privateEndpoints).toEqual([]);
      expectOnlyFinding(runRuleOn(restrictedStorageReachability, estate), {
        severity: 'warning',
        message: ['stmlprod admits only selected networks and trusted Azure services', 'datastore workspaceblobstore'],
      });
    });

    it('says it cannot tell when the export leaves `privateEndpointConnections` out (`--query` trimmed it)', () => {
      const estate = exported(trimmed);
      const [storage] = estate.storageAccounts;
      expect(storage?.privateEndpoints).toBeUndefined();
      expect(storage && estate.provenance?.unknown[storage.id]).toEqual(['privateEndpoints']);
      const finding = expectOnlyFinding(runRuleOn(restrictedStorageReachability, estate), {
        severity: 'info',
        message: ['Whether they reach it through a private endpoint cannot be told from the input'],
      });
      expect(finding.evidence.map((e) => e.label)).toContainEqual(
        expect.stringContaining('`az storage account show --ids /subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/stmlprod -o json` would tell'),
      );
      // Another export that lists them settles it, in either order.
      for (const files of [
        { 'trimmed.json': trimmed, 'az-storage.json': denying },
        { 'az-storage.json': denying, 'trimmed.json': trimmed },
      ]) {
        const both = read({ 'az-workspace.json': azWorkspace, ...files, 'az-datastores.json': azDatastores });
        expect(runRuleOn(restrictedStorageReachability, both).map((f) => f.severity)).toEqual(['warning']);
      }
    });

    it('says it cannot tell for `az resource list`, which prints no properties', () => {
      const listed = {
        changedTime: '2024-10-14T20:30:12.000000+00:00',
        createdTime: '2024-10-14T20:20:01.000000+00:00',
        extendedLocation: null,
        id: azStorage.id,
        identity: null,
        kind: 'StorageV2',
        location: 'eastus',
        managedBy: null,
        name: 'stmlprod',
        plan: null,
        properties: null,
        provisioningState: 'Succeeded',
        resourceGroup: 'rg-ml',
        sku: { capacity: null, family: null, model: null, name: 'Standard_LRS', size: null, tier: 'Standard' },
        tags: {},
        type: 'Microsoft.Storage/storageAccounts',
      };
      const estate = read({ 'az-workspace.json': azWorkspace, 'az-resource-list.json': [listed], 'az-datastores.json': azDatastores });
      const [storage] = estate.storageAccounts;
      expect(storage && estate.provenance?.unknown[storage.id]).toContain('privateEndpoints');
    });

    it('says it cannot tell for Terraform state, whose storage account carries no connection list', () => {
      // The fixture's account denies by default; an `azurerm_private_endpoint` of another configuration may reach it.
      // Its workspace without the managed network, which would reach the account through its own endpoints.
      const state = structuredClone(terraformState) as { values: { root_module: { resources: { type: string; values: Record<string, unknown> }[] } } };
      const workspace = state.values.root_module.resources.find((r) => r.type === 'azurerm_machine_learning_workspace');
      if (workspace) workspace.values.managed_network = [];
      const estate = read({ 'state.json': state });
      const [storage] = estate.storageAccounts;
      expect(storage && estate.provenance?.unknown[storage.id]).toContain('privateEndpoints');
      expectOnlyFinding(runRuleOn(restrictedStorageReachability, estate), {
        severity: 'info',
        message: ['Whether they reach it through a private endpoint cannot be told from the input'],
      });
    });

    it('warns for a Terraform plan that declares no private endpoint: the account it creates has none', () => {
      const plan = structuredClone(terraformPlan) as { planned_values: { root_module: { resources: { type: string; values: Record<string, unknown> }[] } } };
      const account = plan.planned_values.root_module.resources.find((r) => r.type === 'azurerm_storage_account');
      if (account) account.values.network_rules = [{ bypass: ['AzureServices'], default_action: 'Deny', ip_rules: [], private_link_access: [], virtual_network_subnet_ids: [] }];
      const estate = read({ 'plan.json': plan });
      const [storage] = estate.storageAccounts;
      expect(storage && estate.provenance?.unknown[storage.id]).toBeUndefined();
      expect(runRuleOn(restrictedStorageReachability, estate).map((f) => f.severity)).toEqual(['warning']);
    });
  });
});
