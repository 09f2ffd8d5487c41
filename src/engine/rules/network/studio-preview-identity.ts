import type { EntityId } from '../../model/ids';
import { settingEvidence } from '../helpers';
import { defineRule } from '../catalog';

/** R53: under network restrictions, which identity studio uses to preview a datastore's data. */
export const studioPreviewIdentity = defineRule('AML-NET-002', {
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
});
