import { isUnderScope, type EntityId } from '../model/ids';
import type { AccessPath, PathRequirement } from '../paths/types';
import { describePrincipal, requirementMet } from '../paths/builder';
import type { Decision } from '../rbac/types';
import type { Evidence, FindingDraft, RuleContext } from './types';

/** Evidence that shows an RBAC decision with everything that produced it. */
export function decisionEvidence(label: string, decision: Decision): Evidence {
  return { kind: 'decision', label, decision };
}

/** Evidence that points at the setting which triggered a finding. */
export function settingEvidence(entity: EntityId, field: string, value: unknown, label?: string): Evidence {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return { kind: 'setting', label: label ?? `${field} = ${text}`, entity, field, value: text };
}

/** Evidence that states a fact without a setting or decision behind it. */
export function noteEvidence(label: string): Evidence {
  return { kind: 'note', label };
}

/** The requirements of a path that must hold but do not (denied or only conditionally granted). */
export function unmetRequirements(path: AccessPath, options: { includeOptional?: boolean } = {}): PathRequirement[] {
  return path.requirements.filter(
    (r) => (options.includeOptional || !r.optional) && (r.decision !== undefined || r.satisfiedBy !== undefined) && !requirementMet(r),
  );
}

/** True when the estate's assignments were exported from Azure rather than designed. */
/**
 * False when the import does not give this setting of the entity: the entity is known only by reference (a
 * stub, a placeholder) or an export left the setting out. Rules about a setting judge none they do not know.
 */
export function settingKnown(context: RuleContext, entity: EntityId, field: string): boolean {
  const unknown = context.estate.provenance?.unknown[entity];
  return unknown === undefined || !(unknown.includes('*') || unknown.includes(field));
}

/** False for an entity no input declares (known only by reference, or the placeholder `<workspace>`). */
export function entityKnown(context: RuleContext, entity: EntityId): boolean {
  return context.estate.provenance?.unknown[entity]?.includes('*') !== true;
}

export function isObserved(context: RuleContext): boolean {
  return context.estate.assignmentsOrigin === 'observed';
}

/**
 * True when the role assignments of `resource` are exported: the estate's are, or a plan sits beside an export that
 * declares the resource (`provenance.exported`), whose grants are then not predicted.
 */
export function grantsExportedFor(context: RuleContext, resource: EntityId): boolean {
  return isObserved(context) || context.estate.provenance?.exported?.includes(resource) === true;
}

/** True when a collection could not read the role assignments that would decide a grant at `scope`. */
export function grantsUnreadAt(context: RuleContext, scope: string): boolean {
  const unreadable = context.estate.provenance?.unreadable;
  return unreadable !== undefined && unreadable.some((u) => (u.what === 'everything' || u.what === 'role assignments') && isUnderScope(scope, u.scope));
}

/**
 * One finding per unmet requirement of a path: the resolved identity lacks a permission. The fix assigns the
 * requirement's suggested role to that identity at the requirement's scope.
 */
export function missingGrantDrafts(
  context: RuleContext,
  path: AccessPath,
  options: {
    consequence: string;
    includeOptional?: boolean;
    /** Filters which requirements this rule reports (a rule may cover only one of a path's requirements). */
    select?: (requirement: PathRequirement) => boolean;
    /** For access-policy vaults: the full permission list to grant (defaults to the one permission checked). */
    policyPermissions?: string[];
    /** Added to the message, for instance that Azure usually makes this grant itself. */
    note?: string;
    severity?: FindingDraft['severity'];
    /** Facts the findings rest on beyond the rule's own; an unconfirmed one caps them at warning. */
    facts?: string[];
  },
): FindingDraft[] {
  const principal = path.identity.principal;
  if (principal === undefined) return [];
  const { topology } = context;
  const drafts: FindingDraft[] = [];
  for (const requirement of unmetRequirements(path, { includeOptional: options.includeOptional ?? false })) {
    if (options.select && !options.select(requirement)) continue;
    if (grantsUnreadAt(context, requirement.scope)) continue;
    // A vault whose permission model the import does not give (one az ml workspace show only names) may well use
    // RBAC: an access policy is not known to be needed there.
    if (requirement.accessPolicy && !settingKnown(context, requirement.accessPolicy.vault, 'enableRbacAuthorization')) continue;
    const roleName = context.rbac.catalog.get(requirement.suggestedRole)?.name ?? requirement.suggestedRole;
    const scopeName = readableScope(context, requirement.scope);
    const who = describePrincipal(topology, principal);
    const conditional = requirement.decision?.effect === 'conditional';
    const message = requirement.accessPolicy
      ? `${who} has no access policy on ${topology.nameOf(requirement.accessPolicy.vault)} that lets it ${requirement.label.replace(/ \(access policy: [^)]*\)$/, '')} (${requirement.accessPolicy.list} ${requirement.accessPolicy.permission}). Needed for: ${path.title}.`
      : conditional
      ? `${who} may ${requirement.label} on ${scopeName} only where an ABAC condition holds. Needed for: ${path.title}.`
      : `${who} cannot ${requirement.label} on ${scopeName}. Needed for: ${path.title}.`;
    const evidence: Evidence[] = requirement.decision ? [decisionEvidence(`${requirement.action} at ${scopeName}`, requirement.decision)] : [];
    const draft: FindingDraft = {
      subjects: [principal, ...(typeof path.target === 'string' && topology.get(path.target as EntityId) ? [path.target as EntityId] : []), path.actor],
      message: options.note ? `${message} ${options.note}` : message,
      consequence: options.consequence,
      evidence,
      // Under the access-policy model a role would change nothing: the fix is a policy on the vault.
      fix: requirement.accessPolicy
        ? {
            summary: `Add an access policy on ${topology.nameOf(requirement.accessPolicy.vault)} that lets ${topology.nameOf(principal)} ${requirement.accessPolicy.list === 'keys' ? 'use keys' : 'read secrets'} (${requirement.accessPolicy.permission}).`,
            actions: [
              {
                kind: 'set-key-vault-policy',
                vault: requirement.accessPolicy.vault,
                principal,
                [requirement.accessPolicy.list]: options.policyPermissions ?? requirement.accessPolicy.permission.split(', '),
              },
            ],
          }
        : {
            summary: `Assign ${roleName} to ${topology.nameOf(principal)} on ${scopeName}.`,
            actions: [{ kind: 'assign-role', principal, role: requirement.suggestedRole, scope: requirement.scope }],
          },
      pathIds: [path.id],
      discriminator: `${requirement.action}@${requirement.scope}`,
    };
    if (options.severity) draft.severity = options.severity;
    if (options.facts) draft.facts = options.facts;
    drafts.push(draft);
  }
  return drafts;
}

/**
 * A person-friendly scope label that also covers blob containers: the RBAC index only labels scopes of
 * entities, and a container scope would otherwise be shown as its full ARM id.
 */
export function readableScope(context: RuleContext, scope: string): string {
  const container = /^(.+)\/blobServices\/default\/containers\/([^/]+)$/i.exec(scope);
  if (container?.[1] !== undefined && container[2] !== undefined) return `container ${container[2]} of ${context.rbac.scopeLabel(container[1])}`;
  return context.rbac.scopeLabel(scope);
}

/** Deduplicates subjects while keeping their order. */
export function uniqueSubjects(...ids: (EntityId | undefined)[]): EntityId[] {
  return [...new Set(ids.filter((id): id is EntityId => id !== undefined))];
}
