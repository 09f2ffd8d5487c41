import { runUnits } from '../../paths/resolve-jobs';
import { settingEvidence } from '../helpers';
import { unitPathIds, workspaceUaiNames } from './job-support';
import { defineRule } from '../catalog';

/** R34: which identity a serverless job without an identity setting runs as is not documented. */
export const serverlessUnsetIdentity = defineRule('AML-CMP-007', {
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
});
