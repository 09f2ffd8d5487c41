import { COMPUTE_KINDS } from '../../model/compute-kinds';
import { identityTypeOf } from '../../model/estate';
import type { EntityId } from '../../model/ids';
import type { Compute, Job } from '../../model/types';
import { runUnits, type RunUnit } from '../../paths/resolve-jobs';
import { noteEvidence, settingEvidence } from '../helpers';
import type { FixAction, RuleContext } from '../types';
import { nameList, pathsOfUnit, resourceGroupName } from '../datastore/storage-helpers';
import { defineRule } from '../catalog';

/** The remedy for one unit, depending on why it ended up without an identity. */
function remedy(
  context: RuleContext,
  job: Job,
  unit: RunUnit,
  compute: Compute | undefined,
): { summary: string; actions: FixAction[] } {
  const { topology } = context;
  const named = unit.identity.type === 'managed' ? unit.identity.userAssignedIdentity : undefined;
  const workspace = topology.getOfKind(job.workspace, 'workspace');
  const scope = `--workspace-name ${workspace?.name ?? '<workspace>'} --resource-group ${resourceGroupName(context, job.workspace)}`;
  if (!compute) {
    return {
      summary: named
        ? `Attach ${topology.nameOf(named)} to workspace ${workspace?.name ?? ''} or name one of its user-assigned identities in the job.`
        : `Give workspace ${workspace?.name ?? ''} a user-assigned identity and name it in the job, or use user_identity.`,
      actions: [
        {
          kind: 'manual',
          text: 'Serverless jobs can use only the workspace user-assigned identity (by client_id) or the user identity; change the job or the workspace accordingly.',
        },
      ],
    };
  }
  const kind = COMPUTE_KINDS[compute.computeType];
  if (kind.identity !== 'own') {
    return {
      summary: `Run ${job.name} with identity type user_identity, or on a compute cluster, to reach identity-based datastores; or use a datastore with a stored credential.`,
      actions: [
        {
          kind: 'manual',
          text: `${compute.name} is an ${kind.label}: Azure ML cannot give it a managed identity, so choose another identity or another compute for the job.`,
        },
      ],
    };
  }
  if (named !== undefined && compute.identity.system) {
    return {
      summary: `Let ${unit.detail !== undefined ? `step ${unit.detail}` : job.name} use ${compute.name}'s system identity, or move ${compute.name} to user-assigned identities including ${topology.nameOf(named)}.`,
      actions: [
        {
          kind: 'manual',
          text: `A cluster holds either its system identity or user-assigned ones: drop client_id from the job, or recreate ${compute.name} with user-assigned identities.`,
        },
      ],
    };
  }
  if (named !== undefined) {
    const uai = topology.getOfKind(named, 'userAssignedIdentity');
    const keep = compute.identity.userAssigned.map(
      (id) => topology.getOfKind(id, 'userAssignedIdentity')?.armId ?? String(id),
    );
    return {
      summary: `Add ${topology.nameOf(named)} to the identities of ${compute.name}.`,
      actions: [
        {
          kind: 'command',
          az: [
            `az ml compute update --name ${compute.name} ${scope} --identity-type user_assigned --user-assigned-identities ${[...keep, uai?.armId ?? String(named)].join(',')}`,
          ],
        },
      ],
    };
  }
  return {
    summary: `Give ${compute.name} a managed identity (and a Storage Blob Data role on the data it reads).`,
    actions: [
      {
        kind: 'command',
        az: [`az ml compute update --name ${compute.name} ${scope} --identity-type system_assigned`],
      },
    ],
  };
}

/** R47, R48 and R28: a job whose data access resolves to no identity at all cannot authenticate to storage. */
export const jobWithoutIdentity = defineRule('AML-JOB-006', {
  *check(context) {
    const { topology } = context;
    for (const job of context.estate.jobs) {
      for (const unit of runUnits(job)) {
        const failing = pathsOfUnit(context, job, unit).filter((p) => p.identity.kind === 'none');
        if (failing.length === 0) continue;
        const compute =
          typeof unit.compute === 'string' && unit.compute !== 'serverless'
            ? topology.getOfKind(unit.compute as EntityId, 'compute')
            : undefined;
        const datastores = [...new Set(failing.map((p) => topology.nameOf(p.target)))];
        const who = unit.detail !== undefined ? `Step ${unit.detail} of ${job.name}` : `Job ${job.name}`;
        const reason = failing[0]?.identity.label ?? 'no identity';
        yield {
          subjects: compute ? [job.id, compute.id] : [job.id],
          ...(unit.detail !== undefined ? { discriminator: unit.detail } : {}),
          message: `${who} has no identity for ${nameList(datastores)}: ${reason}.`,
          consequence:
            'The job cannot authenticate to storage: mounting or downloading its data fails, and code asking for a managed identity token gets none.',
          evidence: [
            settingEvidence(job.id, `${unit.identityOrigin} identity.type`, unit.identity.type),
            ...(compute
              ? [settingEvidence(compute.id, 'identity.type', identityTypeOf(compute.identity))]
              : [noteEvidence('Runs on serverless compute')]),
          ],
          pathIds: failing.map((p) => p.id),
          ...(compute && COMPUTE_KINDS[compute.computeType].identity !== 'own' ? { facts: ['R28:attached'] } : {}),
          fix: remedy(context, job, unit, compute),
        };
      }
    }
  },
});
