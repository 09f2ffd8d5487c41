/**
 * Workspace variants of the base estate's ws-ml, as lines for `baseEstateYaml({ workspace })`, and the
 * identities they name (tests only).
 */

/** ws-ml running as the user-assigned identity uai-ws, its primary identity. */
export const UAI_WS_WORKSPACE =
  '    identity:\n      type: user_assigned\n      user_assigned_identities: [uai-ws]\n    primary_user_assigned_identity: uai-ws';

/** ws-ml on its system-assigned identity, with a managed network in isolation mode `mode`. */
export function managedNetworkWorkspace(mode: string): string {
  return `    identity:\n      type: system_assigned\n    managed_network:\n      isolation_mode: ${mode}`;
}

/** The identity uai-ws with a known principal id, followed by `more` (role assignments, other sections). */
export function uaiWsIdentity(more = ''): string {
  return `user_assigned_identities:
  - name: uai-ws
    resource_group: rg-ml
    principal_id: 44444444-4444-4444-4444-444444444444
${more}`;
}

/** ws-ml with a system identity, encrypted with a customer-managed key in kv-ml that uai-cmk unwraps. */
export const CMK_WORKSPACE = `    identity:
      type: system_assigned
    customer_managed_key:
      key_vault: kv-ml
      key_uri: https://kv-ml.vault.azure.net/keys/cmk/1
      user_assigned_identity: uai-cmk`;

/** The customer-managed-key identity uai-cmk, with a known principal id. */
export const UAI_CMK = `user_assigned_identities:
  - name: uai-cmk
    resource_group: rg-ml
    principal_id: 55555555-5555-5555-5555-555555555555
`;
