import { DATA_ACTIONS, ROLES } from '../../context/actions';
import { scopeKey, type EntityId, type RoleId } from '../../model/ids';
import { decisionEvidence, noteEvidence, uniqueSubjects } from '../helpers';
import type { Evidence, FixAction, RuleContext } from '../types';
import { inHolderOrder, nameList, principalsWithRoleGranting } from './storage-helpers';
import { defineRule } from '../catalog';

/** File data roles from the fact sheet; their action lists are not in the catalog, so they are checked by GUID. */
const FILE_PRIVILEGED_CONTRIBUTOR = '69566ab7-960f-475b-8e7c-b3118f30c6bd' as RoleId;
const FILE_PRIVILEGED_READER = 'b8eda974-7b85-4f76-af95-65846b26df6d' as RoleId;
const JOBS_WRITE = 'Microsoft.MachineLearningServices/workspaces/jobs/write';
const WORKSPACE_READ = 'Microsoft.MachineLearningServices/workspaces/read';
const PEOPLE = ['user', 'group'] as const;

/** True when the principal (directly or through a group) holds one of the roles at a scope of `ancestors`. */
function holdsRoleAt(
  context: RuleContext,
  principal: EntityId,
  roles: readonly RoleId[],
  ancestors: ReadonlySet<string>,
): boolean {
  return context.rbac
    .assignmentsOf(principal)
    .some((held) => roles.includes(held.assignment.role) && ancestors.has(scopeKey(held.assignment.scope)));
}

/** R43: without shared keys, people reach the workspace storage with their own Entra identity and need data roles. */
export const sharedKeyDisabledUserRoles = defineRule('AML-DS-010', {
  *check(context) {
    const { topology } = context;
    for (const workspace of context.estate.workspaces) {
      const storage = topology.getOfKind(workspace.storageAccount, 'storageAccount');
      if (!storage || storage.allowSharedKeyAccess) continue;
      // The holders whose roles cover each action, found per scope from the top down and shared by the
      // workspaces: a holder whose roles cover neither is skipped without asking check().
      const covering = (action: string) => new Set(principalsWithRoleGranting(context, workspace.armId, action, PEOPLE));
      const coveringWrite = covering(JOBS_WRITE);
      const coveringRead = covering(WORKSPACE_READ);
      const storageChain = new Set<string>(context.rbac.ancestors(storage.armId));
      // The people holding a role on the workspace's chain whose roles cover either action, in the order the
      // chain lists its role holders; the others could do neither.
      for (const principal of inHolderOrder(context, workspace.armId, new Set([...coveringWrite, ...coveringRead]))) {
        const allowed = (action: string): boolean =>
          (action === JOBS_WRITE ? coveringWrite : coveringRead).has(principal) &&
          context.can(principal, action, workspace.armId).allowed;
        const writer = allowed(JOBS_WRITE);
        if (!writer && !allowed(WORKSPACE_READ)) continue;
        const blob = context.can(
          principal,
          writer ? DATA_ACTIONS.blobWrite : DATA_ACTIONS.blobRead,
          storage.armId,
          true,
        );
        const fileRoles = writer
          ? [FILE_PRIVILEGED_CONTRIBUTOR]
          : [FILE_PRIVILEGED_CONTRIBUTOR, FILE_PRIVILEGED_READER];
        const hasFile = holdsRoleAt(context, principal, fileRoles, storageChain);
        if (blob.allowed && hasFile) continue;

        const missing: string[] = [];
        const actions: FixAction[] = [];
        const evidence: Evidence[] = [];
        if (!blob.allowed) {
          const role = writer ? ROLES.storageBlobDataContributor : ROLES.storageBlobDataReader;
          missing.push(writer ? 'Storage Blob Data Contributor' : 'Storage Blob Data Reader');
          actions.push({ kind: 'assign-role', principal, role, scope: storage.armId });
          evidence.push(decisionEvidence(`${blob.question.action} at ${storage.name}`, blob));
        }
        if (!hasFile) {
          missing.push(
            writer ? 'Storage File Data Privileged Contributor' : 'Storage File Data Privileged Reader',
          );
          actions.push({
            kind: 'assign-role',
            principal,
            role: writer ? FILE_PRIVILEGED_CONTRIBUTOR : FILE_PRIVILEGED_READER,
            scope: storage.armId,
          });
          evidence.push(
            noteEvidence(
              `No ${missing[missing.length - 1] ?? ''} assignment applies to ${topology.nameOf(principal)} on ${storage.name}.`,
            ),
          );
        }
        yield {
          subjects: uniqueSubjects(principal, storage.id, workspace.id),
          message: `${topology.nameOf(principal)} ${writer ? 'works' : 'reads'} in ${workspace.name}, whose storage ${storage.name} refuses shared keys, but lacks ${nameList(missing)} there.`,
          consequence: writer
            ? 'Notebooks, the file explorer, compute instances and studio data views fail for this person.'
            : 'Studio data views and the file explorer fail for this person.',
          evidence,
          fix: {
            summary: `Assign ${nameList(missing)} to ${topology.nameOf(principal)} on ${storage.name}.`,
            actions,
          },
        };
      }
    }
  },
});
