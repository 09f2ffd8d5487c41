import type { EntityId } from '../../model/ids';
import { missingGrantDrafts } from '../helpers';
import type { FindingDraft, Rule } from '../types';
import { mergeDrafts } from './storage-helpers';

/** R42, second half: a stored service principal is judged by the storage like any other identity. */
export const credentialPrincipalRole: Rule = {
  id: 'AML-DS-009',
  title: 'Service principal stored in a datastore lacks a storage data role',
  area: 'datastore',
  severity: 'error',
  confidence: 'documented',
  facts: ['R42', 'R40'],
  needs: ['role-assignments'],
  sources: ['S5', 'S1'],
  description:
    'A datastore that stores a service principal secret or certificate signs in to storage as that service principal. Holding the secret is not enough: the service principal itself needs Storage Blob Data Reader to read, or Storage Blob Data Contributor to write, on the container or account (or matching ACLs on ADLS Gen2). The rule checks this for every job that reads or writes through such a datastore.',
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
};
