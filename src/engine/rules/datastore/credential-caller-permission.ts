import { ACTIONS } from '../../context/actions';
import { missingGrantDrafts } from '../helpers';
import type { FindingDraft } from '../types';
import { mergeDrafts } from './storage-helpers';
import { defineRule } from '../catalog';

/** R42, first half: using a datastore's stored credential requires the caller to be allowed to read it. */
export const credentialCallerPermission = defineRule('AML-DS-008', {
  check(context) {
    const drafts: FindingDraft[] = [];
    for (const path of context.pathsOfKind('job-datastore')) {
      if (path.identity.kind !== 'credential') continue;
      const job = context.topology.getOfKind(path.actor, 'job');
      const submitter = job?.submittedBy;
      if (submitter === undefined) continue;
      // missingGrantDrafts names the path's principal; a credential path has none, so borrow the submitter.
      const asSubmitter = { ...path, identity: { ...path.identity, principal: submitter } };
      drafts.push(
        ...missingGrantDrafts(context, asSubmitter, {
          consequence:
            'The job is rejected before it starts, because Azure ML will not release the stored credential to this caller.',
          select: (r) =>
            r.action === ACTIONS.datastoreListSecrets && r.decision?.question.principal === submitter,
        }),
      );
    }
    return mergeDrafts(drafts);
  },
});
