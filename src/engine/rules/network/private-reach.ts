import type { DatastoreType, PrivateEndpointLink, StorageAccount, Workspace } from '../../model/types';
import { settingKnown } from '../helpers';
import type { RuleContext } from '../types';

/**
 * Whether a workspace reaches a storage account through the account's private endpoints: an endpoint for each
 * sub-resource it uses, in a virtual network the workspace works in. Azure ML wants the storage private endpoints
 * in the virtual network of the workspace's own private endpoint (R54, S5), and its computes reach the account from
 * their subnets' network.
 */

/** What the estate tells of one workspace's way to one storage account through private endpoints. */
export type PrivateReach =
  | { kind: 'reached' }
  /** No endpoint reaches the account from the workspace's networks; `note` says what endpoints there are. */
  | { kind: 'none'; note?: string }
  /** The estate cannot tell; `reason` says what is missing. */
  | { kind: 'unknown'; reason: string };

/**
 * The storage sub-resources each use goes through. The default storage holds artifacts in blobs and notebooks in a
 * file share, so it needs both (https://learn.microsoft.com/azure/machine-learning/how-to-secure-workspace-vnet#secure-azure-storage-accounts);
 * a Data Lake Gen2 account needs a blob endpoint beside its dfs one
 * (https://learn.microsoft.com/azure/storage/common/storage-private-endpoints#creating-a-private-endpoint).
 */
export const DEFAULT_STORAGE_GROUPS: readonly string[] = ['blob', 'file'];
export const DATASTORE_GROUPS: Readonly<Record<DatastoreType, readonly string[]>> = {
  azure_blob: ['blob'],
  azure_file: ['file'],
  azure_data_lake_gen2: ['dfs', 'blob'],
  azure_data_lake_gen1: [],
};

/** Approval states in which an endpoint carries no traffic. */
const IDLE_STATES = new Set(['pending', 'rejected', 'disconnected']);

/** Whether an endpoint may carry traffic: approved, or requested for automatic approval. */
function inService(link: PrivateEndpointLink): boolean {
  return link.status === undefined || !IDLE_STATES.has(link.status.toLowerCase());
}

/** The virtual network of a subnet id (`.../virtualNetworks/<vnet>/subnets/<subnet>`), lower-cased for comparison. */
function networkOfSubnet(subnet: string): string | undefined {
  const at = subnet.toLowerCase().lastIndexOf('/subnets/');
  return at > 0 ? subnet.slice(0, at).toLowerCase() : undefined;
}

/** The last segment of a virtual network id, for messages. */
function networkName(network: string): string {
  return network.slice(network.lastIndexOf('/') + 1);
}

/**
 * The virtual networks a workspace works in: those of its own private endpoints and of its computes' subnets.
 * `partial` when one of its private endpoints has no known subnet, or its endpoints are unknown.
 */
function workspaceNetworks(context: RuleContext, workspace: Workspace): { networks: Set<string>; partial: boolean } {
  const networks = new Set<string>();
  let partial = !settingKnown(context, workspace.id, 'privateEndpoints');
  for (const link of workspace.privateEndpoints ?? []) {
    if (!inService(link)) continue;
    const network = link.subnet === undefined ? undefined : networkOfSubnet(link.subnet);
    if (network === undefined) partial = true;
    else networks.add(network);
  }
  for (const compute of context.topology.computesOf(workspace.id)) {
    const network = compute.subnet === undefined ? undefined : networkOfSubnet(compute.subnet);
    if (network !== undefined) networks.add(network);
  }
  return { networks, partial };
}

/** How `workspace` reaches `storage` for the sub-resources `groups` through the account's private endpoints. */
export function privateReach(
  context: RuleContext,
  storage: StorageAccount,
  workspace: Workspace,
  groups: readonly string[],
): PrivateReach {
  // No sub-resource to judge (a Gen1 store is no storage account): the rule's warning stands as it was.
  if (groups.length === 0) return { kind: 'none' };
  const endpointsKnown = settingKnown(context, storage.id, 'privateEndpoints');
  const all = storage.privateEndpoints ?? [];
  const links = all.filter(inService);
  const idleFor = (group: string) => all.find((l) => !inService(l) && l.groupIds?.some((g) => g.toLowerCase() === group));
  if (links.length === 0) {
    // Absent is unknown, not "none": an export without the account's connection list, or a template endpoint
    // whose target cannot be worked out. The account's own list tells.
    if (!endpointsKnown)
      return {
        kind: 'unknown',
        reason: `The input does not say which private endpoints reach ${storage.name} (no export of it lists its \`privateEndpointConnections\`, or an endpoint's target cannot be worked out); \`az storage account show --ids ${storage.armId} -o json\` would tell.`,
      };
    const idle = [...new Set(all.flatMap((l) => (l.status === undefined ? [] : [l.status])))];
    return idle.length > 0
      ? { kind: 'none', note: `The private endpoints of ${storage.name} carry no traffic: their connections are ${idle.join(', ')}.` }
      : { kind: 'none' };
  }
  const { networks, partial } = workspaceNetworks(context, workspace);
  const unsure: string[] = [];
  for (const group of groups) {
    const serving = links.filter((l) => l.groupIds === undefined || l.groupIds.some((g) => g.toLowerCase() === group));
    const inNetwork = (l: PrivateEndpointLink) => l.subnet !== undefined && networks.has(networkOfSubnet(l.subnet) ?? '');
    if (serving.some((l) => l.groupIds !== undefined && inNetwork(l))) continue;
    if (serving.some((l) => l.groupIds === undefined || l.subnet === undefined) || (serving.length > 0 && partial) || !endpointsKnown) {
      unsure.push(group);
      continue;
    }
    const idle = idleFor(group);
    const elsewhere = [...new Set(serving.flatMap((l) => (l.subnet === undefined ? [] : [networkName(networkOfSubnet(l.subnet) ?? '')])))];
    return {
      kind: 'none',
      note:
        serving.length > 0
          ? `The ${group} private endpoint of ${storage.name} is in ${elsewhere.join(', ')}, where no compute or private endpoint of ${workspace.name} is.`
          : idle?.status !== undefined
            ? `The ${group} private endpoint of ${storage.name} carries no traffic: its connection is ${idle.status}.`
            : `${storage.name} has private endpoints, but none for its ${group} service.`,
    };
  }
  if (unsure.length === 0) return { kind: 'reached' };
  return {
    kind: 'unknown',
    reason: `${storage.name} has private endpoints, but the input does not show whether its ${unsure.join(' and ')} ${unsure.length > 1 ? 'services are' : 'service is'} reached from a network ${workspace.name} works in (an endpoint's target, sub-resource or subnet, or the workspace's own network, is not given).`,
  };
}
