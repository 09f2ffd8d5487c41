import type { EntityId } from '../../model/ids';
import type { Topology } from '../../model/topology';
import type { Compute, Workspace } from '../../model/types';
import { resourceGroupName, shellQuote } from '../../fixes/shell';

export { resourceGroupName, shellQuote };

// Helpers shared by the workspace, managed-network and governance rules to write fixes that paste into a
// shell unchanged. Names in an estate are normally shell-safe, but a display name read from an export
// might not be, so anything unusual is quoted.

/** `--name <workspace> --resource-group <group>`, for `az ml workspace` commands. */
export function workspaceArgs(topology: Topology, workspace: Workspace): string {
  return `--name ${shellQuote(workspace.name)} --resource-group ${shellQuote(resourceGroupName(topology, workspace.id))}`;
}

/** `--name <compute> --workspace-name <workspace> --resource-group <group>`, for `az ml compute` commands. */
export function computeArgs(topology: Topology, compute: Compute): string {
  const workspace = topology.getOfKind(compute.workspace, 'workspace');
  return `--name ${shellQuote(compute.name)} --workspace-name ${shellQuote(workspace?.name ?? '<workspace>')} --resource-group ${shellQuote(resourceGroupName(topology, compute.id))}`;
}

/** A Bicep fragment that updates properties of an existing workspace (to merge into its declaration). */
export function workspaceBicep(workspace: Workspace, body: string): string {
  return `// Merge into the declaration of workspace '${workspace.name}'.\nresource ${bicepSymbol(workspace.name)} 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {\n  name: '${workspace.name}'\n${indent(body, 2)}\n}`;
}

/** A Terraform fragment for the `azurerm_machine_learning_workspace` resource of a workspace. */
export function workspaceTerraform(workspace: Workspace, body: string): string {
  return `# Merge into the azurerm_machine_learning_workspace resource for '${workspace.name}'.\nresource "azurerm_machine_learning_workspace" "${bicepSymbol(workspace.name)}" {\n  name = "${workspace.name}"\n${indent(body, 2)}\n}`;
}

/** A Bicep-safe (and Terraform-safe) symbol for a resource name. */
export function bicepSymbol(name: string): string {
  const symbol = name.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[A-Za-z]/.test(symbol) ? symbol : `r_${symbol}`;
}

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');
}

/** Words joined for a message (`a, b and c`, or `a, b or c`). */
export function joinWords(words: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}

/** Names of entities, joined for a message (`a, b and c`). */
export function nameList(topology: Topology, ids: readonly EntityId[]): string {
  return joinWords(ids.map((id) => topology.nameOf(id)));
}
