import { ACTIONS, ROLES } from '../../context/actions';
import type { EntityId } from '../../model/ids';
import type { StorageAccount, Workspace } from '../../model/types';
import type { Decision } from '../../rbac/types';
import { describePrincipal } from '../../paths/builder';
import { workspaceServiceIdentity } from '../../paths/resolve-jobs';
import { decisionEvidence, grantsUnreadAt, noteEvidence, settingEvidence, settingKnown } from '../helpers';
import type { FindingDraft, RuleContext } from '../types';
import { nameList, resourceGroupName } from '../datastore/storage-helpers';
import { defineRule } from '../catalog';

/** The shell expression that yields the object id of a workspace identity, known or looked up. */
function principalIdExpression(context: RuleContext, workspace: Workspace, identity: EntityId): string {
  const entity = context.topology.get(identity);
  if (entity?.kind === 'userAssignedIdentity')
    return entity.principalId ?? `$(az identity show --ids ${entity.armId} --query principalId -o tsv)`;
  if (entity?.kind === 'systemAssignedIdentity' && entity.principalId) return entity.principalId;
  return `$(az ml workspace show --name ${workspace.name} --resource-group ${resourceGroupName(context, workspace.id)} --query identity.principal_id -o tsv)`;
}

/** The identities studio uses for a workspace's data on one storage account: preview choices, else the service identity. */
function studioIdentities(context: RuleContext, workspace: Workspace, storage: StorageAccount): EntityId[] {
  const ids = new Set<EntityId>();
  for (const path of context.pathsOfKind('studio-preview')) {
    if (
      path.actor !== workspace.id ||
      path.identity.kind !== 'managed-identity' ||
      path.identity.principal === undefined
    )
      continue;
    if (context.topology.getOfKind(path.target as EntityId, 'datastore')?.storageAccount === storage.id)
      ids.add(path.identity.principal);
  }
  if (ids.size === 0) {
    const service = workspaceServiceIdentity(workspace);
    if (service !== undefined) ids.add(service);
  }
  return [...ids];
}

/** The sub-resources whose private endpoints studio goes through on a storage account (R54: blob and file). */
const STUDIO_GROUPS = new Set(['blob', 'file']);

/** Approval states in which an endpoint carries no traffic, so Reader on it changes nothing for studio. */
const IDLE_STATES = new Set(['pending', 'rejected', 'disconnected']);

/** The last segment of an ARM id, for messages. */
function lastSegment(id: string): string {
  return id.slice(id.lastIndexOf('/') + 1);
}

/** What the estate tells of one identity's Reader on the private endpoints of one storage account. */
interface EndpointReading {
  /** Endpoints, by ARM id, on which the identity certainly cannot read: each with the decision that says so. */
  missing: { endpoint: string; decision: Decision }[];
  /** Why the answer is incomplete (an endpoint not known by id, grants not given...); empty when it is not. */
  unsure: string[];
}

/**
 * The private endpoints of `storage` that studio may go through: in service (an idle connection carries no
 * traffic), for blob or file, or for a sub-resource the input does not give. `unsure` says what the input leaves
 * open: the list itself, or an endpoint it does not name by id.
 */
function studioEndpoints(context: RuleContext, storage: StorageAccount): { endpoints: string[]; unsure: string[] } {
  const unsure: string[] = [];
  // Absent is unknown (no input said anything about them), not "none".
  if (storage.privateEndpoints === undefined || !settingKnown(context, storage.id, 'privateEndpoints'))
    unsure.push(
      storage.privateEndpoints === undefined
        ? `the input does not list the private endpoints of ${storage.name}`
        : `an endpoint in the input may reach ${storage.name} beside those listed, but its target cannot be worked out`,
    );
  const endpoints: string[] = [];
  for (const link of storage.privateEndpoints ?? []) {
    if (link.status !== undefined && IDLE_STATES.has(link.status.toLowerCase())) continue;
    if (link.groupIds !== undefined && !link.groupIds.some((g) => STUDIO_GROUPS.has(g.toLowerCase()))) continue;
    if (link.endpoint === undefined) unsure.push(`one private endpoint of ${storage.name} is not named by id`);
    else endpoints.push(link.endpoint);
  }
  return { endpoints, unsure };
}

/** Whether `identity` holds Reader on each of `endpoints`, and what the estate leaves open. */
function readEndpoints(context: RuleContext, identity: EntityId, endpoints: readonly string[], unsure: readonly string[]): EndpointReading {
  const reading: EndpointReading = { missing: [], unsure: [...unsure] };
  // Without role assignments in the input a missing grant cannot be told from one nobody exported.
  if (context.estate.provenance?.facts['role-assignments'] === 'absent') {
    if (endpoints.length > 0) reading.unsure.push('the input holds no role assignments');
    return reading;
  }
  for (const endpoint of endpoints) {
    const decision = context.can(identity, ACTIONS.privateEndpointRead, endpoint);
    if (decision.allowed) continue;
    if (decision.unknown !== undefined || grantsUnreadAt(context, endpoint))
      reading.unsure.push(`the role assignments on ${lastSegment(endpoint)} are not in the input`);
    else reading.missing.push({ endpoint, decision });
  }
  return reading;
}

/** The reminder given when the estate cannot tell whether the identities may read the endpoints. */
function reminder(
  context: RuleContext,
  workspace: Workspace,
  storage: StorageAccount,
  uses: string[],
  identities: EntityId[],
  unsure: string[],
): FindingDraft {
  const { topology } = context;
  return {
    subjects: [storage.id, workspace.id, ...identities],
    message: `${storage.name} is reached through private endpoints (${nameList(uses)} of ${workspace.name}); ${nameList(identities.map((i) => describePrincipal(topology, i)))} needs Reader on its blob and file private endpoints, which this map cannot check: ${nameList([...new Set(unsure)])}.`,
    consequence: 'Without it, studio cannot list or preview the data on this account, even when the storage data roles are in place.',
    evidence: [
      settingEvidence(storage.id, 'network', storage.network),
      noteEvidence(`Whether that identity can read the private endpoints is unknown: ${nameList([...new Set(unsure)])}.`),
    ],
    fix: {
      summary: `Assign Reader on the blob and file private endpoints of ${storage.name} to ${nameList(identities.map((i) => topology.nameOf(i)))}.`,
      actions: [
        {
          kind: 'command',
          az: identities.flatMap((identity) => [
            `for pe in $(az storage account show --ids ${storage.armId} --query "privateEndpointConnections[].privateEndpoint.id" -o tsv); do`,
            `  az role assignment create --assignee-object-id ${principalIdExpression(context, workspace, identity)} --assignee-principal-type ServicePrincipal --role ${ROLES.reader} --scope "$pe"`,
            'done',
          ]),
        },
      ],
    },
  };
}

/**
 * R54 and R44: with private-endpoint storage, the workspace identity studio uses must be able to read the blob and
 * file private endpoints. Checked against the role assignments where the endpoints are known by id; a reminder
 * where the input does not say which endpoints there are, or whether the grant is there.
 */
export const privateEndpointReader = defineRule('AML-NET-003', {
  *check(context) {
    const { topology } = context;
    for (const workspace of context.estate.workspaces) {
      const accounts = new Map<EntityId, string[]>();
      const note = (id: EntityId | undefined, label: string) => {
        if (id === undefined) return;
        const list = accounts.get(id);
        if (list) list.push(label);
        else accounts.set(id, [label]);
      };
      note(workspace.storageAccount, 'its default storage');
      for (const datastore of topology.datastoresOf(workspace.id))
        note(datastore.storageAccount, `datastore ${datastore.name}`);
      for (const [storageId, uses] of accounts) {
        const storage = topology.getOfKind(storageId, 'storageAccount');
        if (storage?.network !== 'private_endpoint') continue;
        const identities = studioIdentities(context, workspace, storage);
        if (identities.length === 0) continue;
        const { endpoints, unsure } = studioEndpoints(context, storage);
        const readings = identities.map((identity) => ({ identity, ...readEndpoints(context, identity, endpoints, unsure) }));
        const lacking = readings.filter((r) => r.missing.length > 0);
        if (lacking.length === 0) {
          // Every endpoint known by id is readable: only what the input leaves open remains to say.
          const open = readings.flatMap((r) => r.unsure);
          if (open.length > 0) yield reminder(context, workspace, storage, uses, identities, open);
          continue;
        }
        const open = [...new Set(readings.flatMap((r) => r.unsure))];
        const sentences = lacking.map(
          (r) =>
            `${describePrincipal(topology, r.identity)} cannot read ${r.missing.length === 1 ? 'its private endpoint' : 'its private endpoints'} ${nameList(r.missing.map((m) => lastSegment(m.endpoint)))}`,
        );
        yield {
          subjects: [storage.id, workspace.id, ...lacking.map((r) => r.identity)],
          message: `${storage.name} is reached through private endpoints (${nameList(uses)} of ${workspace.name}), and studio needs Reader on its blob and file endpoints: ${sentences.join('; ')}.${open.length > 0 ? ` Not checked: ${nameList(open)}.` : ''}`,
          consequence: 'Without it, studio cannot list or preview the data on this account, even when the storage data roles are in place.',
          evidence: [
            settingEvidence(storage.id, 'network', storage.network),
            ...lacking.flatMap((r) =>
              r.missing.map((m) => decisionEvidence(`${ACTIONS.privateEndpointRead} at ${lastSegment(m.endpoint)}`, m.decision)),
            ),
          ],
          fix: {
            summary: `Assign Reader on ${nameList([...new Set(lacking.flatMap((r) => r.missing.map((m) => lastSegment(m.endpoint))))])} to ${nameList(lacking.map((r) => topology.nameOf(r.identity)))}.`,
            actions: lacking.flatMap((r) =>
              r.missing.map((m) => ({ kind: 'assign-role' as const, principal: r.identity, role: ROLES.reader, scope: m.endpoint })),
            ),
          },
        };
      }
    }
  },
});
