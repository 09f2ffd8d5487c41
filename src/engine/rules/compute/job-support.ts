import type { Job, Workspace } from '../../model/types';
import type { RunUnit } from '../../paths/resolve-jobs';
import type { RuleContext } from '../types';

/** The job-datastore paths of one run unit (the job itself, or one pipeline step). */
export function unitPathIds(context: RuleContext, job: Job, unit: RunUnit): string[] {
  return context
    .pathsFrom(job.id)
    .filter((p) => p.kind === 'job-datastore' && (unit.detail === undefined || p.id.endsWith(`|${unit.detail}:read`) || p.id.endsWith(`|${unit.detail}:write`)))
    .map((p) => p.id);
}

/** The user-assigned identities of a workspace, by name, for messages. */
export function workspaceUaiNames(context: RuleContext, workspace: Workspace | undefined): string {
  const names = (workspace?.identity.userAssigned ?? []).map((id) => context.topology.nameOf(id));
  return names.length > 0 ? names.join(', ') : '(none)';
}

/**
 * True when a data path of the unit already resolves to no identity: AML-JOB-006 reports those units, so the
 * compute rules leave them alone rather than report the same cause twice.
 */
export function unitDataPathsFail(context: RuleContext, job: Job, unit: RunUnit): boolean {
  const ids = new Set(unitPathIds(context, job, unit));
  return context.pathsFrom(job.id).some((p) => p.kind === 'job-datastore' && ids.has(p.id) && p.identity.kind === 'none');
}
