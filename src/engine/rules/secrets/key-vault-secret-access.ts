import type { EntityId } from '../../model/ids';
import { describePrincipal } from '../../paths/builder';
import { endpointOfPath, groupBy, listText, referencesText, sentence } from '../endpoint-identity/common';
import { decisionEvidence, noteEvidence, unmetRequirements } from '../helpers';
import type { FindingDraft, RuleContext } from '../types';
import { defineRule } from '../catalog';

/** R73 and R79: secrets injected from a key vault are read with the endpoint identity, which Azure ML never grants. */
export const keyVaultSecretAccess = defineRule('AML-SEC-001', {
  *check(context: RuleContext) {
    const { topology } = context;
    const paths = context.pathsOfKind('deployment-key-vault-secret');
    const drafts: FindingDraft[] = [];

    // Vaults the estate does not hold: one warning per deployment and vault.
    const unknownVaults = groupBy(
      paths.filter((p) => !topology.get(p.target as EntityId)),
      (p) => `${p.actor}|${p.target}`,
    );
    for (const group of unknownVaults.values()) {
      const first = group[0];
      if (!first) continue;
      const endpoint = endpointOfPath(context, first);
      drafts.push({
        subjects: [first.actor, ...(endpoint ? [endpoint.id] : [])],
        severity: 'warning',
        message: sentence(
          `Deployment ${topology.nameOf(first.actor)} injects ${referencesText(context, group)} from ${String(first.target)}, a key vault this estate does not describe.`,
        ),
        consequence: `Whether ${first.identity.label} may read those secrets cannot be checked; if it may not, creating the deployment fails.`,
        evidence: [noteEvidence(`${String(first.target)} is not in the estate`)],
        fix: {
          summary: `Add the key vault to the estate, or make sure ${first.identity.label} holds Key Vault Secrets User (or a get-secret access policy) on it.`,
          actions: [
            {
              kind: 'manual',
              text: `Grant ${first.identity.label} read access to secrets in ${String(first.target)}.`,
            },
          ],
        },
        pathIds: group.map((p) => p.id),
        discriminator: `unknown-vault:${String(first.target)}`,
      });
    }

    // Known vaults: one error per identity, vault and endpoint, listing the deployments and variables.
    const gaps = paths.filter((p) => p.identity.principal !== undefined && unmetRequirements(p).length > 0);
    for (const group of groupBy(
      gaps,
      (p) => `${p.identity.principal ?? ''}|${p.target}|${p.via[0] ?? ''}`,
    ).values()) {
      const first = group[0];
      const principal = first?.identity.principal;
      const vault = topology.getOfKind(first?.target as EntityId, 'keyVault');
      const requirement = first ? unmetRequirements(first)[0] : undefined;
      if (!first || principal === undefined || !vault || !requirement) continue;
      const endpoint = endpointOfPath(context, first);
      const deployments = [...new Set(group.map((p) => topology.nameOf(p.actor)))];
      const who = describePrincipal(topology, principal);
      const model = vault.enableRbacAuthorization ? 'RBAC' : 'access-policy';
      drafts.push({
        subjects: [principal, vault.id, ...(endpoint ? [endpoint.id] : [])],
        message: sentence(
          `${who} may not read secrets in key vault ${vault.name} (${model} model), yet deployment${deployments.length > 1 ? 's' : ''} ${listText(deployments)} inject${deployments.length > 1 ? '' : 's'} ${referencesText(context, group)} from it. Azure ML never grants this by itself.`,
        ),
        consequence: `Creating ${listText(deployments)} fails while the secret references are resolved.`,
        evidence: requirement.decision
          ? [
              decisionEvidence(
                vault.enableRbacAuthorization
                  ? `${requirement.action} at key vault ${vault.name}`
                  : `no access policy on ${vault.name} grants secrets get`,
                requirement.decision,
              ),
            ]
          : [],
        fix: vault.enableRbacAuthorization
          ? {
              summary: `Assign Key Vault Secrets User to ${topology.nameOf(principal)} on key vault ${vault.name}.`,
              actions: [
                { kind: 'assign-role', principal, role: requirement.suggestedRole, scope: vault.armId },
              ],
            }
          : {
              summary: `Add an access policy on ${vault.name} that lets ${topology.nameOf(principal)} get secrets.`,
              actions: [{ kind: 'set-key-vault-policy', vault: vault.id, principal, secrets: ['get'] }],
            },
        pathIds: group.map((p) => p.id),
      });
    }
    yield* drafts;
  },
});
