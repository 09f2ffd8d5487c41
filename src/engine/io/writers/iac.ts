import { armParts, principalTypeOf } from '../../fixes/render';
import type { EntityId } from '../../model/ids';
import type { Topology } from '../../model/topology';
import type { Entity } from '../../model/types';
import type { RoleCatalog } from '../../rbac/catalog';
import type { Finding } from '../../rules/types';
import type { PlannedGrant, PlannedPolicy } from './fix-plan';

/** API versions used for `existing` references and for the resources the IaC writers declare. */
export const API_VERSIONS: Record<string, string> = {
  'microsoft.containerregistry/registries': '2023-07-01',
  'microsoft.storage/storageaccounts': '2023-05-01',
  'microsoft.storage/storageaccounts/blobservices': '2023-05-01',
  'microsoft.storage/storageaccounts/blobservices/containers': '2023-05-01',
  'microsoft.storage/storageaccounts/fileservices/shares': '2023-05-01',
  'microsoft.keyvault/vaults': '2023-07-01',
  'microsoft.insights/components': '2020-02-02',
  'microsoft.machinelearningservices/workspaces': '2024-04-01',
  'microsoft.machinelearningservices/workspaces/onlineendpoints': '2024-04-01',
  'microsoft.machinelearningservices/workspaces/onlineendpoints/deployments': '2024-04-01',
  'microsoft.machinelearningservices/workspaces/connections': '2024-04-01',
  'microsoft.machinelearningservices/workspaces/computes': '2024-04-01',
  'microsoft.machinelearningservices/workspaces/datastores': '2024-04-01',
  'microsoft.managedidentity/userassignedidentities': '2023-01-31',
  'microsoft.containerservice/managedclusters': '2024-02-01',
  'microsoft.network/privateendpoints': '2023-09-01',
};

/** The API version for a resource type, or a recent generic one when the table does not know the type. */
export function apiVersionOf(type: string): string {
  return API_VERSIONS[type.toLowerCase()] ?? '2023-01-01';
}

/** Hands out identifiers that are unique within one file, readable, and stable for the same input. */
export class SymbolTable {
  private readonly used = new Map<string, string>();

  /** The symbol for `key`: the same key always gets the same symbol, two keys never share one. */
  symbol(key: string, ...parts: string[]): string {
    const existing = this.used.get(`key:${key}`);
    if (existing) return existing;
    const base = identifier(...parts);
    let candidate = base;
    for (let n = 2; this.used.has(`sym:${candidate}`); n++) candidate = `${base}_${n}`;
    this.used.set(`sym:${candidate}`, key);
    this.used.set(`key:${key}`, candidate);
    return candidate;
  }
}

/** The declarations of one generated file (existing resources, data sources): each written once, under its symbol. */
export class DeclarationList {
  readonly texts: string[] = [];
  private readonly declared = new Set<string>();

  constructor(private readonly symbols: SymbolTable) {}

  /** Declares `key` once, with the text built from its symbol, and returns the symbol. */
  declare(key: string, text: (symbol: string) => string, ...nameParts: string[]): string {
    const symbol = this.symbols.symbol(key, ...nameParts);
    if (!this.declared.has(key)) {
      this.declared.add(key);
      this.texts.push(text(symbol));
    }
    return symbol;
  }
}

/** Letters, digits and underscores, starting with a letter, at most 60 characters. */
export function identifier(...parts: string[]): string {
  const joined = parts
    .join('_')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase()
    .slice(0, 60)
    .replace(/_+$/, '');
  return /^[a-z]/.test(joined) ? joined : `x_${joined}`;
}

/** Where a role assignment or an access policy is deployed: the scope level and, for groups, which one. */
export interface Placement {
  level: 'resourceGroup' | 'subscription' | 'managementGroup' | 'tenant';
  subscription?: string;
  resourceGroup?: string;
  managementGroup?: string;
  /** For a resource scope: its type (`Microsoft.Storage/storageAccounts/blobServices/containers`) and name (`st/default/c`). */
  resource?: { type: string; name: string };
}

/** Works out from an ARM id which deployment scope a role assignment on it belongs to. */
export function placementOf(scope: string): Placement {
  const mg = /^\/providers\/Microsoft\.Management\/managementGroups\/([^/]+)\/?$/i.exec(scope);
  if (mg) return { level: 'managementGroup', managementGroup: mg[1] as string };
  const parts = armParts(scope);
  if (parts.subscription && parts.resourceGroup) {
    return {
      level: 'resourceGroup',
      subscription: parts.subscription,
      resourceGroup: parts.resourceGroup,
      ...(parts.type && parts.name ? { resource: { type: parts.type, name: parts.name } } : {}),
    };
  }
  if (parts.subscription) return { level: 'subscription', subscription: parts.subscription };
  return { level: 'tenant' };
}

/** A role assignment or policy as the IaC writers need it, with names resolved for comments. */
export interface IacGrant {
  grant: PlannedGrant;
  roleName: string;
  principalName: string;
  principalType: 'User' | 'Group' | 'ServicePrincipal';
  placement: Placement;
  /** `AML-ACR-004, AML-CMP-003`: the rules that asked for it, for the description. */
  ruleIds: string;
}

export function describeGrant(grant: PlannedGrant, topology: Topology, catalog: RoleCatalog): IacGrant {
  return {
    grant,
    roleName: catalog.get(grant.role)?.name ?? grant.role,
    principalName: topology.nameOf(grant.principal),
    principalType: principalTypeOf(topology.get(grant.principal)),
    placement: placementOf(grant.scope),
    ruleIds: ruleIdsOf(grant.findings),
  };
}

export function ruleIdsOf(findings: readonly Finding[]): string {
  return [...new Set(findings.map((f) => f.ruleId))].join(', ');
}

/** A short readable name for a scope: the entity's name, else the last name in the ARM id (`stml/default/data`). */
export function scopeLabel(scope: string, topology: Topology): string {
  const entity = topology.get(scope as EntityId);
  if (entity) return entity.name;
  const parts = armParts(scope);
  return parts.name ?? parts.resourceGroup ?? parts.subscription ?? scope;
}

/** How an IaC file learns a principal's object id when the estate does not give it. */
export type PrincipalSource =
  | { kind: 'literal'; objectId: string }
  | { kind: 'user-assigned'; entity: Extract<Entity, { kind: 'userAssignedIdentity' }>; subscription?: string; resourceGroup: string }
  | { kind: 'resource-identity'; owner: Entity; type: string; name: string; subscription?: string; resourceGroup: string }
  | { kind: 'directory'; entity: Extract<Entity, { kind: 'user' | 'group' | 'servicePrincipal' }> }
  | { kind: 'unknown'; name: string };

/** The source of a principal's object id: known, an identity resource to read, a directory object, or unknown. */
export function principalSource(id: EntityId, topology: Topology): PrincipalSource {
  const entity = topology.get(id);
  if (!entity) return { kind: 'unknown', name: String(id) };
  const known = 'objectId' in entity && entity.objectId ? entity.objectId : 'principalId' in entity && entity.principalId ? entity.principalId : undefined;
  if (known) return { kind: 'literal', objectId: known };
  switch (entity.kind) {
    case 'userAssignedIdentity': {
      const parts = armParts(entity.armId);
      if (!parts.resourceGroup) return { kind: 'unknown', name: entity.name };
      return { kind: 'user-assigned', entity, resourceGroup: parts.resourceGroup, ...(parts.subscription ? { subscription: parts.subscription } : {}) };
    }
    case 'systemAssignedIdentity': {
      const owner = topology.get(entity.owner);
      if (!owner || !('armId' in owner)) return { kind: 'unknown', name: entity.name };
      const parts = armParts(owner.armId);
      if (!parts.type || !parts.name || !parts.resourceGroup) return { kind: 'unknown', name: entity.name };
      return {
        kind: 'resource-identity',
        owner,
        type: parts.type,
        name: parts.name,
        resourceGroup: parts.resourceGroup,
        ...(parts.subscription ? { subscription: parts.subscription } : {}),
      };
    }
    case 'user':
    case 'group':
    case 'servicePrincipal':
      return { kind: 'directory', entity };
    default:
      return { kind: 'unknown', name: entity.name };
  }
}

/** Key vault access policies grouped by vault: one `add` per vault, as ARM allows only one per deployment. */
export function policiesByVault(policies: readonly PlannedPolicy[]): Map<EntityId, PlannedPolicy[]> {
  const byVault = new Map<EntityId, PlannedPolicy[]>();
  for (const policy of policies) {
    const list = byVault.get(policy.vault);
    if (list) list.push(policy);
    else byVault.set(policy.vault, [policy]);
  }
  return byVault;
}
