import { analyze } from '../analysis/analyze';
import { isUnderScope, type EntityId } from '../model/ids';
import { buildTopology, type Topology } from '../model/topology';
import { ENTITY_COLLECTIONS, type Entity, type Estate, type ManagedIdentitySetting } from '../model/types';
import { diffEstates, type EstateDiff, type GrantChange, type PathChange } from './diff';
import { grantIdentity } from './grant-identity';

/**
 * Plan versus reality: the team's plan (az ml YAML, templates, Terraform, a native file) against a collected
 * estate (`aml-access-map collect`). Built on {@link diffEstates} with the plan as "before" and what exists as
 * "after", then sorted into what a team acts on, each item with the fix in both directions: make reality match
 * the plan, or update the plan to what exists. Reality is judged only where the plan declares something, so a
 * tenant's unrelated grants are not called drift.
 */

/** The two ways to settle one difference. */
export interface TwoWayFix {
  /** What to run or do so that what exists matches the plan. */
  reality: string;
  /** What to change in the plan so that it states what exists. */
  plan: string;
}

export interface GrantDifference extends GrantChange {
  fix: TwoWayFix;
}

export interface IdentityDifference {
  id: EntityId;
  kind: string;
  name: string;
  planned: string;
  actual: string;
  fix: TwoWayFix;
}

export interface PathDifference extends PathChange {
  fix: TwoWayFix;
}

export interface PlanComparison {
  /** Grants the plan declares that do not exist. */
  declaredMissing: GrantDifference[];
  /** Grants that exist on what the plan declares, which the plan does not declare (drift). */
  undeclared: GrantDifference[];
  /** Grants Azure ML makes by itself for what the plan declares, which do not exist. */
  automaticMissing: GrantDifference[];
  /** Resources of the plan whose managed identity setting differs from what exists. */
  identities: IdentityDifference[];
  /** Access paths whose resolved identity or outcome differs. */
  paths: PathDifference[];
  /** The underlying estate diff, for the JSON output. */
  diff: EstateDiff;
}

function planDiff(plan: Estate, reality: Estate): EstateDiff {
  return diffEstates(plan, reality, { beforeAnalysis: analyze(plan), afterAnalysis: analyze(reality) });
}

/** True when nothing differs between the plan and what exists. */
export function isPlanMatched(comparison: PlanComparison): boolean {
  return (
    comparison.declaredMissing.length + comparison.undeclared.length + comparison.automaticMissing.length + comparison.identities.length + comparison.paths.length === 0
  );
}

/** Entities the plan itself declares (not known only by reference). */
function declaredIds(plan: Estate): EntityId[] {
  const unknown = plan.provenance?.unknown ?? {};
  const ids: EntityId[] = [];
  for (const collection of ENTITY_COLLECTIONS)
    for (const entity of plan[collection] as Entity[]) if (!unknown[entity.id]?.includes('*') && entity.id.startsWith('/')) ids.push(entity.id);
  return ids;
}

/** The `az role assignment` argument for a principal: its object id from either side (reality knows it best). */
function principalArgument(topologies: readonly Topology[], principal: EntityId): string {
  for (const topology of topologies) {
    const entity = topology.get(principal) as (Entity & { objectId?: string; principalId?: string }) | undefined;
    const objectId = entity?.objectId ?? entity?.principalId;
    if (objectId !== undefined) return `--assignee-object-id ${objectId}`;
  }
  return `--assignee "<object id of ${topologies[0]?.nameOf(principal) ?? principal}>"`;
}

function identityText(setting: ManagedIdentitySetting | undefined, topology: Topology): string {
  if (!setting) return 'none';
  const parts = [...(setting.system ? ['system-assigned'] : []), ...setting.userAssigned.map((id) => `user-assigned ${topology.nameOf(id)}`)];
  return parts.length === 0 ? 'none' : parts.join(', ');
}

/**
 * Compares a plan with a collected estate. Both are read by `readInputs`; `reality` should be an export (its
 * role assignments observed), `plan` a design. `diff` is their {@link diffEstates} when the caller has it
 * already (the app's comparison does): analysing both estates again is the costly part.
 */
export function comparePlan(plan: Estate, reality: Estate, diff: EstateDiff = planDiff(plan, reality)): PlanComparison {
  const planTopology = buildTopology(plan);
  const realityTopology = buildTopology(reality);
  const declared = declaredIds(plan);
  const onPlan = (g: GrantChange) => declared.some((id) => isUnderScope(g.scope, id) || id === g.principal);
  const planned = new Set(plan.roleAssignments.map(grantIdentity));
  const both = [realityTopology, planTopology];
  const create = (g: GrantChange) =>
    `az role assignment create ${principalArgument(both, g.principal)} --role "${g.roleName}" --scope ${g.scope}${g.condition ? ' --condition "<the condition>" --condition-version 2.0' : ''}`;

  const declaredMissing: GrantDifference[] = [];
  const automaticMissing: GrantDifference[] = [];
  for (const g of diff.grants.removed) {
    if (planned.has(grantIdentity(g)))
      declaredMissing.push({ ...g, fix: { reality: create(g), plan: `Remove ${g.roleName} for ${g.principalName} on ${g.scopeName} from the plan.` } });
    else
      automaticMissing.push({
        ...g,
        fix: {
          reality: `${create(g)}  # Azure ML usually makes this grant itself; it is absent`,
          plan: `Declare ${g.roleName} for ${g.principalName} on ${g.scopeName} in the plan, so the deployment makes it rather than relying on Azure ML.`,
        },
      });
  }
  const undeclared: GrantDifference[] = diff.grants.added.filter(onPlan).map((g) => ({
    ...g,
    fix: {
      reality: `az role assignment delete ${principalArgument(both, g.principal)} --role "${g.roleName}" --scope ${g.scope}`,
      plan: `Declare ${g.roleName} for ${g.principalName} on ${g.scopeName} in the plan.`,
    },
  }));

  const identities: IdentityDifference[] = [];
  const realityById = new Map<EntityId, Entity>();
  for (const collection of ENTITY_COLLECTIONS) for (const entity of reality[collection] as Entity[]) realityById.set(entity.id, entity);
  for (const change of diff.entities.changed) {
    if (!change.fields?.includes('identity') || !declared.includes(change.id)) continue;
    const planEntity = planTopology.get(change.id) as (Entity & { identity?: ManagedIdentitySetting }) | undefined;
    const actualEntity = realityById.get(change.id) as (Entity & { identity?: ManagedIdentitySetting }) | undefined;
    const plannedText = identityText(planEntity?.identity, planTopology);
    const actualText = identityText(actualEntity?.identity, realityTopology);
    identities.push({
      id: change.id,
      kind: change.kind,
      name: change.name,
      planned: plannedText,
      actual: actualText,
      fix: {
        reality: `Set the identity of ${change.kind} ${change.name} to ${plannedText} (redeploy the plan, or az ml ${change.kind === 'onlineEndpoint' ? 'online-endpoint' : change.kind} update).`,
        plan: `Set the identity of ${change.name} in the plan to ${actualText}.`,
      },
    });
  }

  const paths: PathDifference[] = diff.paths.changed.map((p) => ({
    ...p,
    fix: {
      reality: p.changed.includes('identity')
        ? `Make ${p.title} run as ${p.before.identity} again (see the identity differences above), and grant what it needs.`
        : `Apply the grant differences above so that ${p.title} is ${p.before.status} again.`,
      plan: `Accept that ${p.title} runs as ${p.after.identity} and is ${p.after.status}: update the plan's identities and grants to match.`,
    },
  }));
  return { declaredMissing, undeclared, automaticMissing, identities, paths, diff };
}
