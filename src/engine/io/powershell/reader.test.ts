import { describe, expect, it } from 'vitest';
import type { Estate } from '../../model/types';
import { detectFormat } from '../detect';
import { readInputs } from '../inputs';
import { parseDocuments } from '../core/source';
import { readPowerShell } from './index';
import resourcesText from './fixtures/get-azresource.json?raw';
import assignmentsText from './fixtures/get-azroleassignment.json?raw';
import cutText from './fixtures/get-azresource-default-depth.json?raw';

const RG = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-ml';
const WS = `${RG}/providers/Microsoft.MachineLearningServices/workspaces/ws-prod`;

describe('Azure PowerShell exports', () => {
  it('reads Get-AzResource -ExpandProperties objects (ResourceId, no id) through the ARM mapping', () => {
    const result = readPowerShell(resourcesText, 'resources.json');
    const estate = result.estate as Estate;
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(estate.workspaces[0]).toMatchObject({
      id: WS,
      publicNetworkAccess: 'Disabled',
      systemDatastoresAuthMode: 'identity',
      identity: { system: true, userAssigned: [] },
      tags: { env: 'prod' },
    });
    expect(estate.systemAssignedIdentities[0]?.principalId).toBe('aaaaaaaa-0000-4000-8000-000000000001');
    expect(estate.storageAccounts[0]).toMatchObject({ isHnsEnabled: true, network: 'trusted_services' });
    expect(result.skipped).toEqual([expect.objectContaining({ kind: 'microsoft.network/virtualnetworks' })]);
  });

  it('reads a single object as well as a list', () => {
    const single = JSON.stringify((JSON.parse(resourcesText) as unknown[])[1]);
    expect(readPowerShell(single, 'one.json').estate?.storageAccounts).toHaveLength(1);
  });

  it('reads Get-AzRoleAssignment objects and merges them with the resources', () => {
    const result = readInputs([
      { file: 'resources.json', text: resourcesText },
      { file: 'assignments.json', text: assignmentsText },
    ]);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.inputs?.map((i) => i.format)).toEqual(['powershell', 'powershell']);
    expect(result.estate?.roleAssignments.map((a) => [a.principal, a.role, a.scope])).toEqual([
      ['user:eeeeeeee-0000-4000-8000-000000000001', 'f6c7c914-8db3-469d-8ca1-694a8f32e121', WS],
    ]);
    expect(result.estate?.users[0]?.userPrincipalName).toBe('alice@contoso.com');
  });

  it('is told apart from az CLI output by ResourceId', () => {
    expect(detectFormat(parseDocuments(resourcesText, 'r.json').docs).format).toBe('powershell');
    const az = JSON.stringify({
      id: WS,
      type: 'Microsoft.MachineLearningServices/workspaces',
      name: 'ws-prod',
    });
    expect(detectFormat(parseDocuments(az, 'a.json').docs).format).not.toBe('powershell');
  });

  it('refuses an export ConvertTo-Json cut at its default -Depth of 2, at the first value it cut, saying how to export', () => {
    // `Get-AzResource -ResourceGroupName rg-ml -ExpandProperties | ConvertTo-Json` without -Depth: nested objects
    // are written as their text (`@{status=enabled}`), so identities, network rules and encryption are lost.
    const result = readInputs([{ file: 'resources.json', text: cutText }, { file: 'assignments.json', text: assignmentsText }]);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toEqual([
      expect.objectContaining({
        file: 'resources.json',
        line: 25,
        path: '[0].Properties.policies.azureADAuthenticationAsArmPolicy',
        message: expect.stringContaining('`@{status=enabled}` is an object ConvertTo-Json wrote as text'),
      }),
    ]);
    expect(errors[0]?.message).toContain('Export again with `ConvertTo-Json -Depth 20`');
    expect(result.inputs?.map((i) => i.used)).toEqual([false, true]);
  });

  it('reads a Logic App expression or a tag that merely starts like that text as a value', () => {
    const logicApp = JSON.stringify({
      ResourceId: `${RG}/providers/Microsoft.Logic/workflows/wf-score`,
      ResourceType: 'Microsoft.Logic/workflows',
      Name: 'wf-score',
      Tags: { note: '@{body(\'score\')}' },
      Properties: { definition: { actions: { Compose: { inputs: "@{triggerBody()?['text']}" } } } },
    });
    expect(readPowerShell(logicApp, 'workflow.json').diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
