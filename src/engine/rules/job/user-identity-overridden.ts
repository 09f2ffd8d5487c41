import type { EntityId } from '../../model/ids';
import { runUnits } from '../../paths/resolve-jobs';
import { settingEvidence } from '../helpers';
import { pathsOfUnit, STORED_CREDENTIAL_NAMES } from '../datastore/storage-helpers';
import { defineRule } from '../catalog';

/** R46: a stored datastore credential takes precedence over the user identity a job asks for. */
export const userIdentityOverridden = defineRule('AML-JOB-004', {
  *check(context) {
    const { topology } = context;
    for (const job of context.estate.jobs) {
      for (const unit of runUnits(job)) {
        if (unit.identity.type !== 'user_identity') continue;
        const overridden = pathsOfUnit(context, job, unit).filter((p) => p.identity.kind === 'credential');
        const datastores = [...new Set(overridden.map((p) => p.target as EntityId))];
        for (const datastoreId of datastores) {
          const datastore = topology.getOfKind(datastoreId as EntityId, 'datastore');
          if (!datastore) continue;
          const who = unit.detail !== undefined ? `Step ${unit.detail} of ${job.name}` : `Job ${job.name}`;
          const credential = STORED_CREDENTIAL_NAMES[datastore.credentialKind] ?? datastore.credentialKind;
          yield {
            subjects: [job.id, datastore.id],
            ...(unit.detail !== undefined ? { discriminator: unit.detail } : {}),
            message: `${who} asks for user identity, but datastore ${datastore.name} signs in with its stored ${credential} instead.`,
            consequence:
              "The submitting user's own storage permissions are bypassed: the job reads and writes with whatever the stored credential allows.",
            evidence: [
              settingEvidence(job.id, `${unit.identityOrigin} identity.type`, 'user_identity'),
              settingEvidence(datastore.id, 'credentials', datastore.credentialKind),
            ],
            pathIds: overridden.filter((p) => p.target === datastoreId).map((p) => p.id),
            fix: {
              summary: `Recreate ${datastore.name} as an identity-based datastore so that the user's identity is used.`,
              actions: [
                {
                  kind: 'manual',
                  text: `Drop the credentials block from ${datastore.name} (az ml datastore create --file with the same name), and grant the submitting users Storage Blob Data Reader or Contributor.`,
                },
              ],
            },
          };
        }
      }
    }
  },
});
