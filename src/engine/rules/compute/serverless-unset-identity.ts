import { runUnits } from '../../paths/resolve-jobs';
import { settingEvidence } from '../helpers';
import type { Rule } from '../types';
import { unitPathIds, workspaceUaiNames } from './job-support';

/** R34: which identity a serverless job without an identity setting runs as is not documented. */
export const serverlessUnsetIdentity: Rule = {
  id: 'AML-CMP-007',
  title: 'Serverless job with no identity setting reads or writes data',
  area: 'compute',
  severity: 'warning',
  confidence: 'unconfirmed',
  facts: ['R34', 'R34:default'],
  sources: ['S12'],
  description:
    'A job on serverless compute that sets no identity has no compute identity to fall back on, and the documents do not say which identity it then uses for credential-less datastores. Jobs in that situation are flagged so that their owner picks user_identity or a workspace user-assigned identity on purpose.',
  *check(context) {
    const { topology } = context;
    for (const job of context.estate.jobs) {
      const workspace = topology.getOfKind(job.workspace, 'workspace');
      for (const unit of runUnits(job)) {
        if (unit.compute !== 'serverless' || unit.identity.type !== 'unset') continue;
        // Only data reached without a stored credential depends on the identity.
        const datastores = [...unit.inputs, ...unit.outputs]
          .map((b) => topology.getOfKind(b.datastore, 'datastore'))
          .filter((d) => d !== undefined && d.credentialKind === 'none');
        if (datastores.length === 0) continue;
        const names = [...new Set(datastores.map((d) => d?.name ?? ''))].join(', ');
        yield {
          subjects: [job.id],
          message: `${unit.label} runs on serverless compute with no identity setting and uses ${names}, which keep no credential; which identity reaches that data is not documented.`,
          consequence: 'The job may fail to read or write its data, or act as an identity nobody chose.',
          evidence: [settingEvidence(job.id, 'identity.type', 'unset'), settingEvidence(job.id, 'compute', 'serverless')],
          fix: {
            summary: `Set the identity of ${unit.label} explicitly.`,
            actions: [
              {
                kind: 'manual',
                text: `In the job YAML set identity: {type: user_identity}, or identity: {type: managed, client_id: <client id of a user-assigned identity of ${workspace?.name ?? 'the workspace'}>} (available: ${workspaceUaiNames(context, workspace)}).`,
              },
            ],
          },
          pathIds: unitPathIds(context, job, unit),
          ...(unit.detail !== undefined ? { discriminator: unit.detail } : {}),
        };
      }
    }
  },
};
