import type { EntityId } from '../../model/ids';
import { runUnits } from '../../paths/resolve-jobs';
import { settingEvidence } from '../helpers';
import type { Rule } from '../types';
import { pathsOfUnit } from '../datastore/storage-helpers';

const CREDENTIAL_NAMES: Record<string, string> = {
  account_key: 'account key',
  sas: 'SAS token',
  service_principal: 'service principal secret',
  certificate: 'service principal certificate',
};

/** R46: a stored datastore credential takes precedence over the user identity a job asks for. */
export const userIdentityOverridden: Rule = {
  id: 'AML-JOB-004',
  title: 'User identity not used because the datastore stores a credential',
  area: 'job',
  severity: 'warning',
  confidence: 'documented',
  facts: ['R46', 'R45'],
  sources: ['S1'],
  description:
    "A job can ask to reach data as the person who submitted it, but a datastore that carries its own credential (account key, SAS token or service principal) always authenticates with that credential. The user's permissions on the storage are then never consulted, which quietly defeats the point of choosing user identity.",
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
          const credential = CREDENTIAL_NAMES[datastore.credentialKind] ?? datastore.credentialKind;
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
};
