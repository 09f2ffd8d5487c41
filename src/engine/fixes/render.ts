import type { EntityId, RoleId } from '../model/ids';
import type { Topology } from '../model/topology';
import type { Entity } from '../model/types';
import type { RoleCatalog } from '../rbac/catalog';
import type { Fix, FixAction } from '../rules/types';
import { shellQuote } from './shell';

/**
 * Renders structured fix actions as az commands, a Bicep snippet and a Terraform snippet for the exact
 * principal and scope. Principal object ids that the estate does not know are looked up at run time
 * (`az identity show ... --query principalId`), so a fix for a planned identity still runs unchanged.
 */
export function renderFix(summary: string, actions: readonly FixAction[], topology: Topology, catalog: RoleCatalog): Fix {
  const az: string[] = [];
  const bicep: string[] = [];
  const terraform: string[] = [];
  // Two assignments on one resource, or two policies for one unknown principal, declare the same
  // `existing` resource, parameter or data source: a second copy would not compile, so each is written once.
  const declared = new Set<string>();
  const pushOnce = (into: string[], text: string) => {
    for (const block of text.split('\n\n')) {
      if (declared.has(block)) continue;
      declared.add(block);
      into.push(block);
    }
  };
  for (const action of actions) {
    switch (action.kind) {
      case 'assign-role': {
        const rendered = renderAssignment(action.principal, action.role, action.scope, topology, catalog);
        az.push(...rendered.az);
        pushOnce(bicep, rendered.bicep);
        pushOnce(terraform, rendered.terraform);
        break;
      }
      case 'command':
        az.push(...action.az);
        if (action.bicep) bicep.push(action.bicep);
        if (action.terraform) terraform.push(action.terraform);
        break;
      case 'set-key-vault-policy': {
        const rendered = renderAccessPolicy(action, topology);
        az.push(...rendered.az);
        pushOnce(bicep, rendered.bicep);
        pushOnce(terraform, rendered.terraform);
        break;
      }
      case 'manual':
        az.push(`# ${action.text}`);
        bicep.push(`// ${action.text}`);
        terraform.push(`# ${action.text}`);
        break;
    }
  }
  return { summary, actions: [...actions], az, bicep: bicep.join('\n\n'), terraform: terraform.join('\n\n') };
}

/** Azure's principal type for an entity, as role assignments spell it. */
export function principalTypeOf(entity: Entity | undefined): 'User' | 'Group' | 'ServicePrincipal' {
  if (entity?.kind === 'user') return 'User';
  if (entity?.kind === 'group') return 'Group';
  return 'ServicePrincipal';
}

/** A stable identifier made of letters, digits and underscores, for shell variables and IaC symbols. */
export function symbolName(...parts: string[]): string {
  const joined = parts
    .join('_')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
  return /^[a-z]/.test(joined) ? joined : `x_${joined}`;
}

interface ArmParts {
  resourceGroup?: string;
  /** `Microsoft.ContainerRegistry/registries` or `Microsoft.Storage/storageAccounts/blobServices/containers`. */
  type?: string;
  /** `acrml` or `stml/default/data`. */
  name?: string;
  subscription?: string;
}

/** Splits an ARM id into what Bicep needs to reference the resource with `existing`. */
export function armParts(id: string): ArmParts {
  const segments = id.split('/').filter((s) => s !== '');
  const parts: ArmParts = {};
  for (let i = 0; i < segments.length - 1; i++) {
    const key = segments[i]?.toLowerCase();
    if (key === 'subscriptions' && parts.subscription === undefined) parts.subscription = segments[i + 1];
    if (key === 'resourcegroups' && parts.resourceGroup === undefined) parts.resourceGroup = segments[i + 1];
    if (key === 'providers') {
      const namespace = segments[i + 1];
      const rest = segments.slice(i + 2);
      if (!namespace || rest.length < 2) break;
      const types: string[] = [];
      const names: string[] = [];
      for (let j = 0; j + 1 < rest.length; j += 2) {
        types.push(rest[j] as string);
        names.push(rest[j + 1] as string);
      }
      parts.type = [namespace, ...types].join('/');
      parts.name = names.join('/');
      break;
    }
  }
  return parts;
}

const API_VERSIONS: Record<string, string> = {
  'microsoft.containerregistry/registries': '2023-07-01',
  'microsoft.storage/storageaccounts': '2023-05-01',
  'microsoft.storage/storageaccounts/blobservices/containers': '2023-05-01',
  'microsoft.keyvault/vaults': '2023-07-01',
  'microsoft.insights/components': '2020-02-02',
  'microsoft.machinelearningservices/workspaces': '2024-04-01',
  'microsoft.machinelearningservices/workspaces/onlineendpoints': '2024-04-01',
  'microsoft.machinelearningservices/workspaces/connections': '2024-04-01',
  'microsoft.machinelearningservices/workspaces/computes': '2024-04-01',
  'microsoft.machinelearningservices/workspaces/datastores': '2024-04-01',
  'microsoft.managedidentity/userassignedidentities': '2023-01-31',
  'microsoft.containerservice/managedclusters': '2024-02-01',
};

/** How az, Bicep and Terraform refer to a principal's object id (declarations plus the expression to use). */
export interface PrincipalRef {
  /** Shell lines that set `$<variable>` when the object id must be looked up. */
  azLookup: string[];
  azValue: string;
  bicepDeclarations: string[];
  bicepValue: string;
  terraformDeclarations: string[];
  terraformValue: string;
}

/**
 * The object id of a principal as az, Bicep and Terraform can use it: the id itself when the estate knows it,
 * else a look-up (az) or a declared parameter or data source. Exported for fixes that are not role assignments,
 * such as key vault access policies.
 */
export function principalReference(id: EntityId, topology: Topology): PrincipalRef {
  const entity = topology.get(id);
  const variable = symbolName(entity?.name ?? String(id), 'principal_id');
  const objectId =
    entity && 'objectId' in entity && entity.objectId
      ? entity.objectId
      : entity && 'principalId' in entity && entity.principalId
        ? entity.principalId
        : undefined;
  if (objectId) {
    return {
      azLookup: [],
      azValue: objectId,
      bicepDeclarations: [],
      bicepValue: `'${objectId}'`,
      terraformDeclarations: [],
      terraformValue: `"${objectId}"`,
    };
  }
  const param = (): Pick<PrincipalRef, 'bicepDeclarations' | 'bicepValue' | 'terraformDeclarations' | 'terraformValue'> => ({
    bicepDeclarations: [`@description('Object id of ${entity?.name ?? id}')\nparam ${variable} string`],
    bicepValue: variable,
    terraformDeclarations: [`variable "${variable}" {\n  description = "Object id of ${entity?.name ?? id}"\n  type        = string\n}`],
    terraformValue: `var.${variable}`,
  });
  const lookup = (command: string) => [`${variable}=$(${command})`];
  switch (entity?.kind) {
    case 'userAssignedIdentity': {
      const parts = armParts(entity.armId);
      const symbol = symbolName(entity.name);
      return {
        azLookup: lookup(`az identity show --ids ${shellQuote(entity.armId)} --query principalId --output tsv`),
        azValue: `"$${variable}"`,
        bicepDeclarations: [
          `resource ${symbol} 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {\n  name: '${entity.name}'${parts.resourceGroup ? `\n  scope: resourceGroup('${parts.resourceGroup}')` : ''}\n}`,
        ],
        bicepValue: `${symbol}.properties.principalId`,
        terraformDeclarations: [
          `data "azurerm_user_assigned_identity" "${symbol}" {\n  name                = "${entity.name}"\n  resource_group_name = "${parts.resourceGroup ?? ''}"\n}`,
        ],
        terraformValue: `data.azurerm_user_assigned_identity.${symbol}.principal_id`,
      };
    }
    case 'systemAssignedIdentity': {
      const owner = topology.get(entity.owner);
      const workspace = owner ? topology.workspaceOf(owner.id) : undefined;
      const rg = owner ? topology.resourceGroupOf(owner.id) : undefined;
      const rgName = rg?.name ?? '';
      let command: string | undefined;
      if (owner?.kind === 'workspace') {
        command = `az ml workspace show --name ${shellQuote(owner.name)} --resource-group ${shellQuote(rgName)} --query identity.principal_id --output tsv`;
        const symbol = symbolName(owner.name);
        return {
          azLookup: lookup(command),
          azValue: `"$${variable}"`,
          bicepDeclarations: [
            `resource ${symbol} 'Microsoft.MachineLearningServices/workspaces@2024-04-01' existing = {\n  name: '${owner.name}'\n  scope: resourceGroup('${rgName}')\n}`,
          ],
          bicepValue: `${symbol}.identity.principalId`,
          terraformDeclarations: [
            `data "azurerm_machine_learning_workspace" "${symbol}" {\n  name                = "${owner.name}"\n  resource_group_name = "${rgName}"\n}`,
          ],
          terraformValue: `data.azurerm_machine_learning_workspace.${symbol}.identity[0].principal_id`,
        };
      }
      if (owner?.kind === 'compute' && workspace) {
        command = `az ml compute show --name ${shellQuote(owner.name)} --workspace-name ${shellQuote(workspace.name)} --resource-group ${shellQuote(rgName)} --query identity.principal_id --output tsv`;
      } else if (owner?.kind === 'onlineEndpoint' && workspace) {
        command = `az ml online-endpoint show --name ${shellQuote(owner.name)} --workspace-name ${shellQuote(workspace.name)} --resource-group ${shellQuote(rgName)} --query identity.principal_id --output tsv`;
      } else if (owner?.kind === 'aksCluster') {
        // `az aks show` insists on --name and --resource-group (it has no --ids in the CLI Debian ships).
        const aks = armParts(owner.armId);
        command = `az aks show --name ${shellQuote(owner.name)} --resource-group ${shellQuote(aks.resourceGroup ?? rgName)}${aks.subscription ? ` --subscription ${shellQuote(aks.subscription)}` : ''} --query identity.principalId --output tsv`;
      }
      return { azLookup: command ? lookup(command) : [], azValue: command ? `"$${variable}"` : `<object id of ${entity.name}>`, ...param() };
    }
    case 'user':
      return {
        azLookup: lookup(`az ad user show --id ${shellQuote(entity.userPrincipalName ?? entity.name)} --query id --output tsv`),
        azValue: `"$${variable}"`,
        ...param(),
      };
    case 'group':
      return { azLookup: lookup(`az ad group show --group ${shellQuote(entity.name)} --query id --output tsv`), azValue: `"$${variable}"`, ...param() };
    case 'servicePrincipal':
      return {
        azLookup: lookup(`az ad sp show --id ${shellQuote(entity.appId ?? entity.name)} --query id --output tsv`),
        azValue: `"$${variable}"`,
        ...param(),
      };
    default:
      return { azLookup: [], azValue: `<object id of ${String(id)}>`, ...param() };
  }
}

/** Renders one role assignment for one principal at one scope. */
export function renderAssignment(
  principal: EntityId,
  role: RoleId,
  scope: string,
  topology: Topology,
  catalog: RoleCatalog,
): { az: string[]; bicep: string; terraform: string } {
  const entity = topology.get(principal);
  const roleName = catalog.get(role)?.name ?? role;
  const principalType = principalTypeOf(entity);
  const ref = principalReference(principal, topology);
  const principalName = entity?.name ?? String(principal);
  const az = [
    `# ${roleName} for ${principalName} on ${topology.nameOf(scope as EntityId)}`,
    ...ref.azLookup,
    `az role assignment create --assignee-object-id ${ref.azValue} --assignee-principal-type ${principalType} --role ${role} --scope ${shellQuote(scope)}`,
  ];

  const parts = armParts(scope);
  const assignmentSymbol = symbolName(roleName, principalName, parts.name ?? parts.resourceGroup ?? 'scope');
  const bicepLines = [...ref.bicepDeclarations];
  let scopeLine = '';
  if (parts.type && parts.name) {
    const scopeSymbol = symbolName(parts.name.split('/').pop() ?? parts.name, 'scope');
    const apiVersion = API_VERSIONS[parts.type.toLowerCase()] ?? '2023-01-01';
    bicepLines.push(`// Deploy this file to resource group '${parts.resourceGroup ?? ''}'.\nresource ${scopeSymbol} '${parts.type}@${apiVersion}' existing = {\n  name: '${parts.name}'\n}`);
    scopeLine = `\n  scope: ${scopeSymbol}`;
  } else if (parts.resourceGroup) {
    bicepLines.push(`// Deploy this file to resource group '${parts.resourceGroup}'; the assignment applies to the whole group.`);
  } else if (parts.subscription) {
    bicepLines.push(`targetScope = 'subscription'`);
  } else {
    bicepLines.push(`targetScope = 'managementGroup'`);
  }
  bicepLines.push(
    `resource ${assignmentSymbol} 'Microsoft.Authorization/roleAssignments@2022-04-01' = {\n  name: guid('${scope}', '${principal}', '${role}')${scopeLine}\n  properties: {\n    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${role}')\n    principalId: ${ref.bicepValue}\n    principalType: '${principalType}'\n  }\n}`,
  );

  const terraform = [
    ...ref.terraformDeclarations,
    `resource "azurerm_role_assignment" "${assignmentSymbol}" {\n  scope                = "${scope}"\n  role_definition_name = "${roleName}"\n  principal_id         = ${ref.terraformValue}\n  principal_type       = "${principalType}"\n}`,
  ].join('\n\n');

  return { az, bicep: bicepLines.join('\n\n'), terraform };
}

const capitalise = (permission: string) => permission.charAt(0).toUpperCase() + permission.slice(1);

/**
 * Renders an access policy for a principal on a vault that uses the access-policy model, where role
 * assignments do not reach secrets or keys. The Bicep adds to the vault's existing policies (`add`).
 */
export function renderAccessPolicy(
  action: Extract<FixAction, { kind: 'set-key-vault-policy' }>,
  topology: Topology,
): { az: string[]; bicep: string; terraform: string } {
  const vault = topology.getOfKind(action.vault, 'keyVault');
  const vaultName = vault?.name ?? topology.nameOf(action.vault);
  const resourceGroup = vault ? armParts(vault.armId).resourceGroup : undefined;
  const principalName = topology.nameOf(action.principal);
  const ref = principalReference(action.principal, topology);
  const secrets = action.secrets ?? [];
  const keys = action.keys ?? [];
  const flags = [keys.length > 0 ? `--key-permissions ${keys.join(' ')}` : '', secrets.length > 0 ? `--secret-permissions ${secrets.join(' ')}` : '']
    .filter((flag) => flag !== '')
    .join(' ');
  const az = [
    `# Access policy for ${principalName} on ${vaultName}`,
    ...ref.azLookup,
    `az keyvault set-policy --name ${shellQuote(vaultName)}${resourceGroup ? ` --resource-group ${shellQuote(resourceGroup)}` : ''} --object-id ${ref.azValue} ${flags}`,
  ];
  const vaultSymbol = symbolName(vaultName, 'vault');
  const list = (items: string[], quote: string, transform: (p: string) => string = (p) => p) => items.map((p) => `${quote}${transform(p)}${quote}`).join(', ');
  const bicepPermissions = [keys.length > 0 ? `keys: [ ${list(keys, "'")} ]` : '', secrets.length > 0 ? `secrets: [ ${list(secrets, "'")} ]` : '']
    .filter((line) => line !== '')
    .map((line) => `          ${line}`)
    .join('\n');
  const bicep = [
    ...ref.bicepDeclarations,
    `// Deploy this file to resource group '${resourceGroup ?? ''}'; 'add' keeps the vault's other policies.\nresource ${vaultSymbol} 'Microsoft.KeyVault/vaults@2023-07-01' existing = {\n  name: '${vaultName}'\n}`,
    `resource ${symbolName(vaultName, principalName, 'policy')} 'Microsoft.KeyVault/vaults/accessPolicies@2023-07-01' = {\n  parent: ${vaultSymbol}\n  name: 'add'\n  properties: {\n    accessPolicies: [\n      {\n        tenantId: subscription().tenantId\n        objectId: ${ref.bicepValue}\n        permissions: {\n${bicepPermissions}\n        }\n      }\n    ]\n  }\n}`,
  ].join('\n\n');
  const terraform = [
    ...ref.terraformDeclarations,
    `data "azurerm_client_config" "current" {}`,
    `resource "azurerm_key_vault_access_policy" "${symbolName(vaultName, principalName)}" {\n  key_vault_id = "${vault?.armId ?? ''}"\n  tenant_id    = data.azurerm_client_config.current.tenant_id\n  object_id    = ${ref.terraformValue}${keys.length > 0 ? `\n  key_permissions    = [${list(keys, '"', capitalise)}]` : ''}${secrets.length > 0 ? `\n  secret_permissions = [${list(secrets, '"', capitalise)}]` : ''}\n}`,
  ].join('\n\n');
  return { az, bicep, terraform };
}
