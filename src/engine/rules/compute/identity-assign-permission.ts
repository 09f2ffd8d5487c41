import { ACTIONS, ROLES } from '../../context/actions';
import type { EntityId } from '../../model/ids';
import type { Compute, UserAssignedIdentity, Workspace } from '../../model/types';
import { describePrincipal } from '../../paths/builder';
import { decisionEvidence, noteEvidence } from '../helpers';
import type { FindingDraft, RuleContext } from '../types';
import { nameList } from '../registry/support';
import { checkBySubject, defineRule } from '../catalog';
import { holdersOfKindsAt, UNLISTED_PERSON, type HolderKind } from '../../context/read-tracking';
import { allows } from '../../rbac';

/** Most findings one workspace may produce before the rest are summarised in one finding. */
const MAX_FINDINGS_PER_WORKSPACE = 25;

const CANDIDATE_KINDS: readonly HolderKind[] = ['user', 'group', 'servicePrincipal', UNLISTED_PERSON];

/**
 * R30: putting a user-assigned identity on a compute takes compute write on the workspace and the right to
 * assign that identity. People who can create computes but not assign the identities in use cannot create
 * or update those computes.
 */
export const identityAssignPermission = defineRule(
  'AML-CMP-005',
  checkBySubject({
    // Per workspace: each has its own computes, holders and cap. (Two workspaces with one id, which only odd
    // input gives, are one subject: their findings have the same ids and the analysis sorts findings by id.)
    subjects: (context) => [...new Set(context.estate.workspaces.map((workspace) => workspace.id))],
    *check(context, id) {
      for (const workspace of context.estate.workspaces)
        if (workspace.id === id) yield* workspaceGaps(context, workspace);
    },
  }),
);

/** The people who may create computes in one workspace but not assign the identities its computes carry. */
function* workspaceGaps(context: RuleContext, workspace: Workspace): Iterable<FindingDraft> {
  const { topology } = context;
  // Identities in use, with the computes that carry them.
  const computesByIdentity = new Map<EntityId, Compute[]>();
  for (const compute of topology.computesOf(workspace.id)) {
    for (const uai of compute.identity.userAssigned) {
      const list = computesByIdentity.get(uai);
      if (list) list.push(compute);
      else computesByIdentity.set(uai, [compute]);
    }
  }
  // By id, and the computes by name below: the estate lists computes in the order its input files gave them.
  const identities = [...computesByIdentity.keys()]
    .sort()
    .map((id) => topology.getOfKind(id, 'userAssignedIdentity'))
    .filter((u): u is UserAssignedIdentity => u !== undefined);
  if (identities.length === 0) return;

  // People and applications with any assignment that reaches the workspace; managed identities are left out.
  // An exported assignment may name a person the estate does not list; its principal type still tells.
  const candidates = new Set<EntityId>();
  for (const key of context.rbac.ancestors(workspace.armId))
    for (const principal of holdersOfKindsAt(context, key, CANDIDATE_KINDS)) candidates.add(principal);

  const drafts: FindingDraft[] = [];
  let overflow = 0;
  // Past the cap only the yes or no of each question counts, and most questions are answered yes: `allows`
  // answers them as check() would without building (and memoising) a decision for each of a subscription's
  // role holders and each identity; a decision is asked for only to be shown in a finding.
  const allowed = (principal: EntityId, action: string, scope: string) => allows(context.rbac, { principal, action, scope });
  for (const principal of [...candidates].sort()) {
    if (!context.mayGrant(principal, ACTIONS.computeWrite, workspace.armId)) continue;
    if (!allowed(principal, ACTIONS.computeWrite, workspace.armId)) continue;
    for (const uai of identities) {
      if (allowed(principal, ACTIONS.assignIdentity, uai.armId)) continue;
      if (drafts.length >= MAX_FINDINGS_PER_WORKSPACE) {
        overflow++;
        continue;
      }
      const write = context.can(principal, ACTIONS.computeWrite, workspace.armId);
      const assign = context.can(principal, ACTIONS.assignIdentity, uai.armId);
      const computes = [...(computesByIdentity.get(uai.id) ?? [])].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      drafts.push({
        subjects: [principal, uai.id, workspace.id],
        message: `${describePrincipal(topology, principal)} may create computes in ${workspace.name} but may not assign ${uai.name}, which ${nameList(computes.map((c) => c.name))} ${computes.length === 1 ? 'uses' : 'use'}.`,
        consequence: `${topology.nameOf(principal)} cannot create or update a compute that carries ${uai.name}.`,
        evidence: [
          decisionEvidence(`${ACTIONS.computeWrite} at ${workspace.name}`, write),
          decisionEvidence(`${ACTIONS.assignIdentity} on ${uai.name}`, assign),
        ],
        fix: {
          summary: `Assign Managed Identity Operator on ${uai.name} to ${topology.nameOf(principal)}.`,
          actions: [
            { kind: 'assign-role', principal, role: ROLES.managedIdentityOperator, scope: uai.armId },
          ],
        },
      });
    }
  }
  yield* drafts;
  if (overflow > 0) {
    yield {
      subjects: [workspace.id],
      message: `${overflow} more principal and identity pairs in ${workspace.name} have the same gap (compute write without the right to assign the identity); only the first ${MAX_FINDINGS_PER_WORKSPACE} are listed.`,
      consequence: 'Those principals cannot create or update the computes that carry those identities.',
      evidence: [noteEvidence('Findings were capped to keep the report readable.')],
      discriminator: 'overflow',
    };
  }
}
