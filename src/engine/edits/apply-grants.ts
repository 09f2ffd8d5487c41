import { scopeKey, type EntityId, type RoleId } from '../model/ids';
import type { Estate, KeyVaultAccessPolicy } from '../model/types';
import { addRoleAssignment } from './add-role-assignment';
import { removeRoleAssignment } from './remove-role-assignment';
import { updateEntity } from './shared';

/**
 * The changes to grants a fix asks for, in the shape a what-if can apply: a role assignment, permissions in a
 * key vault's access policy, or the removal of an assignment (a least-privilege fix swaps a wide role for a
 * narrow one). The same shapes as the rules' `assign-role` and `set-key-vault-policy` fix actions, and a
 * `command` that names the assignment it `removes`, so the shells hand a finding's actions over as they are;
 * other actions (another command, a manual step) are left out by {@link fixGrantsOf}.
 */
export type FixGrant =
  | { kind: 'assign-role'; principal: EntityId; role: RoleId; scope: string }
  | {
      kind: 'set-key-vault-policy';
      vault: EntityId;
      principal: EntityId;
      secrets?: readonly string[];
      keys?: readonly string[];
    }
  | { kind: 'remove-role-assignment'; assignment: EntityId };

/** The fields of a fix action this file reads: any action, of which only the two grant kinds are kept. */
type AnyAction = { kind: string } & Partial<Record<string, unknown>>;

function isGrant(action: AnyAction): action is Exclude<FixGrant, { kind: 'remove-role-assignment' }> & AnyAction {
  return action.kind === 'assign-role' || action.kind === 'set-key-vault-policy';
}

const keyOf = (change: FixGrant): string =>
  change.kind === 'assign-role'
    ? `role\n${change.principal}\n${change.role.toLowerCase()}\n${scopeKey(change.scope)}`
    : change.kind === 'remove-role-assignment'
      ? `remove\n${change.assignment}`
      : `policy\n${change.vault}\n${change.principal}`;

const unite = (a: readonly string[] | undefined, b: readonly string[] | undefined): string[] => [
  ...new Set([...(a ?? []), ...(b ?? [])].map((p) => p.toLowerCase())),
];

/**
 * Collects the grants of several fixes' actions, once each: a role assignment is the same when principal, role
 * and scope are (scopes compared as ARM compares them, case-insensitively); access-policy permissions for one
 * principal on one vault are united. Order is stable: the first action that asks for something places it.
 */
export function fixGrantsOf(actions: Iterable<AnyAction>): FixGrant[] {
  const changes = new Map<string, FixGrant>();
  for (const action of actions) {
    if (action.kind === 'command' && typeof action.removes === 'string') {
      const change: FixGrant = { kind: 'remove-role-assignment', assignment: action.removes as EntityId };
      if (!changes.has(keyOf(change))) changes.set(keyOf(change), change);
      continue;
    }
    if (!isGrant(action)) continue;
    const change: FixGrant =
      action.kind === 'assign-role'
        ? { kind: 'assign-role', principal: action.principal, role: action.role, scope: action.scope }
        : {
            kind: 'set-key-vault-policy',
            vault: action.vault,
            principal: action.principal,
            secrets: unite(action.secrets, []),
            keys: unite(action.keys, []),
          };
    const key = keyOf(change);
    const earlier = changes.get(key);
    if (earlier?.kind === 'set-key-vault-policy' && change.kind === 'set-key-vault-policy')
      changes.set(key, {
        ...earlier,
        secrets: unite(earlier.secrets, change.secrets),
        keys: unite(earlier.keys, change.keys),
      });
    else if (earlier === undefined) changes.set(key, change);
  }
  return [...changes.values()];
}

function grantPolicy(estate: Estate, change: Extract<FixGrant, { kind: 'set-key-vault-policy' }>): Estate {
  return updateEntity(estate, 'keyVault', change.vault, (vault) => {
    const index = vault.accessPolicies.findIndex((policy) => policy.principal === change.principal);
    const current: KeyVaultAccessPolicy = vault.accessPolicies[index] ?? {
      principal: change.principal,
      keys: [],
      secrets: [],
      certificates: [],
    };
    const secrets = unite(current.secrets, change.secrets);
    const keys = unite(current.keys, change.keys);
    // Nothing new asked for: the vault (and so the estate) stays the same object, and no undo step is recorded.
    if (index !== -1 && secrets.length === current.secrets.length && keys.length === current.keys.length) return vault;
    const next = { ...current, secrets, keys };
    const policies = vault.accessPolicies.slice();
    if (index === -1) policies.push(next);
    else policies[index] = next;
    return { ...vault, accessPolicies: policies };
  });
}

/**
 * Applies grant changes as one what-if: removals of assignments, planned role assignments (see {@link addRoleAssignment}: the same deterministic
 * ids, nothing added twice) and access-policy permissions. Returns `estate` itself when every grant is there
 * already, so the store records no empty step.
 */
export function applyFixGrants(estate: Estate, changes: readonly FixGrant[]): Estate {
  return changes.reduce((current, change) => {
    switch (change.kind) {
      case 'assign-role':
        return addRoleAssignment(current, { principal: change.principal, role: change.role, scope: change.scope });
      case 'remove-role-assignment':
        return removeRoleAssignment(current, { assignment: change.assignment });
      case 'set-key-vault-policy':
        return grantPolicy(current, change);
    }
  }, estate);
}
