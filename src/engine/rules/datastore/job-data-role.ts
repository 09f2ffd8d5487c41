import type { EntityId } from '../../model/ids';
import { missingGrantDrafts } from '../helpers';
import type { FindingDraft } from '../types';
import { mergeDrafts } from './storage-helpers';
import { defineRule } from '../catalog';

/** R40 and R50: the identity a job reaches an identity-based datastore with needs a Storage Blob Data role. */
export const jobDataRole = defineRule('AML-DS-003', {
  check(context) {
    const drafts: FindingDraft[] = [];
    for (const path of context.pathsOfKind('job-datastore')) {
      const kind = path.identity.kind;
      if (kind !== 'managed-identity' && kind !== 'user' && kind !== 'service-principal') continue;
      const datastore = context.topology.getOfKind(path.target as EntityId, 'datastore');
      // ADLS Gen2 can grant through POSIX ACLs, which the estate does not describe.
      const aclNote =
        datastore?.datastoreType === 'azure_data_lake_gen2'
          ? 'ADLS Gen2 ACLs, which this map cannot see, may grant it instead.'
          : undefined;
      const options = aclNote ? { note: aclNote } : {};
      drafts.push(
        ...missingGrantDrafts(context, path, {
          ...options,
          consequence:
            'The job fails with an authorization error when it mounts, downloads or uploads this data.',
          select: (r) => r.decision?.effect === 'denied',
        }),
      );
      drafts.push(
        ...missingGrantDrafts(context, path, {
          ...options,
          consequence:
            'The job works only on the containers or blobs the ABAC condition allows; other data it touches is refused.',
          select: (r) => r.decision?.effect === 'conditional',
          severity: 'warning',
        }),
      );
    }
    return mergeDrafts(drafts);
  },
});
