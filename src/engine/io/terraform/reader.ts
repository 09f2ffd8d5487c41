import { entityId, isGuid, roleIdFrom, type EntityId, type RoleId } from '../../model/ids';
import { COLLECTION_OF_KIND, type Entity, type EntityKind, type KeyVaultAccessPolicy, type RoleAssignment } from '../../model/types';
import { findBuiltInRole } from '../../rbac/builtin-roles';
import { ReadContext, type Rec } from '../core/context';
import { FragmentBuilder, type Loc } from '../core/fragment';
import { ARM_TEMPLATE_PLACEHOLDER_SUBSCRIPTION, defaultRoleAssignmentId } from '../core/naming';
import { guarded, type DeploymentTarget, type ReaderResult } from '../core/reader';
import { canonicalArmId, kindOfArmId, parseArmId } from '../core/azure/ids';
import { assignmentPrincipal } from '../core/azure/rbac';
import { mapArmResource } from '../core/azure/resources';
import { isRec, Obj } from '../core/azure/values';
import { sanitizeText } from '../secrets';
import { quote, type ParseResult } from '../core/source';
import { AZURERM_TYPES, azapiId, azapiToArm, azapiUpdateToArm, azurermToArm, workspaceChildId, type Lookup } from './azurerm';
import {
  isTerraformJson,
  maskAt,
  referencesOf,
  terraformMode,
  terraformResources,
  type TerraformResource,
} from './document';

/**
 * Reads `terraform show -json` output, a saved plan or the state, into an estate fragment. A plan describes what
 * would exist (its role assignments are `planned`), state what exists (`observed`). Ids and principals known
 * only after apply are followed through the plan's configuration (`principal_id =
 * azurerm_user_assigned_identity.x.principal_id` names that identity); what cannot be followed stays unset.
 */

/** Attributes whose value bears on access: when Terraform knows them only after apply, the reader says so. */
const WATCHED = new Set([
  'public_network_access_enabled',
  'shared_access_key_enabled',
  'admin_enabled',
  'local_auth_enabled',
  'enable_rbac_authorization',
  'rbac_authorization_enabled',
  'network_rule_bypass_option',
  'is_hns_enabled',
]);

/** Types read as something other than a resource. */
const ROLE_ASSIGNMENT = 'azurerm_role_assignment';
const ACCESS_POLICY = 'azurerm_key_vault_access_policy';
const UPDATE = 'azapi_update_resource';

/** The kinds of resource whose settings an `azapi_update_resource` is read onto. */
const PATCHABLE: ReadonlySet<EntityKind> = new Set(['workspace', 'storageAccount', 'keyVault', 'containerRegistry']);

/** Options for {@link readTerraformDocuments}. */
export interface TerraformOptions {
  /** Where the plan deploys, for ids Terraform knows only after apply. */
  deployment?: DeploymentTarget;
}

const GUID_IN_ID = /^\/subscriptions\/([0-9a-f-]{36})/i;

class TerraformReader implements Lookup {
  readonly b: FragmentBuilder;
  private readonly byAddress = new Map<string, TerraformResource[]>();
  private readonly ids = new Map<TerraformResource, string | undefined>();
  private readonly visiting = new Set<TerraformResource>();
  private readonly policies = new Map<string, { id: string; loc: Loc; list: KeyVaultAccessPolicy[] }>();
  readonly origin: 'planned' | 'observed';

  constructor(
    readonly file: string,
    readonly ctx: ReadContext,
    readonly root: Rec,
    readonly resources: TerraformResource[],
    readonly subscription: string,
    plan: boolean,
  ) {
    this.origin = plan ? 'planned' : 'observed';
    this.b = new FragmentBuilder(file, this.origin);
    this.b.use(ctx);
    for (const resource of resources) {
      for (const key of new Set([resource.address, resource.configAddress])) {
        const list = this.byAddress.get(key) ?? [];
        list.push(resource);
        this.byAddress.set(key, list);
      }
    }
  }

  loc(resource: TerraformResource, ...sub: (string | number)[]): Loc {
    return { ctx: this.ctx, path: [...resource.path, 'values', ...sub] };
  }

  /** The resource a reference names (`azurerm_x.y.id`, `azurerm_x.y[0].principal_id`) and the attribute path. */
  private target(reference: string): { resource: TerraformResource; rest: string } | undefined {
    const parts = reference.split('.');
    for (let n = parts.length; n > 1; n--) {
      const candidates = this.byAddress.get(parts.slice(0, n).join('.'));
      if (candidates?.length === 1 && candidates[0])
        return { resource: candidates[0], rest: parts.slice(n).join('.') };
    }
    return undefined;
  }

  /** A value the document gives at `path` of a resource's values. */
  private known(resource: TerraformResource, path: readonly (string | number)[]): unknown {
    return maskAt(resource.values, path);
  }

  id(resource: TerraformResource): string | undefined {
    if (this.ids.has(resource)) return this.ids.get(resource);
    if (this.visiting.has(resource)) return undefined;
    this.visiting.add(resource);
    const id = this.workOutId(resource);
    this.visiting.delete(resource);
    this.ids.set(resource, id);
    return id;
  }

  private workOutId(resource: TerraformResource): string | undefined {
    const given = resource.values.id;
    if (typeof given === 'string' && given.startsWith('/')) return given;
    const name = typeof resource.values.name === 'string' ? resource.values.name : undefined;
    if (resource.type === 'azapi_resource') return azapiId(this, resource);
    if (resource.type in AZURERM_TYPES && workspaceChildId(this, resource) !== undefined)
      return workspaceChildId(this, resource);
    if (name === undefined) return undefined;
    if (resource.type === 'azurerm_resource_group')
      return `/subscriptions/${this.subscription}/resourceGroups/${name}`;
    const type = AZURERM_TYPES[resource.type];
    const group = this.refName(resource, 'resource_group_name');
    return type !== undefined && group !== undefined
      ? `/subscriptions/${this.subscription}/resourceGroups/${group}/providers/${type}/${name}`
      : undefined;
  }

  /** A resource group name: given, or the name of the group the configuration wires in. */
  private refName(resource: TerraformResource, attribute: string): string | undefined {
    const value = resource.values[attribute];
    if (typeof value === 'string' && value !== '') return value;
    for (const reference of referencesOf(resource, attribute)) {
      const name = this.target(reference)?.resource.values.name;
      if (typeof name === 'string') return name;
    }
    return undefined;
  }

  refId(resource: TerraformResource, ...path: (string | number)[]): string | undefined {
    const value = this.known(resource, path);
    if (typeof value === 'string' && value.startsWith('/')) return value;
    for (const reference of referencesOf(resource, ...path)) {
      const found = this.target(reference);
      if (found && (found.rest === '' || found.rest === 'id')) {
        const id = this.id(found.resource);
        if (id !== undefined) return id;
      }
    }
    return undefined;
  }

  /**
   * The principal an object id attribute names: a GUID the document gives, or the identity the configuration
   * wires in (`azurerm_user_assigned_identity.x.principal_id`, `azurerm_machine_learning_workspace.w.identity[0].principal_id`).
   */
  principal(resource: TerraformResource, attribute: string, principalType?: string): EntityId | undefined {
    const loc = this.loc(resource, attribute);
    const value = resource.values[attribute];
    if (typeof value === 'string' && isGuid(value)) {
      const type = (['User', 'Group', 'ServicePrincipal', 'ForeignGroup'] as const).find(
        (t) => t.toLowerCase() === principalType?.toLowerCase(),
      );
      return assignmentPrincipal(this.b, type, value.toLowerCase(), undefined, loc);
    }
    for (const reference of referencesOf(resource, attribute)) {
      const found = this.target(reference);
      if (!found) continue;
      const id = this.id(found.resource);
      if (id === undefined) continue;
      if (found.resource.type === 'azurerm_user_assigned_identity' && found.rest === 'principal_id')
        return this.b.resource('userAssignedIdentity', id, loc, { stub: true })?.id;
      if (/^identity(\[0\]|\.0)?\.principal_id$/.test(found.rest)) {
        const parsed = parseArmId(id);
        const owner = parsed?.typeKey?.endsWith('/computes')
          ? this.b.resource('compute', id, loc, { stub: true })
          : this.b.resource('workspace', id, loc, { stub: true });
        return owner ? this.b.systemIdentity(owner, undefined, loc).id : undefined;
      }
    }
    return undefined;
  }

  /** Says which watched attributes Terraform knows only after apply. */
  private warnUnknowns(resource: TerraformResource): void {
    if (!isRec(resource.unknown)) return;
    for (const [key, value] of Object.entries(resource.unknown))
      if (value === true && WATCHED.has(key))
        this.ctx.warn(
          this.loc(resource, key).path,
          `\`${key}\` of ${resource.address} is known only after apply; it is left unset`,
        );
  }

  read(): void {
    const unmodelled = new Map<string, number>();
    const updates: TerraformResource[] = [];
    for (const resource of this.resources) {
      const type = resource.type;
      if (type === ROLE_ASSIGNMENT) this.roleAssignment(resource);
      else if (type === ACCESS_POLICY) this.accessPolicy(resource, ['key_vault_id'], resource.values, []);
      else if (type in AZURERM_TYPES || type === 'azapi_resource') this.resource(resource);
      else if (type === UPDATE && resource.mode === 'managed') updates.push(resource);
      else if (resource.mode === 'managed') unmodelled.set(type, (unmodelled.get(type) ?? 0) + 1);
    }
    // Patches last: the document lists resources by address (`azapi_update_resource` before `azurerm_...`), and a
    // patch changes its target whatever comes first.
    for (const update of updates) this.update(update);
    for (const { id, loc, list } of this.policies.values()) {
      const vault = this.b.resource('keyVault', id, loc, { stub: true });
      if (vault) this.b.set(vault, 'accessPolicies', list, loc);
    }
    for (const [type, count] of unmodelled)
      this.b.skipped.push({
        file: this.file,
        kind: type,
        note: `${count} ${type} resource(s) (not modelled)`,
      });
  }

  private resource(resource: TerraformResource): void {
    this.warnUnknowns(resource);
    const raw = maskAt(this.root, [...resource.path, 'values']);
    const arm =
      resource.type === 'azapi_resource'
        ? azapiToArm(this, resource)
        : azurermToArm(this, resource, isRec(raw) ? raw : {});
    if (arm === undefined) {
      this.ctx.warn(
        this.loc(resource).path,
        `the Azure id of ${resource.address} cannot be worked out (its name, resource group or parent is known only after apply); it is left out`,
      );
      return;
    }
    if (!mapArmResource(this.b, new Obj(this.b, this.ctx, [...resource.path, 'values'], arm), this.origin)) {
      this.b.skip(String(arm.type), `${resource.address} (type not modelled)`, this.loc(resource));
      return;
    }
    if (resource.type === 'azurerm_machine_learning_compute_instance' && this.origin === 'observed') this.idleShutdownUnknown(String(arm.id));
    if (resource.type === 'azurerm_key_vault' && Array.isArray(resource.values.access_policy)) {
      resource.values.access_policy.forEach((entry, i) => {
        if (isRec(entry)) this.accessPolicy(resource, undefined, entry, ['access_policy', i]);
      });
    }
  }

  /**
   * An `azapi_update_resource`: the settings its `body` gives replace those of its target. A target the file does
   * not declare is known by reference: the patched settings, and the rest unknown (EntityMeta.patch).
   */
  private update(resource: TerraformResource): void {
    const arm = azapiUpdateToArm(this, resource);
    if (arm === undefined) {
      this.ctx.warn(
        this.loc(resource).path,
        `the resource ${resource.address} patches is known only after apply (\`resource_id\`, or \`parent_id\` and \`name\`); the patch is left out`,
      );
      return;
    }
    const parsed = parseArmId(String(arm.id));
    const kind = parsed ? kindOfArmId(parsed) : undefined;
    if (kind === undefined || !PATCHABLE.has(kind)) {
      this.b.skip(String(arm.type), `${resource.address} (a patch of a type not read)`, this.loc(resource));
      return;
    }
    const target = (): Entity | undefined => {
      const id = canonicalArmId(String(arm.id)).toLowerCase();
      return (this.b.estate[COLLECTION_OF_KIND[kind]] as Entity[]).find((e) => 'armId' in e && e.armId.toLowerCase() === id);
    };
    const before = target();
    const declared = before !== undefined && !this.b.metaOf(before).stub;
    const source = before?.source;
    this.b.overriding = true;
    try {
      // At the body, so that a patched setting points at its place in `body` (azapi 2.x writes an object).
      mapArmResource(this.b, new Obj(this.b, this.ctx, [...resource.path, 'values', 'body'], arm), this.origin);
    } finally {
      this.b.overriding = false;
    }
    const entity = target();
    if (entity === undefined) return;
    // A declared target keeps its declaration as its place; one known only by the patch is a patch.
    if (declared && source !== undefined) entity.source = source;
    else if (!declared) this.b.metaOf(entity).patch = true;
  }

  /**
   * azurerm has no idle shutdown argument for a compute instance (hashicorp/terraform-provider-azurerm#20973), so
   * its state cannot say whether the instance has one (teams set it with az or azapi): the setting is unknown.
   */
  private idleShutdownUnknown(armId: string): void {
    const id = canonicalArmId(armId).toLowerCase();
    const compute = this.b.estate.computes.find((c) => c.armId.toLowerCase() === id);
    if (compute) this.b.unknown(compute, 'idleTimeBeforeShutdown');
  }

  /** One access policy, inline in a vault (`vaultPath` undefined) or an `azurerm_key_vault_access_policy`. */
  private accessPolicy(
    resource: TerraformResource,
    vaultAttribute: string[] | undefined,
    entry: Rec,
    at: (string | number)[],
  ): void {
    const loc = this.loc(resource, ...at);
    const vaultId = vaultAttribute ? this.refId(resource, ...vaultAttribute) : this.id(resource);
    const objectId = entry.object_id;
    const principal =
      typeof objectId === 'string' && isGuid(objectId)
        ? this.b.principalByObjectId(objectId.toLowerCase(), this.loc(resource, ...at, 'object_id'))
        : at.length === 0
          ? this.principal(resource, 'object_id')
          : undefined;
    if (vaultId === undefined || principal === undefined) {
      this.ctx.warn(
        loc.path,
        `this access policy's ${vaultId === undefined ? 'key vault' : 'object id'} is known only after apply; it is left out`,
      );
      return;
    }
    const names = (key: string) =>
      (Array.isArray(entry[key]) ? entry[key] : [])
        .filter((v) => typeof v === 'string')
        .map((v) => v.trim().toLowerCase());
    const key = vaultId.toLowerCase();
    const bucket = this.policies.get(key) ?? { id: vaultId, loc, list: [] };
    bucket.list.push({
      principal,
      keys: names('key_permissions'),
      secrets: names('secret_permissions'),
      certificates: names('certificate_permissions'),
    });
    this.policies.set(key, bucket);
  }

  private roleAssignment(resource: TerraformResource): void {
    const v = resource.values;
    const loc = this.loc(resource);
    const scope = this.refId(resource, 'scope');
    const roleName = typeof v.role_definition_name === 'string' ? v.role_definition_name : undefined;
    const role: RoleId | undefined =
      (typeof v.role_definition_id === 'string' ? roleIdFrom(v.role_definition_id) : undefined) ??
      (roleName !== undefined ? findBuiltInRole(roleName)?.id : undefined);
    const principalType = typeof v.principal_type === 'string' ? v.principal_type : undefined;
    const principal = this.principal(resource, 'principal_id', principalType);
    const missing = [
      scope === undefined ? '`scope`' : undefined,
      role === undefined
        ? roleName !== undefined
          ? `the role ${quote(roleName)} (not a built-in role)`
          : '`role_definition_id`'
        : undefined,
      principal === undefined ? '`principal_id`' : undefined,
    ].filter((m) => m !== undefined);
    if (scope === undefined || role === undefined || principal === undefined) {
      this.ctx.warn(
        loc.path,
        `${resource.address} cannot be placed: ${missing.join(', ')} cannot be known before apply or is missing; it is left out`,
      );
      return;
    }
    const canonicalScope = scope.trim() === '/' ? '/' : canonicalArmId(scope);
    const givenId = typeof v.id === 'string' && v.id.startsWith('/') ? v.id : undefined;
    const name = typeof v.name === 'string' && isGuid(v.name) ? v.name : undefined;
    const id =
      givenId !== undefined
        ? entityId(parseArmId(givenId)?.id ?? givenId)
        : name !== undefined
          ? entityId(
              `${canonicalScope === '/' ? '' : canonicalScope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
            )
          : defaultRoleAssignmentId(principal, role, canonicalScope);
    const assignment: RoleAssignment = {
      id,
      principal,
      role,
      scope: canonicalScope,
      origin: this.origin,
      source: this.b.source(loc),
    };
    const type = (['User', 'Group', 'ServicePrincipal', 'ForeignGroup', 'Device'] as const).find(
      (t) => t.toLowerCase() === principalType?.toLowerCase(),
    );
    if (type !== undefined) assignment.principalType = type;
    if (typeof v.condition === 'string' && v.condition !== '') assignment.condition = v.condition;
    if (typeof v.condition_version === 'string' && v.condition_version !== '')
      assignment.conditionVersion = v.condition_version;
    if (typeof v.description === 'string' && v.description !== '')
      assignment.description = sanitizeText(v.description).text;
    this.b.roleAssignment(assignment, roleName);
  }
}

/** The subscription ids are placed in when Terraform knows them only after apply. */
function subscriptionOf(
  root: Rec,
  resources: readonly TerraformResource[],
  deployment: DeploymentTarget | undefined,
): string | undefined {
  if (deployment?.subscriptionId !== undefined) return deployment.subscriptionId;
  // azurerm 4 asks for the subscription in the provider block; a plan's configuration keeps it when it is a constant.
  const provider = maskAt(root, [
    'configuration',
    'provider_config',
    'azurerm',
    'expressions',
    'subscription_id',
    'constant_value',
  ]);
  if (typeof provider === 'string' && isGuid(provider)) return provider;
  for (const resource of resources) {
    const fromId =
      typeof resource.values.id === 'string' ? GUID_IN_ID.exec(resource.values.id)?.[1] : undefined;
    if (fromId !== undefined) return fromId;
    const given = resource.values.subscription_id;
    if (resource.mode === 'data' && typeof given === 'string' && isGuid(given)) return given;
  }
  return undefined;
}

/** Reads one parsed `terraform show -json` document into an estate fragment; never throws. */
export function readTerraformDocuments(
  parsed: ParseResult,
  file: string,
  options: TerraformOptions = {},
): ReaderResult {
  return guarded(file, 'Terraform JSON', () => {
    if (parsed.diagnostics.some((d) => d.severity === 'error'))
      return { estate: undefined, diagnostics: parsed.diagnostics };
    const doc = parsed.docs[0];
    if (!doc || !isRec(doc.value) || !isTerraformJson(doc.value)) {
      const at = doc?.locate([]) ?? { line: 1, column: 1 };
      const message =
        'expected `terraform show -json` output: an object with `format_version` and `values` or `planned_values`';
      return {
        estate: undefined,
        diagnostics: [...parsed.diagnostics, { severity: 'error', file, ...at, message }],
      };
    }
    const ctx = new ReadContext(file, doc);
    const root = doc.value;
    const mode = terraformMode(root);
    const resources = terraformResources(root, mode);
    const found = subscriptionOf(root, resources, options.deployment);
    const reader = new TerraformReader(
      file,
      ctx,
      root,
      resources,
      found ?? ARM_TEMPLATE_PLACEHOLDER_SUBSCRIPTION,
      mode === 'plan',
    );
    const undeployed = found === undefined && resources.some((r) => typeof r.values.id !== 'string');
    if (undeployed)
      ctx.report(
        'info',
        [],
        `the plan does not say which subscription it deploys to: resources whose id is known only after apply are placed in subscription ${ARM_TEMPLATE_PLACEHOLDER_SUBSCRIPTION}. Give the subscription (the CLI's \`--deployment-target /subscriptions/<id>\`) to merge them with exported resources`,
      );
    reader.read();
    if (resources.length === 0) ctx.report('info', [], `this Terraform ${mode} holds no resources`);
    const result = reader.b.result(parsed.diagnostics);
    if (undeployed) result.undeployed = true;
    return result;
  });
}
