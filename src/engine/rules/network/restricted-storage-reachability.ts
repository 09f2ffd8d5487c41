import type { StorageNetworkSetting } from '../../model/types';
import { settingEvidence, settingKnown, uniqueSubjects } from '../helpers';
import { nameList } from '../datastore/storage-helpers';
import { defineRule } from '../catalog';

const NETWORK_WORDS: Partial<Record<StorageNetworkSetting, string>> = {
  selected_networks: 'admits only selected networks',
  trusted_services: 'admits only selected networks and trusted Azure services',
  private_endpoint: 'is reachable only through private endpoints',
};

/** R52: storage behind a firewall or virtual network is out of Azure ML's reach until the network allows it. */
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
      const datastores = context.estate.datastores.filter((d) => d.storageAccount === storage.id && !throughManagedNetwork.has(d.workspace));
      const workspaces = context.estate.workspaces.filter((w) => w.storageAccount === storage.id && !throughManagedNetwork.has(w.id));
      if (datastores.length === 0 && workspaces.length === 0) continue;
      const users = [
        ...datastores.map((d) => `datastore ${d.name}`),
        ...workspaces.map((w) => `workspace ${w.name} (default storage)`),
      ];
      const subnets = [
        ...new Set(
          datastores
            .flatMap((d) => topology.computesOf(d.workspace))
            .filter((c) => c.subnet !== undefined)
            .map((c) => c.name),
        ),
      ];
      const computeNote =
        subnets.length > 0
          ? ` Computes in a subnet: ${nameList(subnets)}; check that those subnets are allowed.`
          : '';
      yield {
        subjects: uniqueSubjects(storage.id, ...datastores.map((d) => d.id), ...workspaces.map((w) => w.id)),
        message: `Storage account ${storage.name} ${words}; ${nameList(users)} depend on it.${computeNote}`,
        consequence:
          'Jobs, studio previews and uploads through these datastores fail unless the computes and the workspace are given a network path to the account.',
        evidence: [settingEvidence(storage.id, 'network', storage.network)],
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
  },
});
