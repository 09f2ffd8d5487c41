import { ACTIONS, DATA_ACTIONS } from '../../context/actions';
import type { EntityId } from '../../model/ids';
import { decisionEvidence, settingEvidence, uniqueSubjects } from '../helpers';
import type { Evidence } from '../types';
import { allows, check, holdingsAlong, holdsNothingConditional, type Decision, type RbacIndex } from '../../rbac';
import type { GrantReason } from '../../rbac/types';
import { nameList, principalsWithRoleGranting, resourceGroupName, workspaceIdentities } from './storage-helpers';
import { defineRule } from '../catalog';

/**
 * Section 3 role facts: a management role that can list storage keys reads and writes all data with them
 * while shared keys are allowed, whatever its data roles say.
 */
export const keyBasedDataAccess = defineRule('AML-DS-007', {
  *check(context) {
    const { topology } = context;
    const keptGrants = new Map<EntityId, readonly GrantReason[]>();
    const answered: KeysAnswers = new Map();
    for (const storage of context.estate.storageAccounts) {
      if (!storage.allowSharedKeyAccess) continue;
      const byDesign = new Set<EntityId>();
      for (const workspace of context.estate.workspaces) {
        if (workspace.storageAccount === storage.id)
          for (const id of workspaceIdentities(workspace)) byDesign.add(id);
      }
      const holders: { id: EntityId; evidence: Evidence }[] = [];
      const kinds = [
        'user',
        'group',
        'servicePrincipal',
        'userAssignedIdentity',
        'systemAssignedIdentity',
      ] as const;
      // Only role holders whose roles cover listKeys (most have none; check() would deny them with nothing to
      // report), in no particular order: the holders are sorted below.
      for (const principal of principalsWithRoleGranting(context, storage.armId, ACTIONS.storageListKeys, kinds)) {
        if (byDesign.has(principal)) continue;
        const keys = listKeysDecision(context.rbac, principal, storage.armId, answered);
        if (keys === undefined) continue;
        shareGrants(keys, principal, keptGrants);
        holders.push({
          id: principal,
          evidence: decisionEvidence(`${topology.nameOf(principal)}: listKeys on ${storage.name}`, keys),
        });
      }
      if (holders.length === 0) continue;
      // By id, so that the message and the evidence do not follow the order the input files listed principals in.
      holders.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const roleNames = [
        ...new Set(
          holders.flatMap((h) =>
            h.evidence.kind === 'decision' ? h.evidence.decision.grants.map((g) => g.roleName) : [],
          ),
        ),
      ];
      yield {
        subjects: uniqueSubjects(storage.id, ...holders.map((h) => h.id)),
        message: `${nameList(holders.map((h) => topology.nameOf(h.id)))} can list the keys of ${storage.name} (through ${nameList(roleNames)}) and so read and write all of its data, although no data role grants them that.`,
        consequence:
          'Data access escapes the Storage Blob Data roles and ABAC conditions, and key use is not tied to a person in the storage logs.',
        evidence: [
          settingEvidence(storage.id, 'allow_shared_key_access', 'true'),
          ...holders.map((h) => h.evidence),
        ],
        fix: {
          summary: `Disable shared key access on ${storage.name} (after moving key-based datastores and the workspace to identity-based access), or replace these broad roles with narrower ones.`,
          actions: [
            {
              kind: 'manual',
              text: `Before disabling keys, set system_datastores_auth_mode to identity on the workspaces using ${storage.name} and recreate its key or SAS datastores as identity-based.`,
            },
            {
              kind: 'command',
              az: [
                `az storage account update --name ${storage.name} --resource-group ${resourceGroupName(context, storage.id)} --allow-shared-key-access false`,
              ],
              bicep: `// In the properties of storage account ${storage.name}:\nallowSharedKeyAccess: false`,
              terraform: `# In resource "azurerm_storage_account" for ${storage.name}:\nshared_access_key_enabled = false`,
            },
          ],
        },
      };
    }
  },
});

/**
 * Per principal, per place its roles are held along a storage account's chain (see holdingsAlong, with the denies
 * reaching the account): the listKeys decision kept as evidence there, or null when there is none. A principal
 * holding something conditional (see holdsNothingConditional) maps to null: it is asked at every account.
 */
type KeysAnswers = Map<EntityId, Map<string, Decision | null> | null>;

const QUESTIONS = [
  { action: DATA_ACTIONS.blobWrite, dataAction: true },
  { action: ACTIONS.storageListKeys, dataAction: false },
] as const;

/**
 * The listKeys decision to keep as evidence for a holder of a storage account, or undefined when there is none: the
 * holder may already write blobs through Entra (it gains nothing new on the blob side), is not allowed to list
 * keys, or is allowed only through automatic grants. A holder whose roles are held at the same scopes of the chain
 * as at an account already asked about, with no condition and the same denies (see holdingsAlong), gets the
 * same answer there but for the scope asked about, so that one is reused with this account's question: a
 * subscription's role holders are otherwise asked twice per storage account below it.
 */
function listKeysDecision(rbac: RbacIndex, principal: EntityId, scope: string, answered: KeysAnswers): Decision | undefined {
  let byHoldings = answered.get(principal);
  if (byHoldings === undefined)
    answered.set(principal, (byHoldings = holdsNothingConditional(rbac, principal, QUESTIONS) ? new Map() : null));
  const holdings = byHoldings === null ? undefined : holdingsAlong(rbac, principal, scope);
  if (byHoldings === null || holdings === undefined) return freshListKeysDecision(rbac, principal, scope);
  let key = holdings.key;
  for (const { deny } of holdings.denies) key += `|${deny.id}`;
  const previous = byHoldings.get(key);
  if (previous === null) return undefined;
  if (previous !== undefined)
    return { ...previous, question: { principal, action: ACTIONS.storageListKeys, scope, dataAction: false } };
  const decision = freshListKeysDecision(rbac, principal, scope);
  byHoldings.set(key, decision ?? null);
  return decision;
}

function freshListKeysDecision(rbac: RbacIndex, principal: EntityId, scope: string): Decision | undefined {
  // Asked first, as a yes or no: both answers are needed, and this one needs no decision kept.
  if (allows(rbac, { principal, action: DATA_ACTIONS.blobWrite, scope, dataAction: true })) return undefined;
  // Asked of the index directly: no other rule asks for listKeys, so the access check's memo would only keep a
  // second reference to each of these (a large tenant has millions) and push out decisions other rules reuse.
  const keys = check(rbac, { principal, action: ACTIONS.storageListKeys, scope, dataAction: false });
  if (!keys.allowed || keys.grants.every((g) => g.origin === 'automatic')) return undefined;
  return keys;
}

const NO_EXCLUSIONS: readonly [] = Object.freeze([]) as readonly [];

/*
 * A holder of a role at a subscription or resource group can list the keys of every storage account below it,
 * with the same grants each time: the decision kept as evidence takes the grants of this principal's previous
 * decision when they say exactly the same, and one empty list of exclusions serves all, so that a tenant's
 * millions of holder-and-account decisions do not each keep their own copies (the written output is the same).
 */
function shareGrants(decision: Decision, principal: EntityId, kept: Map<EntityId, readonly GrantReason[]>): void {
  if (decision.exclusions.length === 0) decision.exclusions = NO_EXCLUSIONS as unknown as Decision['exclusions'];
  const previous = kept.get(principal);
  if (previous !== undefined && sameGrants(previous, decision.grants)) decision.grants = previous as GrantReason[];
  else kept.set(principal, decision.grants);
}

/** True when two lists of grants without conditions read the same, field by field. */
function sameGrants(a: readonly GrantReason[], b: readonly GrantReason[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as GrantReason;
    const y = b[i] as GrantReason;
    if (
      x.condition !== undefined ||
      y.condition !== undefined ||
      x.roleCondition !== undefined ||
      y.roleCondition !== undefined ||
      x.assignmentId !== y.assignmentId ||
      x.roleId !== y.roleId ||
      x.roleName !== y.roleName ||
      x.assignedScope !== y.assignedScope ||
      x.matchedPattern !== y.matchedPattern ||
      x.origin !== y.origin ||
      !samePath(x.viaGroups, y.viaGroups)
    )
      return false;
  }
  return true;
}

function samePath(a: GrantReason['viaGroups'], b: GrantReason['viaGroups']): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
