import type { EntityId } from '../../model/ids';
import { describePrincipal } from '../../paths/builder';
import type { AccessPath, PathRequirement } from '../../paths/types';
import { decisionEvidence, isObserved, noteEvidence, unmetRequirements } from '../helpers';
import type { FindingDraft, RuleContext } from '../types';
import { endpointIdentityKind, endpointOfPath, groupBy, listText, sentence } from './common';
import { defineRule } from '../catalog';

interface Gap {
  path: AccessPath;
  requirement: PathRequirement;
}

/**
 * Why the grant is missing, in terms of who is supposed to make it: nobody but you for a user-assigned
 * identity, Azure ML for a system one on the workspace registry and storage (unless the estate is observed,
 * where its absence is a fact), you again for anything outside the workspace.
 */
export function endpointGrantNote(
  context: RuleContext,
  path: AccessPath,
  automaticTargets: readonly (EntityId | undefined)[],
): string {
  const endpoint = endpointOfPath(context, path);
  if (!endpoint) return '';
  const kind = endpointIdentityKind(endpoint);
  if (kind === 'user') {
    return `Azure ML grants a user-assigned endpoint identity nothing by itself; the grant must exist before the deployment is created.`;
  }
  if (kind === 'system' && automaticTargets.includes(path.target as EntityId)) {
    return isObserved(context)
      ? `Azure ML normally makes this grant to an endpoint's system identity when the endpoint is created, but the exported assignments do not contain it.`
      : '';
  }
  return `Azure ML makes no such grant for ${context.topology.nameOf(path.target as EntityId)}; it has to be assigned by hand.`;
}

/** One draft per identity, missing permission and endpoint, naming every deployment that needs it. */
export function groupedGapDrafts(
  context: RuleContext,
  gaps: readonly Gap[],
  options: {
    consequence: (deployments: string, target: string) => string;
    automaticTargets: (path: AccessPath) => readonly (EntityId | undefined)[];
  },
): FindingDraft[] {
  const { topology } = context;
  const drafts: FindingDraft[] = [];
  const groups = groupBy(
    gaps,
    (g) =>
      `${g.path.identity.principal ?? ''}|${g.requirement.action}|${g.requirement.scope}|${g.path.via[0] ?? ''}`,
  );
  for (const group of groups.values()) {
    const first = group[0];
    const principal = first?.path.identity.principal;
    if (!first || principal === undefined) continue;
    const { path, requirement } = first;
    const endpoint = endpointOfPath(context, path);
    const deployments = [...new Set(group.map((g) => topology.nameOf(g.path.actor)))];
    const targetName = topology.nameOf(path.target as EntityId);
    const scopeName = context.rbac.scopeLabel(requirement.scope);
    const roleName = context.rbac.catalog.get(requirement.suggestedRole)?.name ?? requirement.suggestedRole;
    const note = endpointGrantNote(context, path, options.automaticTargets(path));
    const conditional = requirement.decision?.effect === 'conditional';
    const who = describePrincipal(topology, principal);
    const base = conditional
      ? `${who} may ${requirement.label} on ${scopeName} only where an ABAC condition holds; deployment${deployments.length > 1 ? 's' : ''} ${listText(deployments)} need${deployments.length > 1 ? '' : 's'} it unconditionally.`
      : `${who} cannot ${requirement.label} on ${scopeName}, which deployment${deployments.length > 1 ? 's' : ''} ${listText(deployments)} of endpoint ${endpoint?.name ?? '?'} need${deployments.length > 1 ? '' : 's'}.`;
    drafts.push({
      subjects: [
        principal,
        ...(topology.get(path.target as EntityId) ? [path.target as EntityId] : []),
        ...(endpoint ? [endpoint.id] : []),
      ],
      message: sentence(note ? `${base} ${note}` : base),
      consequence: options.consequence(listText(deployments), targetName),
      evidence: [
        ...(requirement.decision
          ? [decisionEvidence(`${requirement.action} at ${scopeName}`, requirement.decision)]
          : []),
        ...(note ? [noteEvidence(note)] : []),
      ],
      fix: {
        summary: `Assign ${roleName} to ${topology.nameOf(principal)} on ${scopeName}.`,
        actions: [
          { kind: 'assign-role', principal, role: requirement.suggestedRole, scope: requirement.scope },
        ],
      },
      pathIds: group.map((g) => g.path.id),
      discriminator: `${requirement.action}@${requirement.scope}`,
    });
  }
  return drafts;
}

/** The workspace registry and storage of the endpoint a path belongs to: where Azure ML grants a system identity by itself. */
export function workspaceDependencies(context: RuleContext, path: AccessPath): (EntityId | undefined)[] {
  const workspace = context.topology.workspaceOf(path.actor);
  return [workspace?.containerRegistry, workspace?.storageAccount, workspace?.id];
}

/** R71 and R72: the endpoint identity must pull the deployment image and read the model from workspace storage. */
export const deploymentDependencyGrants = defineRule('AML-EPI-002', {
  *check(context: RuleContext) {
    const gaps: Gap[] = [];
    const noIdentity = new Map<EntityId, AccessPath[]>();
    for (const kind of ['deployment-image-pull', 'deployment-model-storage'] as const) {
      for (const path of context.pathsOfKind(kind)) {
        if (path.identity.kind === 'none') {
          const endpoint = path.via[0];
          if (endpoint !== undefined) noIdentity.set(endpoint, [...(noIdentity.get(endpoint) ?? []), path]);
          continue;
        }
        for (const requirement of unmetRequirements(path)) gaps.push({ path, requirement });
      }
    }
    for (const [endpointId, paths] of noIdentity) {
      const name = context.topology.nameOf(endpointId);
      yield {
        subjects: [endpointId],
        message: sentence(
          `Endpoint ${name} has no managed identity, so its deployments have nothing to pull images or read models with.`,
        ),
        consequence: `Deployments of ${name} fail to start.`,
        evidence: [noteEvidence('identity: none')],
        fix: {
          summary: `Recreate ${name} with a system-assigned identity (the default) or a user-assigned one.`,
          actions: [
            {
              kind: 'manual',
              text: `Remove identity.type none from endpoint ${name}; the identity is fixed at creation, so recreate the endpoint.`,
            },
          ],
        },
        pathIds: paths.map((p) => p.id),
        discriminator: 'no-identity',
      };
    }
    yield* groupedGapDrafts(context, gaps, {
      consequence: (deployments, target) =>
        `Creating ${deployments} fails: the container cannot start without what it needs from ${target}.`,
      automaticTargets: (path) => workspaceDependencies(context, path),
    });
  },
});
