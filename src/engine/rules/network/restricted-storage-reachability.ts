import type { StorageNetworkSetting } from '../../model/types';
import { settingEvidence, uniqueSubjects } from '../helpers';
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
      const datastores = context.estate.datastores.filter((d) => d.storageAccount === storage.id);
      const workspaces = context.estate.workspaces.filter((w) => w.storageAccount === storage.id);
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
