import { runUnits } from '../../paths/resolve-jobs';
import { noteEvidence, settingEvidence } from '../helpers';
import { unitDataPathsFail } from './job-support';
import { defineRule } from '../catalog';

/**
 * R28 (with R27): code on a cluster asks for tokens by client id, and the cluster publishes only its default
 * identity's client id; a cluster without an identity publishes nothing.
 */
export const identityInCode = defineRule('AML-CMP-002', {
  *check(context) {
    const { topology } = context;
    for (const compute of context.estate.computes) {
      const { system, userAssigned } = compute.identity;
      if (compute.computeType === 'amlcompute' && !system && userAssigned.length > 1) {
        const [first, ...others] = userAssigned;
        const uai = topology.getOfKind(first, 'userAssignedIdentity');
        const clientId = uai?.clientId ?? `the client id of ${topology.nameOf(first)}`;
        yield {
          subjects: [compute.id, ...userAssigned],
          message: `Compute cluster ${compute.name} carries ${userAssigned.length} user-assigned identities; ${topology.nameOf(first)} is the default (first in the list), so DEFAULT_IDENTITY_CLIENT_ID holds ${clientId}. Code that should act as ${others.map((id) => topology.nameOf(id)).join(' or ')} must pass that identity's client id itself.`,
          consequence: `Storage mounts and image pulls use ${topology.nameOf(first)}; code that relies on the environment variable also acts as it.`,
          severity: 'info',
          evidence: [settingEvidence(compute.id, 'identity.user_assigned_identities', userAssigned.map((id) => topology.nameOf(id)).join(', '))],
          discriminator: 'several-identities',
        };
      }
      if (compute.computeType === 'kubernetes' && userAssigned.length > 0) {
        yield {
          subjects: [compute.id],
          message: `Kubernetes compute ${compute.name} runs as ${topology.nameOf(userAssigned[0])}; code there should build ManagedIdentityCredential() without a client id.`,
          consequence: 'Code written for compute clusters that passes a client id may not obtain a token on Kubernetes compute.',
          severity: 'info',
          evidence: [settingEvidence(compute.id, 'identity.type', 'user_assigned')],
          discriminator: 'kubernetes',
        };
      }
    }

    // Jobs that explicitly ask for the compute identity on a cluster that has none.
    for (const job of context.estate.jobs) {
      for (const unit of runUnits(job)) {
        if (unit.identity.type !== 'managed' || unit.identity.userAssignedIdentity !== undefined) continue;
        if (typeof unit.compute !== 'string' || unit.compute === 'serverless') continue;
        const compute = topology.getOfKind(unit.compute, 'compute');
        if (!compute || compute.computeType !== 'amlcompute') continue;
        if (compute.identity.system || compute.identity.userAssigned.length > 0) continue;
        // When its data access fails for the same reason, AML-JOB-006 already reports the unit.
        if (unitDataPathsFail(context, job, unit)) continue;
        yield {
          subjects: [job.id, compute.id],
          message: `${unit.label} asks for the managed identity of ${compute.name}, which has none: DEFAULT_IDENTITY_CLIENT_ID is not set there.`,
          consequence: 'Token requests from the job code (and identity-based data access) fail on that cluster.',
          evidence: [settingEvidence(compute.id, 'identity.type', 'none'), noteEvidence(`${unit.identityOrigin} sets identity type managed`)],
          fix: {
            summary: `Give ${compute.name} a managed identity, or run ${unit.label} on a cluster that has one.`,
            actions: [
              {
                kind: 'command',
                az: [
                  `az ml compute update --name ${compute.name} --workspace-name ${topology.workspaceOf(compute.id)?.name ?? '<workspace>'} --resource-group ${topology.resourceGroupOf(compute.id)?.name ?? '<resource group>'} --identity-type system_assigned`,
                ],
              },
            ],
          },
          ...(unit.detail !== undefined ? { discriminator: unit.detail } : {}),
        };
      }
    }
  },
});
