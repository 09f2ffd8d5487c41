import type { EntityId } from '../../model/ids';
import { settingEvidence } from '../helpers';
import type { Rule } from '../types';

/** R53: under network restrictions, which identity studio uses to preview a datastore's data. */
export const studioPreviewIdentity: Rule = {
  id: 'AML-NET-002',
  title: 'Identity studio uses to preview network-restricted data',
  area: 'network',
  severity: 'info',
  confidence: 'documented',
  facts: ['R53', 'R44'],
  sources: ['S1', 'S5'],
  description:
    "When a datastore sits on storage with network restrictions, who studio previews and profiles the data as changes: storage that admits only certain addresses or subnets, or that relies on the trusted-services exception, is read with the workspace managed identity; blob or ADLS Gen2 storage behind a virtual network is read with the person's own identity or the workspace identity, according to the datastore's preview setting. The rule states the outcome for each affected datastore, so that the right identity is given access.",
  *check(context) {
    const { topology } = context;
    for (const path of context.pathsOfKind('studio-preview')) {
      const datastore = topology.getOfKind(path.target as EntityId, 'datastore');
      const storage = topology.getOfKind(datastore?.storageAccount, 'storageAccount');
      if (!datastore || !storage || storage.network === 'public') continue;
      const why =
        storage.network === 'private_endpoint'
          ? datastore.serviceDataAccessAuthIdentity === 'None'
            ? 'the datastore does not opt into the workspace identity'
            : 'the datastore opts into the workspace identity'
          : storage.network === 'trusted_services'
            ? 'the account relies on the trusted-services exception'
            : 'the account admits only selected networks';
      const who =
        path.status === 'unsupported'
          ? 'no identity (preview with a stored credential is not supported there)'
          : path.identity.label;
      yield {
        subjects: [datastore.id, storage.id],
        message: `Studio previews ${datastore.name} as ${who}, because ${why}.`,
        consequence:
          'Only that identity needs read access on the data for studio preview and profiling to work.',
        evidence: [
          settingEvidence(storage.id, 'network', storage.network),
          settingEvidence(
            datastore.id,
            'service_data_access_auth_identity',
            datastore.serviceDataAccessAuthIdentity,
          ),
        ],
        pathIds: [path.id],
      };
    }
  },
};
