import { describe, expect, it } from 'vitest';
import { analyze } from '../analysis/analyze';
import type { Diagnostic, Estate } from '../model/types';
import { detectFormat } from './detect';
import { readInputs, type InputFile } from './inputs';
import { parseDocuments } from './core/source';
import template from './arm/fixtures/workspace-uai.template.json';
import connectionList from './azcli/fixtures/connection-list.json';
import datastoreList from './azcli/fixtures/datastore-list.json';
import endpointList from './azcli/fixtures/online-endpoint-list.json';
import groupMembers from './azcli/fixtures/group-ml-team.json';
import identityList from './azcli/fixtures/identity-list.json';
import deploymentShow from './azcli/fixtures/online-deployment-show.json';
import roleAssignments from './azcli/fixtures/role-assignment-list.json';
import roleDefinitions from './azcli/fixtures/role-definition-list.json';
import workspaceShow from './azcli/fixtures/workspace-show.json';
import resourcesPage from './resource-graph/fixtures/resources-page-1.json';
import authorization from './resource-graph/fixtures/authorization.json';

const SUB_GUID = '11111111-2222-3333-4444-555555555555';
const RG = `/subscriptions/${SUB_GUID}/resourceGroups/rg-ml`;
const WS = `${RG}/providers/Microsoft.MachineLearningServices/workspaces/ws-prod`;
const UAI_WS = `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-ws`;
const ALICE = 'user:eeeeeeee-0000-4000-8000-000000000001';

const json = (value: unknown) => JSON.stringify(value, null, 2);
const input = (file: string, value: unknown): InputFile => ({
  file,
  text: typeof value === 'string' ? value : json(value),
});
const errors = (result: { diagnostics: Diagnostic[] }) =>
  result.diagnostics.filter((d) => d.severity === 'error');

function merged(...inputs: InputFile[]): Estate {
  const result = readInputs(inputs);
  expect(errors(result)).toEqual([]);
  expect(result.estate).toBeDefined();
  return result.estate as Estate;
}

const nativeDesign = `version: 1
name: design
subscriptions:
  - id: ${SUB_GUID}
resource_groups:
  - name: rg-ml
users:
  - name: Alice
    object_id: eeeeeeee-0000-4000-8000-000000000001
groups:
  - name: ml-team
    members: [Alice]
`;

describe('readInputs: merging az CLI output', () => {
  const estate = merged(
    input('identity-list.json', identityList),
    input('role-assignment-list.json', roleAssignments),
    input('workspace-show.json', workspaceShow),
  );

  it('merges the placeholder principal of a role assignment into the identity declared elsewhere', () => {
    expect(estate.servicePrincipals).toEqual([]);
    expect(estate.userAssignedIdentities.map((u) => u.id)).toEqual([
      UAI_WS,
      `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-train`,
    ]);
    expect(estate.roleAssignments.filter((a) => a.principal === UAI_WS)).toHaveLength(4);
    expect(estate.userAssignedIdentities[0]?.source?.file).toBe('identity-list.json');
  });

  it('resolves the workspace dependency paths with the primary identity and its observed grants', () => {
    const paths = analyze(estate).paths.filter((p) => p.kind === 'workspace-dependency' && p.actor === WS);
    expect(paths.length).toBeGreaterThanOrEqual(4);
    expect(paths.every((p) => p.identity.principal === UAI_WS)).toBe(true);
    const toWorkspace = paths.find((p) => p.target === WS);
    expect(toWorkspace?.status).toBe('granted');
    const grant = toWorkspace?.requirements[0]?.decision;
    expect(JSON.stringify(grant)).toContain('10000000-0000-4000-8000-000000000001');
    const toStorage = paths.find(
      (p) => p.target === `${RG}/providers/Microsoft.Storage/storageAccounts/stmlprod`,
    );
    expect(toStorage?.status).toBe('granted');
  });

  it('says which resources are known only by reference', () => {
    const result = readInputs([input('workspace-show.json', workspaceShow)]);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'info',
        message: expect.stringMatching(
          /known only because something refers to them \(storage account `stmlprod`/,
        ),
      }),
      // No role assignments were exported with it, so grants are not judged (issue 14 item 3).
      expect.objectContaining({ severity: 'info', message: expect.stringContaining('az role assignment list --all --include-inherited -o json') }),
    ]);
  });

  it('warns about a custom role that no input defines, naming it, and stops once the definition is given', () => {
    const without = readInputs([input('ra.json', roleAssignments)]);
    expect(without.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          severity: 'warning',
          message: expect.stringContaining('`ML Job Operator`'),
          file: 'ra.json',
        }),
      ]),
    );
    const withDefinitions = readInputs([
      input('ra.json', roleAssignments),
      input('roles.json', roleDefinitions),
    ]);
    expect(withDefinitions.diagnostics.filter((d) => d.message.includes('ML Job Operator'))).toEqual([]);
  });

  it('merges a group member list with the group a role assignment names, by display name', () => {
    const e = merged(input('ra.json', roleAssignments), input('group-ml-team.json', groupMembers));
    const team = e.groups.find((g) => g.name === 'ml-team');
    expect(team?.id).toBe('group:ffffffff-0000-4000-8000-000000000001');
    expect(team?.members).toContain(ALICE);
    expect(e.users.find((u) => u.id === ALICE)?.name).toBe('alice@contoso.com');
  });

  it('resolves a principal known only by object id to whoever has that id', () => {
    const e = merged(input('ep.json', endpointList), input('ra.json', roleAssignments));
    expect(e.onlineEndpoints[0]?.createdBy).toBe(ALICE);
    const alone = readInputs([input('ep.json', endpointList)]);
    expect(alone.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: 'info', message: expect.stringContaining('match no principal') }),
      ]),
    );
  });
});

describe('readInputs: merging formats', () => {
  it('merges a native design with az CLI exports: the user declared by name gets the observed assignments', () => {
    const e = merged({ file: 'design.yaml', text: nativeDesign }, input('ra.json', roleAssignments));
    const alice = e.users.filter((u) => u.objectId === 'eeeeeeee-0000-4000-8000-000000000001');
    expect(alice).toHaveLength(1);
    expect(alice[0]?.name).toBe('Alice');
    expect(alice[0]?.source?.file).toBe('design.yaml');
    expect(e.roleAssignments.filter((a) => a.principal === alice[0]?.id)).toHaveLength(2);
    expect(e.groups.find((g) => g.name === 'ml-team')?.members).toEqual([alice[0]?.id]);
    expect(e.subscriptions).toHaveLength(1);
  });

  it('merges Resource Graph rows with az CLI output of the same resources, and deduplicates assignments', () => {
    const e = merged(
      input('page.json', resourcesPage),
      input('ws.json', workspaceShow),
      input('auth.json', authorization),
      input('ra.json', roleAssignments),
    );
    expect(e.workspaces).toHaveLength(1);
    expect(e.storageAccounts).toHaveLength(1);
    expect(e.storageAccounts[0]?.allowSharedKeyAccess).toBe(false);
    // The same grant (UAI, Contributor, workspace) appears in both exports with different ids: it is kept once.
    const contributorOnWs = e.roleAssignments.filter(
      (a) => a.principal === UAI_WS && a.role === 'b24988ac-6180-42a0-ab88-20f7382dd24c' && a.scope === WS,
    );
    expect(contributorOnWs).toHaveLength(1);
  });

  it('reports a conflict between two files with both locations and keeps the first value', () => {
    const disabled = json(workspaceShow);
    const enabled = disabled.replace(
      '"public_network_access": "Disabled"',
      '"public_network_access": "Enabled"',
    );
    const result = readInputs([
      { file: 'a.json', text: disabled },
      { file: 'b.json', text: enabled },
    ]);
    expect(result.estate?.workspaces[0]?.publicNetworkAccess).toBe('Disabled');
    const line = (text: string) => text.slice(0, text.indexOf('"public_network_access"')).split('\n').length;
    expect(result.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          severity: 'warning',
          file: 'b.json',
          line: line(enabled),
          message: expect.stringContaining(
            '`publicNetworkAccess` is `Enabled` here but `Disabled` in a.json',
          ),
          related: expect.objectContaining({ file: 'a.json', line: line(disabled) }),
        }),
      ]),
    );
  });

  it('lets a design (ARM template) and its observed deployment meet on the same ids', () => {
    const e = merged(
      {
        file: 'main.json',
        text: json(template),
        deployment: { subscriptionId: SUB_GUID, resourceGroup: 'rg-ml' },
      },
      input('ra.json', roleAssignments),
    );
    expect(e.assignmentsOrigin).toBe('planned');
    expect(e.roleAssignments.filter((a) => a.origin === 'planned').length).toBeGreaterThan(0);
    expect(e.roleAssignments.filter((a) => a.origin === 'observed')).toHaveLength(7);
    expect(e.users.filter((u) => u.objectId === 'eeeeeeee-0000-4000-8000-000000000001')).toHaveLength(1);
  });

  it('merges az ml YAML with az CLI output on the same ids', () => {
    const endpointYaml = `$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineEndpoint.schema.json
id: ${WS}/onlineEndpoints/ep-yaml
name: ep-yaml
auth_mode: aad_token
identity:
  type: user_assigned
  user_assigned_identities:
    - resource_id: ${UAI_WS}
`;
    const e = merged(
      { file: 'endpoint.yml', text: endpointYaml },
      input('ws.json', workspaceShow),
      input('ids.json', identityList),
    );
    expect(e.workspaces).toHaveLength(1);
    expect(e.onlineEndpoints[0]).toMatchObject({
      workspace: WS,
      authMode: 'aad_token',
      identity: { system: false, userAssigned: [UAI_WS] },
    });
    expect(e.userAssignedIdentities.find((u) => u.id === UAI_WS)?.clientId).toBe(
      'cccccccc-0000-4000-8000-000000000001',
    );
  });

  it('moves a template workspace with no name to the only real workspace only within the group it is deployed to', () => {
    // Found by the mixed fuzz: deployed to rg-data, it was merged with ws-prod of rg-ml, and the merged workspace
    // had its id in one group and its resource group in the other.
    const design = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: { workspaceName: { type: 'string' } },
      resources: [
        {
          type: 'Microsoft.MachineLearningServices/workspaces/computes',
          apiVersion: '2024-04-01',
          name: "[format('{0}/{1}', parameters('workspaceName'), 'gpu')]",
          properties: { computeType: 'AmlCompute' },
        },
      ],
    };
    const at = (resourceGroup: string) =>
      readInputs([
        { file: 'compute.json', text: json(design), deployment: { subscriptionId: SUB_GUID, resourceGroup } },
        input('ws.json', workspaceShow),
      ]).estate;
    const elsewhere = at('rg-data');
    expect(elsewhere?.computes.find((c) => c.name === 'gpu')?.workspace).not.toBe(WS);
    for (const w of elsewhere?.workspaces ?? []) expect(w.id.toLowerCase().startsWith(`${w.resourceGroup.toLowerCase()}/`)).toBe(true);
    expect(at('rg-ml')?.computes.find((c) => c.name === 'gpu')?.workspace).toBe(WS);
  });

  it('matches a workspace an input could only place under a stand-in scope by its name', () => {
    const computeYaml = `$schema: https://azuremlschemas.azureedge.net/latest/amlCompute.schema.json
name: yaml-cluster
type: amlcompute
size: STANDARD_DS3_V2
identity:
  type: system_assigned
`;
    const fromYaml = merged({ file: 'cluster.yml', text: computeYaml }, input('ws.json', workspaceShow));
    expect(fromYaml.workspaces.map((w) => w.id)).toEqual([WS]);
    expect(fromYaml.computes[0]).toMatchObject({ id: `${WS}/computes/yaml-cluster`, workspace: WS });
    expect(fromYaml.systemAssignedIdentities.map((s) => s.owner)).toContain(`${WS}/computes/yaml-cluster`);
    expect(fromYaml.resourceGroups.map((g) => g.id)).toEqual([RG]);
    expect(fromYaml.subscriptions).toHaveLength(1);

    const design = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      resources: [
        {
          type: 'Microsoft.MachineLearningServices/workspaces',
          apiVersion: '2024-04-01',
          name: 'ws-prod',
          identity: { type: 'SystemAssigned' },
          properties: { publicNetworkAccess: 'Enabled' },
        },
      ],
    };
    const result = readInputs([input('ws.json', workspaceShow), input('design.json', design)]);
    expect(result.estate?.workspaces.map((w) => w.id)).toEqual([WS]);
    expect(result.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          severity: 'warning',
          file: 'design.json',
          message: expect.stringContaining(
            '`publicNetworkAccess` is `Enabled` here but `Disabled` in ws.json',
          ),
        }),
      ]),
    );
  });

  it('drops every credential value, whatever the format', () => {
    const result = readInputs([
      input('ds.json', datastoreList),
      input('conn.json', connectionList),
      input('dep.json', deploymentShow),
      input('ws.json', workspaceShow),
    ]);
    expect(errors(result)).toEqual([]);
    const text = JSON.stringify(result.estate);
    for (const secret of [
      'Zm9vYmFyYmF6cXV4Zm9vYmFy',
      'verysecretvalue',
      'TESTPATxK9dP2mQ7vL4nR8tY3wZ6bC1fH5jG0aE',
      'TESTKEYa8Kd93nVb2LqP0wXz7RtY6uMc4EhJ',
      '3f1e2d4c5b6a79880011223344556677',
      'c2VjcmV0c2VjcmV0',
    ])
      expect(text).not.toContain(secret);
    expect(result.estate?.datastores.find((d) => d.name === 'raw_external')?.credentialKind).toBe(
      'account_key',
    );
    expect(result.estate?.connections.find((c) => c.name === 'github-repo')?.credentialKind).toBe('pat');
  });
});

describe('readInputs: files with errors', () => {
  it('leaves a broken file out and reads the others', () => {
    const result = readInputs([
      input('ws.json', workspaceShow),
      { file: 'broken.json', text: '{ "id": ' },
      input('ids.json', identityList),
    ]);
    expect(result.estate?.workspaces).toHaveLength(1);
    expect(result.estate?.userAssignedIdentities).toHaveLength(2);
    expect(result.inputs?.map((i) => [i.file, i.format, i.used])).toEqual([
      ['ws.json', 'azcli-json', true],
      ['broken.json', 'unknown', false],
      ['ids.json', 'azcli-json', true],
    ]);
    expect(errors(result)).toEqual([expect.objectContaining({ file: 'broken.json', line: 1 })]);
    expect(result.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          severity: 'warning',
          message: expect.stringContaining('broken.json was left out'),
        }),
      ]),
    );
  });

  it('rejects the estate only when nothing usable remains', () => {
    const result = readInputs([
      { file: 'a.json', text: '[{"foo": 1}]' },
      { file: 'b.txt', text: '42' },
    ]);
    expect(result.estate).toBeUndefined();
    expect(errors(result).map((d) => d.file)).toEqual(['a.json', 'b.txt']);
    expect(errors(result)[1]?.message).toContain('unrecognised input');
    expect(readInputs([]).estate).toBeUndefined();
  });

  it('passes a lone native estate through untouched', () => {
    const result = readInputs([{ file: 'design.yaml', text: nativeDesign }]);
    expect(result.diagnostics).toEqual([]);
    expect(result.estate?.name).toBe('design');
    expect(result.estate?.users[0]?.id).toBe(ALICE);
  });

  it('points az ml YAML at its reader hook', () => {
    const result = readInputs([
      {
        file: 'ws.yml',
        text: '$schema: https://azuremlschemas.azureedge.net/latest/workspace.schema.json\nname: ws\n',
      },
    ]);
    expect(result.inputs?.[0]?.format).toBe('azml-yaml');
  });
});

describe('detectFormat', () => {
  const detect = (text: string) => detectFormat(parseDocuments(text, 'x').docs, text).format;

  it('tells each format by its content', () => {
    expect(detect(nativeDesign)).toBe('native');
    expect(detect(json(workspaceShow))).toBe('azcli-json');
    expect(detect(json(roleAssignments))).toBe('azcli-json');
    expect(detect('[]')).toBe('azcli-json');
    expect(detect(json(resourcesPage))).toBe('resource-graph');
    expect(detect(json([resourcesPage, resourcesPage]))).toBe('resource-graph');
    expect(detect(json(resourcesPage.data))).toBe('resource-graph');
    expect(detect(json(template))).toBe('arm-template');
    expect(
      detect(
        json({
          $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
          parameters: {},
        }),
      ),
    ).toBe('arm-parameters');
    expect(
      detect(
        '$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineEndpoint.schema.json\nname: ep\n',
      ),
    ).toBe('azml-yaml');
    expect(detect('{"hello": "world"}')).toBe('unknown');
    expect(detect('nme: typo\nworkspacs: []\n')).toBe('native');
  });
});
