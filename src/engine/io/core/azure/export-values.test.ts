import { describe, expect, it } from 'vitest';
import { readInputs } from '../../inputs';

const SUB = '/subscriptions/11111111-2222-3333-4444-555555555555';
const RG = `${SUB}/resourceGroups/rg-ml`;

// An AKS cluster as `az graph query -q "resources | where type =~ 'microsoft.containerservice/managedclusters'"` prints it.
const aks = (clientId: string) => ({
  count: 1,
  data: [
    {
      id: `${RG}/providers/Microsoft.ContainerService/managedClusters/aks-infer`,
      name: 'aks-infer',
      type: 'microsoft.containerservice/managedclusters',
      location: 'eastus',
      resourceGroup: 'rg-ml',
      subscriptionId: '11111111-2222-3333-4444-555555555555',
      properties: { servicePrincipalProfile: { clientId }, kubernetesVersion: '1.30.4', enableRBAC: true },
    },
  ],
  skip_token: null,
  total_records: 1,
});

describe('values an export gives in a shape Azure never prints', () => {
  it('an AKS service principal profile: a GUID is the cluster principal, `msi` a managed identity, anything else a warning', () => {
    const read = (clientId: string) => readInputs([{ file: 'aks.json', text: JSON.stringify(aks(clientId), null, 2) }]);
    const sp = read('cccccccc-0000-4000-8000-0000000000aa');
    expect(sp.estate?.servicePrincipals.map((p) => p.appId)).toEqual(['cccccccc-0000-4000-8000-0000000000aa']);
    expect(read('msi').estate?.servicePrincipals).toEqual([]);
    const odd = read('GPU-CLUSTER');
    expect(odd.estate?.servicePrincipals).toEqual([]);
    expect(odd.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining('expected a GUID for `clientId`, found `GPU-CLUSTER`') }),
    );
  });

  it('a date that is not ISO (`-1`, which Date.parse takes for a year) is warned about and left out', () => {
    const endpoint = (createdAt: unknown) => [
      {
        auth_mode: 'aad_token',
        id: `${RG}/providers/Microsoft.MachineLearningServices/workspaces/ws-prod/onlineEndpoints/ep-score`,
        identity: { type: 'system_assigned', principal_id: 'bbbbbbbb-0000-4000-8000-0000000000e1', tenant_id: '72f988bf-86f1-41af-91ab-2d7cd011db47' },
        location: 'eastus',
        name: 'ep-score',
        properties: { createdAt, createdBy: 'eeeeeeee-0000-4000-8000-000000000001' },
        provisioning_state: 'Succeeded',
        public_network_access: 'enabled',
        resourceGroup: 'rg-ml',
        scoring_uri: 'https://ep-score.eastus.inference.ml.azure.com/score',
        traffic: {},
      },
    ];
    const read = (createdAt: unknown) => readInputs([{ file: 'online-endpoint-list.json', text: JSON.stringify(endpoint(createdAt), null, 2) }]);
    expect(read('2025-01-10T09:30:00.000000+00:00').estate?.onlineEndpoints[0]?.createdOn).toBe('2025-01-10T09:30:00.000000+00:00');
    const odd = read(-1);
    expect(odd.estate?.onlineEndpoints[0]?.createdOn).toBeUndefined();
    expect(odd.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining('expected a date for `createdAt`, found `-1`') }),
    );
  });
});
