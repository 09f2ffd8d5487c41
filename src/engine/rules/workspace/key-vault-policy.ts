import type { EntityId } from '../../model/ids';
import type { Topology } from '../../model/topology';
import type { KeyVault } from '../../model/types';
import { describePrincipal } from '../../paths/builder';
import type { AccessPath, PathRequirement } from '../../paths/types';
import { noteEvidence, settingEvidence } from '../helpers';
import type { FindingDraft, RuleContext } from '../types';
import { resourceGroupName, shellQuote } from './cli-args';

// Under the vault access-policy model Azure roles grant no data operations, so a role assignment is the
// wrong fix for a missing permission there; these helpers report such requirements with an access policy
// fix instead, and rules keep them out of missingGrantDrafts with isPolicyVaultRequirement.

/** The key vault a requirement is on, when that vault uses access policies rather than Azure RBAC. */
export function policyVaultOf(context: RuleContext, requirement: PathRequirement): KeyVault | undefined {
  if (!requirement.dataAction) return undefined;
  const vault = context.estate.keyVaults.find((v) => v.armId.toLowerCase() === requirement.scope.toLowerCase());
  return vault && !vault.enableRbacAuthorization ? vault : undefined;
}

/** True for a requirement on an access-policy key vault (for a `select` that leaves it to {@link missingPolicyDrafts}). */
export function isPolicyVaultRequirement(context: RuleContext, requirement: PathRequirement): boolean {
  return policyVaultOf(context, requirement) !== undefined;
}

/** Requirements of a path on an access-policy key vault that no policy of the path's identity satisfies. */
export function unmetPolicyRequirements(context: RuleContext, path: AccessPath): { vault: KeyVault; requirement: PathRequirement }[] {
  if (path.identity.principal === undefined) return [];
  const found: { vault: KeyVault; requirement: PathRequirement }[] = [];
  for (const requirement of path.requirements) {
    if (requirement.optional || requirement.satisfiedBy !== undefined || requirement.decision?.allowed === true) continue;
    const vault = policyVaultOf(context, requirement);
    if (vault) found.push({ vault, requirement });
  }
  return found;
}

/** The object id of a principal when the estate records it. */
export function knownObjectId(topology: Topology, principal: EntityId): string | undefined {
  const entity = topology.get(principal);
  if (entity && 'objectId' in entity && entity.objectId) return entity.objectId;
  if (entity && 'principalId' in entity && entity.principalId) return entity.principalId;
  return undefined;
}

/** A shell expression for the object id of a principal: the id itself when known, else a look-up. */
export function objectIdExpression(topology: Topology, principal: EntityId): string {
  const known = knownObjectId(topology, principal);
  if (known !== undefined) return known;
  const entity = topology.get(principal);
  if (!entity) return `<object id of ${String(principal)}>`;
  switch (entity.kind) {
    case 'userAssignedIdentity':
      return `"$(az identity show --ids ${shellQuote(entity.armId)} --query principalId --output tsv)"`;
    case 'systemAssignedIdentity': {
      const owner = topology.get(entity.owner);
      if (owner?.kind === 'workspace') {
        return `"$(az ml workspace show --name ${shellQuote(owner.name)} --resource-group ${shellQuote(resourceGroupName(topology, owner.id))} --query identity.principal_id --output tsv)"`;
      }
      return `<object id of ${entity.name}>`;
    }
    case 'user':
      return `"$(az ad user show --id ${shellQuote(entity.userPrincipalName ?? entity.name)} --query id --output tsv)"`;
    case 'servicePrincipal':
      return `"$(az ad sp show --id ${shellQuote(entity.appId ?? entity.name)} --query id --output tsv)"`;
    default:
      return `<object id of ${entity.name}>`;
  }
}

/**
 * One finding per access-policy requirement of a path that the identity's policies do not meet, with an
 * `az keyvault set-policy` fix granting the listed permissions.
 */
export function missingPolicyDrafts(
  context: RuleContext,
  path: AccessPath,
  options: { consequence: string; permissions: { keys?: string[]; secrets?: string[] }; note?: string },
): FindingDraft[] {
  const principal = path.identity.principal;
  if (principal === undefined) return [];
  const { topology } = context;
  return unmetPolicyRequirements(context, path).map(({ vault, requirement }) => {
    const who = describePrincipal(topology, principal);
    const keys = options.permissions.keys;
    const secrets = options.permissions.secrets;
    const flags = [keys ? `--key-permissions ${keys.join(' ')}` : '', secrets ? `--secret-permissions ${secrets.join(' ')}` : ''].filter((f) => f !== '').join(' ');
    const objectId = knownObjectId(topology, principal) ?? `<object id of ${topology.nameOf(principal)}>`;
    const tenant = context.estate.tenantId;
    const symbol = `${vault.name}_${topology.nameOf(principal)}`.replace(/[^A-Za-z0-9]+/g, '_');
    const quoted = (list: string[], quote: string, capitalise: boolean) =>
      list.map((p) => `${quote}${capitalise ? p.charAt(0).toUpperCase() + p.slice(1) : p}${quote}`).join(', ');
    const bicepPermissions = [keys ? `keys: [ ${quoted(keys, "'", false)} ]` : '', secrets ? `secrets: [ ${quoted(secrets, "'", false)} ]` : '']
      .filter((l) => l !== '')
      .map((l) => `          ${l}`)
      .join('\n');
    const terraformPermissions = [keys ? `  key_permissions    = [${quoted(keys, '"', true)}]` : '', secrets ? `  secret_permissions = [${quoted(secrets, '"', true)}]` : '']
      .filter((l) => l !== '')
      .join('\n');
    const message = `${who} has no access policy on ${vault.name} that lets it ${requirement.label.replace(/ \(access policy:.*\)$/, '')}, as needed when ${path.title.charAt(0).toLowerCase()}${path.title.slice(1)}.`;
    return {
      subjects: [principal, vault.id, path.actor],
      message: options.note ? `${message} ${options.note}` : message,
      consequence: options.consequence,
      evidence: [
        settingEvidence(vault.id, 'enable_rbac_authorization', false, `${vault.name} uses vault access policies, so Azure roles do not grant its data operations`),
        noteEvidence(`No access policy on ${vault.name} for ${topology.nameOf(principal)} grants ${requirement.label.match(/access policy: (.*)\)$/)?.[1] ?? requirement.action}.`),
      ],
      fix: {
        summary: `Add an access policy for ${topology.nameOf(principal)} on ${vault.name}.`,
        actions: [
          {
            kind: 'command',
            az: [`az keyvault set-policy --name ${shellQuote(vault.name)} --resource-group ${shellQuote(resourceGroupName(topology, vault.id))} --object-id ${objectIdExpression(topology, principal)} ${flags}`],
            bicep: `// Deploy to resource group '${resourceGroupName(topology, vault.id)}'; adds to the existing policies.\nresource ${symbol}_policy 'Microsoft.KeyVault/vaults/accessPolicies@2023-07-01' = {\n  name: '${vault.name}/add'\n  properties: {\n    accessPolicies: [\n      {\n        tenantId: ${tenant ? `'${tenant}'` : 'subscription().tenantId'}\n        objectId: '${objectId}'\n        permissions: {\n${bicepPermissions}\n        }\n      }\n    ]\n  }\n}`,
            terraform: `resource "azurerm_key_vault_access_policy" "${symbol}" {\n  key_vault_id = "${vault.armId}"\n  tenant_id    = "${tenant ?? '<tenant id>'}"\n  object_id    = "${objectId}"\n${terraformPermissions}\n}`,
          },
        ],
      },
      pathIds: [path.id],
      discriminator: `policy:${requirement.action}@${vault.id}`,
    };
  });
}
