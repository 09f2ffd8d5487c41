import type { EntityId } from '../../model/ids';
import { missingGrantDrafts } from '../helpers';
import type { FindingDraft } from '../types';
import { mergeDrafts } from './storage-helpers';
import { defineRule } from '../catalog';

/** R42, second half: a stored service principal is judged by the storage like any other identity. */
export const credentialPrincipalRole = defineRule('AML-DS-009', {
  check(context) {
    const drafts: FindingDraft[] = [];
    const { topology } = context;
    for (const path of context.pathsOfKind('job-datastore')) {
      if (path.identity.kind !== 'credential') continue;
      const datastore = topology.getOfKind(path.target as EntityId, 'datastore');
      const principal = datastore?.credentialPrincipal;
      if (!datastore || principal === undefined) continue;
      const asPrincipal = { ...path, identity: { ...path.identity, principal } };
      drafts.push(
        ...missingGrantDrafts(context, asPrincipal, {
          consequence:
            'Azure ML releases the credential, but the storage refuses the service principal, so the job fails on this data.',
          select: (r) => r.decision?.question.principal === principal,
          ...(datastore.datastoreType === 'azure_data_lake_gen2'
            ? { note: 'ADLS Gen2 ACLs, which this map cannot see, may grant it instead.' }
            : {}),
        }),
      );
    }
    return mergeDrafts(drafts);
  },
});
