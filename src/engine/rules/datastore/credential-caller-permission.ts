import { ACTIONS } from '../../context/actions';
import { missingGrantDrafts } from '../helpers';
import type { FindingDraft, Rule } from '../types';
import { mergeDrafts } from './storage-helpers';

/** R42, first half: using a datastore's stored credential requires the caller to be allowed to read it. */
export const credentialCallerPermission: Rule = {
  id: 'AML-DS-008',
  title: 'Job submitter may not read the datastore credential',
  area: 'datastore',
  severity: 'error',
  confidence: 'documented',
  facts: ['R42', 'R46'],
  needs: ['role-assignments'],
  sources: ['S5'],
  description:
    'When a datastore holds a credential, Azure ML hands that credential to the job instead of using any identity, but only after checking that the person or application submitting the job may list the datastore secrets. A submitter whose roles lack that action (a plain Reader, or a custom role without it) cannot run jobs on the datastore even though the credential itself would work.',
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
};
