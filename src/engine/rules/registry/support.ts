import type { EntityId } from '../../model/ids';
import { ROLES } from '../../context/actions';
import type { Compute, ContainerRegistry, Workspace } from '../../model/types';
import type { PathKind } from '../../paths/types';
import type { FixAction, RuleContext } from '../types';
import { resourceGroupName as groupNameOf, shellQuote } from '../../fixes/shell';

/** Shell quoting for fixes (see fixes/shell.ts). */
export const shellArg = shellQuote;

// Small helpers shared by the registry, private-registry and compute rules: names for az commands, the
// paths a finding explains, and date comparisons.

/** The resource group an entity lives in, by name; a placeholder when the estate does not say. */
export function resourceGroupName(context: RuleContext, id: EntityId): string {
  return groupNameOf(context.topology, id);
}

/** The ids of resolved paths of one kind from `actor` (and, when given, to `target`). */
export function pathIdsOf(context: RuleContext, kind: PathKind, actor: EntityId, target?: EntityId | string): string[] {
  return context
    .pathsFrom(actor)
    .filter((p) => p.kind === kind && (target === undefined || p.target === target))
    .map((p) => p.id);
}

/** True when ISO date `a` falls on an earlier day than `b`; false when either is unknown. */
export function earlierDay(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.slice(0, 10) < b.slice(0, 10);
}

/** The workspaces that use a registry as their own container registry. */
export function workspacesUsingRegistry(context: RuleContext, registry: EntityId): Workspace[] {
  // By id: findings list these as subjects and in messages, which must not follow the order of the input files.
  return context.estate.workspaces
    .filter((w) => w.containerRegistry === registry)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Writes `content` to `file` with a quoted heredoc, so that nothing in it is expanded by the shell. */
export function heredoc(file: string, content: string): string[] {
  return [`cat > ${shellArg(file)} <<'EOF'`, ...content.replace(/\n$/, '').split('\n'), 'EOF'];
}

/** A name list for messages: `a, b and c`, shortened to the first few with a count of the rest. */
export function nameList(names: readonly string[], limit = 4): string {
  const shown = names.slice(0, limit);
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1] ?? ''}`;
}

/**
 * The commands that give a compute without an identity a system-assigned one and then grant that identity
 * AcrPull on `registry`; the grant reads the new identity's principal id back from the compute.
 */
export function systemIdentityThenAcrPull(compute: Compute, workspaceName: string, rg: string, registry: ContainerRegistry): FixAction {
  const target = `--name ${shellArg(compute.name)} --workspace-name ${shellArg(workspaceName)} --resource-group ${shellArg(rg)}`;
  return {
    kind: 'command',
    az: [
      `az ml compute update ${target} --identity-type system_assigned`,
      `az role assignment create --assignee-object-id "$(az ml compute show ${target} --query identity.principal_id --output tsv)" --assignee-principal-type ServicePrincipal --role ${ROLES.acrPull} --scope ${shellArg(registry.armId)}`,
    ],
  };
}
