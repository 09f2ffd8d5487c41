import type { EntityId } from '../../model/ids';
import type { StorageAccount, StorageNetworkSetting, Workspace } from '../../model/types';
import { noteEvidence, settingEvidence, settingKnown, uniqueSubjects } from '../helpers';
import { nameList } from '../datastore/storage-helpers';
import type { FindingDraft, RuleContext } from '../types';
import { defineRule } from '../catalog';
import { DATASTORE_GROUPS, DEFAULT_STORAGE_GROUPS, privateReach } from './private-reach';

const NETWORK_WORDS: Partial<Record<StorageNetworkSetting, string>> = {
  selected_networks: 'admits only selected networks',
  trusted_services: 'admits only selected networks and trusted Azure services',
  private_endpoint: 'is reachable only through private endpoints',
};

/** One datastore or workspace that depends on a storage account, and how the estate says it gets there. */
interface StorageUser {
  id: EntityId;
  label: string;
  workspace: EntityId;
  reach: ReturnType<typeof privateReach>;
}

/** The finding for the users of `storage` that share one answer: certain for `none`, said as unknown otherwise. */
function draftFor(
  context: RuleContext,
  storage: StorageAccount,
  words: string,
  users: StorageUser[],
  certain: boolean,
): FindingDraft {
  const subnets = [
    ...new Set(
      users
        .filter((u) => u.id !== u.workspace)
        .flatMap((u) => context.topology.computesOf(u.workspace))
        .filter((c) => c.subnet !== undefined)
        .map((c) => c.name),
    ),
  ];
  const computeNote =
    subnets.length > 0 ? ` Computes in a subnet: ${nameList(subnets)}; check that those subnets are allowed.` : '';
  const notes = [
    ...new Set(users.flatMap((u) => (u.reach.kind === 'none' && u.reach.note ? [u.reach.note] : u.reach.kind === 'unknown' ? [u.reach.reason] : []))),
  ];
  const dependants = `${nameList(users.map((u) => u.label))} depend on it`;
  return {
    subjects: uniqueSubjects(storage.id, ...users.map((u) => u.id)),
    ...(certain
      ? { message: `Storage account ${storage.name} ${words}; ${dependants}.${computeNote}` }
      : {
          // Not asserted: whether a private endpoint gives the way in is what the input leaves open.
          severity: 'info' as const,
          discriminator: 'unknown-private-endpoint',
          message: `Storage account ${storage.name} ${words}; ${dependants}. Whether they reach it through a private endpoint cannot be told from the input.${computeNote}`,
        }),
    consequence: certain
      ? 'Jobs, studio previews and uploads through these datastores fail unless the computes and the workspace are given a network path to the account.'
      : 'If no private endpoint serves them, jobs, studio previews and uploads through these datastores fail until the computes and the workspace are given a network path to the account.',
    evidence: [settingEvidence(storage.id, 'network', storage.network), ...notes.map((note) => noteEvidence(note))],
    fix: {
      summary: `Give Azure ML a network path to ${storage.name}: allow the compute subnets, add private endpoints in the compute network, or enable the trusted-services or resource-instance exception for the workspace.`,
      actions: [
        {
          kind: 'manual',
          text: `Add the compute subnets to the firewall of ${storage.name} (az storage account network-rule add --subnet <subnet id>), or create private endpoints for its blob and file services in the compute virtual network.`,
        },
      ],
    },
  };
}

/**
 * R52: storage behind a firewall or virtual network is out of Azure ML's reach until the network allows it. A
 * workspace with a managed network, or whose network holds the account's private endpoints, has that way in.
 */
export const restrictedStorageReachability = defineRule('AML-NET-001', {
  *check(context) {
    const { topology } = context;
    for (const storage of context.estate.storageAccounts) {
      const words = NETWORK_WORDS[storage.network];
      if (words === undefined) continue;
      // A workspace with a managed network reaches its default storage through the managed private endpoints Azure
      // ML creates to its dependencies (R83, S8), so neither it nor its datastores on that account need another path.
      const throughManagedNetwork = new Set(
        context.estate.workspaces
          .filter((w) => w.storageAccount === storage.id && settingKnown(context, w.id, 'managedNetwork') && w.managedNetwork.isolationMode !== 'disabled')
          .map((w) => w.id),
      );
      const reachOf = (workspaceId: EntityId, groups: readonly string[]) => {
        const workspace = topology.getOfKind(workspaceId, 'workspace') as Workspace | undefined;
        return workspace === undefined ? ({ kind: 'none' } as const) : privateReach(context, storage, workspace, groups);
      };
      const users: StorageUser[] = [
        ...context.estate.datastores
          .filter((d) => d.storageAccount === storage.id && !throughManagedNetwork.has(d.workspace))
          .map((d) => ({ id: d.id, label: `datastore ${d.name}`, workspace: d.workspace, reach: reachOf(d.workspace, DATASTORE_GROUPS[d.datastoreType]) })),
        ...context.estate.workspaces
          .filter((w) => w.storageAccount === storage.id && !throughManagedNetwork.has(w.id))
          .map((w) => ({ id: w.id, label: `workspace ${w.name} (default storage)`, workspace: w.id, reach: reachOf(w.id, DEFAULT_STORAGE_GROUPS) })),
      ];
      const unreached = users.filter((u) => u.reach.kind === 'none');
      const unknown = users.filter((u) => u.reach.kind === 'unknown');
      if (unreached.length > 0) yield draftFor(context, storage, words, unreached, true);
      if (unknown.length > 0) yield draftFor(context, storage, words, unknown, false);
    }
  },
});
