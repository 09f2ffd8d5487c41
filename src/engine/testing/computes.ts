/**
 * YAML for computes in the base estate's workspace ws-ml, shared by the compute, registry and governance rule
 * tests (tests only).
 */

/** A `computes:` section with one compute; `lines` are its further fields, indented by four spaces. */
export function computeSection(name: string, type: string, lines: string): string {
  return `computes:\n  - name: ${name}\n    workspace: ws-ml\n    type: ${type}\n${lines}`;
}

/** The identity block of a compute with a system-assigned identity, followed by `more` lines. */
export function systemIdentity(more = ''): string {
  return `    identity:\n      type: system_assigned${more}\n`;
}

/** The identity block of a compute that runs as the user-assigned identity uai-train. */
export const UAI_TRAIN_IDENTITY = '    identity:\n      type: user_assigned\n      user_assigned_identities: [uai-train]\n';

/** A user-assigned identity `uai-train` with a known principal id, and the cluster `cpu-cluster` that runs as it. */
export const UAI_TRAIN_CLUSTER = `user_assigned_identities:
  - name: uai-train
    resource_group: rg-ml
    principal_id: 55555555-5555-5555-5555-555555555555
${computeSection('cpu-cluster', 'amlcompute', UAI_TRAIN_IDENTITY)}`;
