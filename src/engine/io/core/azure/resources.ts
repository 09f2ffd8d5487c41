import { computeTypeFrom, parametersOfExpression } from '../../../model/compute-kinds';
import { isGuid, type EntityId } from '../../../model/ids';
import { referenceTargets } from '../../../model/references';
import type {
  AssignmentOrigin,
  Entity,
  ContainerRegistry,
  CredentialKind,
  EntityKind,
  KeyVaultAccessPolicy,
  PublicNetworkAccess,
  StorageNetworkSetting,
} from '../../../model/types';
import { KIND_LABELS } from '../kinds';
import { credentialKindOf, redactEnvironmentVariables, secretFieldsIn } from '../../secrets';
import { quote } from '../source';
import type { FragmentBuilder, Loc } from '../fragment';
import { readIdentity } from './identity';
import { PRIVATE_ENDPOINT_TYPE, readPrivateEndpoint, readPrivateEndpointConnections } from './private-endpoints';
import { KIND_BY_TYPE, kindOfArmId, parseArmId } from './ids';
import { readRoleAssignment, readRoleDefinition } from './rbac';
import { fold, isRec, Obj } from './values';

/**
 * Maps resources in the ARM/REST shape (`type`, `id`, `name`, `identity`, `properties`) to estate entities.
 * Resource Graph rows and compiled ARM templates (once their expressions are evaluated) have this shape,
 * and so do `az resource show` and the flattened `az storage account show` / `az acr show` outputs, whose
 * properties sit at the top: every property is looked up under `properties` first, then at the top.
 */

const PUBLIC_ACCESS = ['Enabled', 'Disabled'] as const;
const PUBLIC_ALIASES = { SecuredByPerimeter: 'Disabled' } as const;

/**
 * Whether `o` writes one of `names` with a value its input could not know: null where the builder reads null so
 * (FragmentBuilder.nullIsUnknown, the ARM reader). Such a field is marked unknown, never read as Azure's default.
 */
function writtenUnknown(o: Obj | undefined, ...names: string[]): boolean {
  if (o === undefined || !o.b.nullIsUnknown) return false;
  // A loop, not some() with a closure: every mapped resource asks this of several fields.
  for (const name of names) if (name in o.raw && o.raw[name] === null) return true;
  return false;
}

/** Marks `field` of `entity` unknown when `o` writes one of `names` with a value it could not know. */
function unknownWhen<E extends Entity>(b: FragmentBuilder, entity: E, field: keyof E & string, o: Obj | undefined, ...names: string[]): void {
  if (writtenUnknown(o, ...names)) b.unknown(entity, field);
}

/** Sets `publicNetworkAccess` as the resource writes it (`SecuredByPerimeter` counts as `Disabled`). */
function setPublicNetworkAccess(
  b: FragmentBuilder,
  entity: Extract<Entity, { publicNetworkAccess: PublicNetworkAccess }>,
  p: Obj,
): void {
  b.set(entity, 'publicNetworkAccess', p.oneOf('publicNetworkAccess', PUBLIC_ACCESS, PUBLIC_ALIASES), p.locOf('publicNetworkAccess'));
}

/** The object that holds a resource's properties: `properties` when there is one, else the resource itself. */
export function propertiesOf(o: Obj): Obj {
  return o.child('properties') ?? o;
}

/** Warns about every credential value present in a credentials block (at any depth); values are never kept. */
export function warnAboutSecrets(block: Obj): void {
  for (const field of secretFieldsIn(block.raw)) {
    block.ctx.warn(
      block.at(field).path,
      `\`${field}\` holds a credential value; it was dropped (only the kind of credential is kept)`,
    );
  }
  for (const [key, value] of Object.entries(block.raw)) {
    if (isRec(value)) warnAboutSecrets(new Obj(block.b, block.ctx, [...block.path, key], value));
  }
}

/** The kind of a credentials block, defaulting to `custom` for a type Azure added after this was written. */
export function credentialKindAt(block: Obj | undefined): CredentialKind {
  if (!block) return 'none';
  warnAboutSecrets(block);
  const kind = credentialKindOf(block.raw);
  if (kind !== undefined) return kind;
  const key = block.key('type', 'credentialsType', 'credentials_type', 'auth_type', 'authType') ?? 'type';
  block.ctx.warn(
    block.at(key).path,
    `unknown credential type ${quote(String(block.raw[key]))}; it is shown as \`custom\``,
  );
  return 'custom';
}

/** A workspace's dependencies, as ARM properties named like the model's reference fields. */
const WORKSPACE_DEPENDENCIES = ['storageAccount', 'keyVault', 'containerRegistry', 'applicationInsights'] as const;

/** Reads a property holding an ARM id and returns a stub of the resource it names (of the expected kind). */
function reference(b: FragmentBuilder, p: Obj, kind: EntityKind, ...names: string[]): EntityId | undefined {
  const value = p.str(...names);
  if (value === undefined) return undefined;
  return b.resource(kind, value, p.locOf(...names), { stub: true })?.id;
}

/**
 * A storage account's network setting, `unknown` when a part it rests on was written with a value the input could
 * not know. `networkAcls.bypass` not written is Azure's documented default `AzureServices`
 * (https://learn.microsoft.com/azure/templates/microsoft.storage/storageaccounts: "bypass ... Possible values are
 * any combination of Logging|Metrics|AzureServices ... default value of Bypass is AzureServices").
 */
function storageNetwork(p: Obj): StorageNetworkSetting | 'unknown' | undefined {
  const access = p.oneOf('publicNetworkAccess', PUBLIC_ACCESS, PUBLIC_ALIASES);
  if (access === 'Disabled') return 'private_endpoint';
  if (writtenUnknown(p, 'publicNetworkAccess', 'networkAcls', 'networkRuleSet')) return 'unknown';
  const acls = p.child('networkAcls', 'networkRuleSet');
  if (!acls) return access === 'Enabled' ? 'public' : undefined;
  if (writtenUnknown(acls, 'defaultAction')) return 'unknown';
  const action = acls.str('defaultAction');
  if (action === undefined || fold(action) === 'allow') return 'public';
  if (writtenUnknown(acls, 'bypass')) return 'unknown';
  const bypass = acls.str('bypass') ?? 'AzureServices';
  return /azureservices/i.test(bypass) ? 'trusted_services' : 'selected_networks';
}

/**
 * How a registry's endpoint is restricted. Public network access `Disabled` closes the public endpoint whatever its
 * rule set says (Azure ignores `networkRuleSet` then), so only private endpoints reach it: a compiled template
 * declares those as separate `Microsoft.Network/privateEndpoints` resources, and `defaultAction: Deny` with no IP
 * rule beside it is not an IP allow-list (aistudio-basics, machine-learning-end-to-end-secure).
 */
function registryNetwork(p: Obj): ContainerRegistry['networkRestriction'] | undefined {
  const connections = p.list('privateEndpointConnections');
  if (p.oneOf('publicNetworkAccess', PUBLIC_ACCESS, PUBLIC_ALIASES) === 'Disabled') return 'private_endpoint';
  const rules = p.child('networkRuleSet');
  const ipRules = rules?.list('ipRules') ?? [];
  const vnetRules = rules?.list('virtualNetworkRules') ?? [];
  const denies =
    rules?.str('defaultAction') !== undefined && fold(rules?.str('defaultAction') ?? '') === 'deny';
  if (connections !== undefined && connections.length > 0) return 'private_endpoint';
  if (denies && vnetRules.length > 0) return 'service_endpoint';
  if (denies || ipRules.length > 0) return 'ip_rules';
  return rules || connections ? 'none' : undefined;
}

function accessPolicies(b: FragmentBuilder, p: Obj): KeyVaultAccessPolicy[] | undefined {
  const list = p.list('accessPolicies', 'access_policies');
  if (list === undefined) return undefined;
  const out: KeyVaultAccessPolicy[] = [];
  list.forEach((item, i) => {
    if (!isRec(item)) return;
    const entry = new Obj(
      b,
      p.ctx,
      [...p.path, p.key('accessPolicies', 'access_policies') ?? 'accessPolicies', i],
      item,
    );
    const objectId = entry.guid('objectId', 'object_id');
    if (objectId === undefined) {
      entry.ctx.warn(entry.path, 'an access policy without `objectId` is ignored');
      return;
    }
    const permissions = entry.child('permissions') ?? entry;
    const names = (key: string) => (permissions.strings(key) ?? []).map((name) => name.trim().toLowerCase());
    out.push({
      principal: b.principalByObjectId(objectId, entry.locOf('objectId', 'object_id')),
      keys: names('keys'),
      secrets: names('secrets'),
      certificates: names('certificates'),
    });
  });
  return out;
}

/** The resource's kind from its `type` (or from its id when the type is missing). */
export function kindOfResource(o: Obj): { kind?: EntityKind; type: string } {
  const type = o.str('type') ?? '';
  const fromType = KIND_BY_TYPE.get(type.toLowerCase());
  if (fromType) return { kind: fromType, type };
  if (type === '') {
    const parsed = parseArmId(o.str('id') ?? '');
    const fromId = parsed?.typeKey !== undefined ? KIND_BY_TYPE.get(parsed.typeKey) : undefined;
    if (fromId) return { kind: fromId, type: parsed?.typeKey ?? '' };
  }
  return { type };
}

/**
 * Maps one ARM-shaped resource. Returns false (reporting nothing) when its type is not one the estate models,
 * so the caller can list it as skipped.
 */
export function mapArmResource(b: FragmentBuilder, o: Obj, origin: AssignmentOrigin): boolean {
  const lowerType = (o.str('type') ?? '').toLowerCase();
  if (lowerType === 'microsoft.authorization/roleassignments') {
    readRoleAssignment(b, o, propertiesOf(o), origin);
    return true;
  }
  if (lowerType === 'microsoft.authorization/roledefinitions') {
    readRoleDefinition(b, o, propertiesOf(o));
    return true;
  }
  if (lowerType === PRIVATE_ENDPOINT_TYPE) {
    readPrivateEndpoint(b, o);
    return true;
  }
  const { kind } = kindOfResource(o);
  if (kind === undefined) return false;
  const idText = o.str('id');
  if (idText === undefined) {
    o.ctx.error(o.path, `this ${KIND_LABELS[kind]} has no \`id\`, so it cannot be placed`);
    return true;
  }
  const loc: Loc = o.locOf('id');
  const p = propertiesOf(o);
  const tags = o.tags();
  const location = o.str('location');
  const entityLoc = o.at();
  switch (kind) {
    case 'managementGroup': {
      const group = b.resource('managementGroup', idText, loc);
      if (!group) return true;
      b.set(group, 'displayName', p.str('displayName'), p.locOf('displayName'));
      const details = p.child('details');
      const parent = details?.child('parent');
      const parentId = parent?.str('id');
      if (parentId !== undefined && parent) {
        const mg = b.resource('managementGroup', parentId, parent.locOf('id'), { stub: true });
        if (mg) b.set(group, 'parent', mg.id, parent.locOf('id'));
      } else if (details) {
        ancestorsChain(b, group.id, details);
      }
      return true;
    }
    case 'subscription': {
      // The id says which subscription the row is; a `subscriptionId` that disagrees is a damaged row, not a second one.
      const fromId = parseArmId(idText)?.subscriptionId;
      const field = o.str('subscriptionId');
      const subscriptionId = fromId ?? field;
      if (subscriptionId === undefined || !isGuid(subscriptionId)) {
        o.ctx.error(
          (fromId !== undefined ? o.locOf('id') : o.locOf('subscriptionId', 'id')).path,
          `expected a subscription GUID, found ${quote(subscriptionId ?? idText, 120)}`,
        );
        return true;
      }
      if (field !== undefined && field.toLowerCase() !== subscriptionId.toLowerCase())
        o.ctx.warn(
          o.locOf('subscriptionId').path,
          `\`subscriptionId\` ${quote(field, 80)} differs from the subscription of \`id\` (${subscriptionId}); the id is used`,
        );
      const sub = b.resource('subscription', `/subscriptions/${subscriptionId}`, loc);
      if (!sub) return true;
      const displayName = o.str('displayName') ?? o.str('name');
      if (displayName !== undefined && displayName !== subscriptionId) {
        b.set(sub, 'displayName', displayName, o.locOf('displayName', 'name'));
        b.set(sub, 'name', displayName, o.locOf('displayName', 'name'));
      }
      b.set(sub, 'tenantId', o.guid('tenantId'), o.locOf('tenantId'));
      const chain = p.list('managementGroupAncestorsChain');
      if (chain && chain.length > 0)
        b.set(
          sub,
          'managementGroup',
          ancestorsChain(b, undefined, p),
          p.locOf('managementGroupAncestorsChain'),
        );
      return true;
    }
    case 'resourceGroup': {
      const group = b.resource('resourceGroup', idText, loc);
      if (group) b.set(group, 'location', location, o.locOf('location'));
      if (group) b.set(group, 'tags', tags, o.locOf('tags'));
      return true;
    }
    default:
      break;
  }
  // The entity's source is where it is declared (its stubs on the way, where its id is): one reference for both.
  const source = b.source(entityLoc);
  const entity = b.resource(kind, idText, loc, { source });
  if (!entity) return true;
  entity.source = source;
  b.set(entity, 'tags', tags, o.locOf('tags'));
  switch (entity.kind) {
    case 'workspace': {
      const ws = entity;
      b.set(ws, 'location', location, o.locOf('location'));
      b.set(
        ws,
        'workspaceKind',
        o.oneOf('kind', ['default', 'hub', 'project'] as const, { FeatureStore: 'default' }),
        o.locOf('kind'),
      );
      b.set(ws, 'identity', readIdentity(b, ws, o.child('identity')), o.locOf('identity'));
      unknownWhen(b, ws, 'workspaceKind', o, 'kind');
      unknownWhen(b, ws, 'identity', o, 'identity');
      unknownWhen(b, ws, 'publicNetworkAccess', p, 'publicNetworkAccess');
      unknownWhen(b, ws, 'systemDatastoresAuthMode', p, 'systemDatastoresAuthMode');
      unknownWhen(b, ws, 'managedNetwork', p, 'managedNetwork');
      unknownWhen(b, ws, 'managedNetwork', p.child('managedNetwork'), 'isolationMode');
      unknownWhen(b, ws, 'allowPublicAccessWhenBehindVnet', p, 'allowPublicAccessWhenBehindVnet');
      b.set(
        ws,
        'allowPublicAccessWhenBehindVnet',
        p.bool('allowPublicAccessWhenBehindVnet'),
        p.locOf('allowPublicAccessWhenBehindVnet'),
      );
      const primary = p.str('primaryUserAssignedIdentity');
      if (primary !== undefined) {
        const uai = b.resource('userAssignedIdentity', primary, p.locOf('primaryUserAssignedIdentity'), {
          stub: true,
        });
        b.set(ws, 'primaryUserAssignedIdentity', uai?.id, p.locOf('primaryUserAssignedIdentity'));
      }
      // ARM spells each dependency as the model's field, and the reference table says what kind it names.
      for (const field of WORKSPACE_DEPENDENCIES) {
        const [target] = referenceTargets('workspace', field) ?? [];
        if (target !== undefined) b.set(ws, field, reference(b, p, target, field), p.locOf(field));
      }
      setPublicNetworkAccess(b, ws, p);
      b.set(
        ws,
        'systemDatastoresAuthMode',
        p.oneOf('systemDatastoresAuthMode', ['accesskey', 'identity'] as const),
        p.locOf('systemDatastoresAuthMode'),
      );
      const network = p.child('managedNetwork');
      const isolation = network?.oneOf('isolationMode', [
        'disabled',
        'allow_internet_outbound',
        'allow_only_approved_outbound',
      ] as const);
      if (network && isolation)
        b.set(ws, 'managedNetwork', { isolationMode: isolation }, network.locOf('isolationMode'));
      const encryption = p.child('encryption');
      // A key vault or key the input cannot know (a parameter without a value, an expression) leaves the
      // customer-managed key unknown: neither "Microsoft-managed keys" nor a guessed vault.
      const vaultProps = encryption?.child('keyVaultProperties');
      const vaultId = vaultProps?.str('keyVaultArmId');
      const vaultParsed = vaultId !== undefined ? parseArmId(vaultId) : undefined;
      const vaultKnown = vaultParsed !== undefined && kindOfArmId(vaultParsed) === 'keyVault';
      if (vaultProps && vaultId !== undefined && !vaultKnown) {
        vaultProps.ctx.warn(
          vaultProps.at('keyVaultArmId').path,
          `expected the ARM id of a key vault, found ${quote(vaultId, 140)}; the workspace's customer-managed key is left unknown`,
        );
        b.unknown(ws, 'customerManagedKey');
      }
      if (
        writtenUnknown(p, 'encryption') ||
        writtenUnknown(encryption, 'status', 'keyVaultProperties') ||
        writtenUnknown(vaultProps, 'keyVaultArmId', 'keyIdentifier')
      )
        b.unknown(ws, 'customerManagedKey');
      if (encryption && fold(encryption.str('status') ?? 'enabled') === 'enabled') {
        const vault =
          vaultId !== undefined && vaultProps && vaultKnown
            ? b.resource('keyVault', vaultId, vaultProps.locOf('keyVaultArmId'), { stub: true })
            : undefined;
        if (vault && vaultProps) {
          const cmk: NonNullable<typeof ws.customerManagedKey> = { keyVault: vault.id };
          const keyUri = vaultProps.str('keyIdentifier');
          if (keyUri !== undefined) cmk.keyUri = keyUri;
          const identity = encryption.child('identity');
          const uaiId = identity?.str('userAssignedIdentity');
          if (uaiId !== undefined && identity) {
            const uai = b.resource('userAssignedIdentity', uaiId, identity.locOf('userAssignedIdentity'), {
              stub: true,
            });
            if (uai) cmk.userAssignedIdentity = uai.id;
          }
          b.set(ws, 'customerManagedKey', cmk, encryption.at());
        }
      }
      b.set(ws, 'imageBuildCompute', p.str('imageBuildCompute'), p.locOf('imageBuildCompute'));
      b.set(
        ws,
        'allowRoleAssignmentOnRg',
        p.bool('allowRoleAssignmentOnRG', 'allowRoleAssignmentOnRg'),
        p.locOf('allowRoleAssignmentOnRG'),
      );
      b.set(ws, 'enableDataIsolation', p.bool('enableDataIsolation'), p.locOf('enableDataIsolation'));
      b.set(ws, 'tenantId', p.guid('tenantId') ?? o.guid('tenantId'), p.locOf('tenantId'));
      b.set(
        ws,
        'createdOn',
        p.date('creationTime', 'createdOn') ?? o.child('systemData')?.date('createdAt'),
        p.locOf('creationTime', 'createdOn'),
      );
      const hub = p.str('hubResourceId');
      if (hub !== undefined)
        b.set(
          ws,
          'hub',
          b.resource('workspace', hub, p.locOf('hubResourceId'), { stub: true })?.id,
          p.locOf('hubResourceId'),
        );
      readPrivateEndpointConnections(b, ws, p);
      return true;
    }
    case 'storageAccount':
      b.set(entity, 'isHnsEnabled', p.bool('isHnsEnabled'), p.locOf('isHnsEnabled'));
      b.set(entity, 'allowSharedKeyAccess', p.bool('allowSharedKeyAccess'), p.locOf('allowSharedKeyAccess'));
      unknownWhen(b, entity, 'isHnsEnabled', p, 'isHnsEnabled');
      unknownWhen(b, entity, 'allowSharedKeyAccess', p, 'allowSharedKeyAccess');
      {
        let network = storageNetwork(p);
        // A patch (azapi_update_resource) sends only what it changes and Azure keeps the rest: turning public
        // access on without network rules leaves the account's rules as they were. An account whose rules are
        // known keeps them; one known only by the patch has rules the input does not give.
        if (b.overriding && p.str('publicNetworkAccess') !== undefined && p.child('networkAcls', 'networkRuleSet') === undefined && network === 'public') {
          const before = b.metaOf(entity).gave('network') ? entity.network : undefined;
          network = before === undefined ? 'unknown' : before === 'private_endpoint' ? network : undefined;
        }
        if (network === 'unknown') b.unknown(entity, 'network');
        else b.set(entity, 'network', network, p.locOf('networkAcls', 'networkRuleSet', 'publicNetworkAccess'));
      }
      b.set(entity, 'tenantId', o.guid('tenantId'), o.locOf('tenantId'));
      readPrivateEndpointConnections(b, entity, p);
      return true;
    case 'keyVault':
      b.set(
        entity,
        'enableRbacAuthorization',
        p.bool('enableRbacAuthorization'),
        p.locOf('enableRbacAuthorization'),
      );
      b.set(entity, 'accessPolicies', accessPolicies(b, p), p.locOf('accessPolicies'));
      unknownWhen(b, entity, 'enableRbacAuthorization', p, 'enableRbacAuthorization');
      unknownWhen(b, entity, 'accessPolicies', p, 'accessPolicies');
      unknownWhen(b, entity, 'publicNetworkAccess', p, 'publicNetworkAccess');
      setPublicNetworkAccess(b, entity, p);
      readPrivateEndpointConnections(b, entity, p);
      return true;
    case 'containerRegistry': {
      b.set(entity, 'loginServer', p.str('loginServer'), p.locOf('loginServer'));
      b.set(entity, 'adminUserEnabled', p.bool('adminUserEnabled'), p.locOf('adminUserEnabled'));
      unknownWhen(b, entity, 'adminUserEnabled', p, 'adminUserEnabled');
      unknownWhen(b, entity, 'publicNetworkAccess', p, 'publicNetworkAccess');
      unknownWhen(b, entity, 'trustedServicesAllowed', p, 'networkRuleBypassOptions');
      unknownWhen(b, entity, 'networkRestriction', p, 'networkRuleSet');
      unknownWhen(b, entity, 'networkRestriction', p.child('networkRuleSet'), 'defaultAction');
      setPublicNetworkAccess(b, entity, p);
      const bypass = p.str('networkRuleBypassOptions');
      if (bypass !== undefined)
        b.set(
          entity,
          'trustedServicesAllowed',
          /azureservices/i.test(bypass),
          p.locOf('networkRuleBypassOptions'),
        );
      b.set(
        entity,
        'networkRestriction',
        registryNetwork(p),
        p.locOf('networkRuleSet', 'privateEndpointConnections'),
      );
      b.set(
        entity,
        'roleAssignmentMode',
        p.oneOf('roleAssignmentMode', ['legacy', 'abac'] as const, {
          LegacyRegistryPermissions: 'legacy',
          AbacRepositoryPermissions: 'abac',
        }),
        p.locOf('roleAssignmentMode'),
      );
      b.set(entity, 'createdOn', p.date('creationDate'), p.locOf('creationDate'));
      readPrivateEndpointConnections(b, entity, p);
      return true;
    }
    case 'applicationInsights':
      return true;
    case 'userAssignedIdentity': {
      b.set(entity, 'clientId', p.guid('clientId'), p.locOf('clientId'));
      const principalId = p.guid('principalId');
      b.set(entity, 'principalId', principalId, p.locOf('principalId'));
      if (principalId !== undefined) b.indexPrincipalId(entity, principalId);
      b.set(entity, 'tenantId', p.guid('tenantId'), p.locOf('tenantId'));
      return true;
    }
    case 'aksCluster': {
      const profile = p.child('servicePrincipalProfile');
      const clientText = profile?.str('clientId');
      // `msi` is how a cluster running as a managed identity fills the profile; any other value must be the
      // application id of its service principal, and one that is not a GUID is warned about and left out (the
      // cluster's identity is then not known), never made a principal named after it.
      const usesServicePrincipal = clientText !== undefined && clientText.trim().toLowerCase() !== 'msi';
      const clientId = usesServicePrincipal ? profile?.guid('clientId') : undefined;
      if (usesServicePrincipal) {
        if (clientId === undefined || !profile) return true;
        const sp = b.principal(
          'servicePrincipal',
          { appId: clientId, name: clientId },
          profile.locOf('clientId'),
          { stub: true },
        );
        b.set(
          entity,
          'clusterIdentity',
          { type: 'service_principal', servicePrincipal: sp.id },
          profile.locOf('clientId'),
        );
      } else {
        const identity = readIdentity(b, entity, o.child('identity'));
        if (identity)
          b.set(entity, 'clusterIdentity', { type: 'managed_identity', identity }, o.locOf('identity'));
      }
      return true;
    }
    case 'compute': {
      const typeText = p.str('computeType');
      const type = typeText === undefined ? undefined : computeTypeFrom(typeText);
      if (type === undefined && writtenUnknown(p, 'computeType')) {
        // Written with a value the input could not know (`[parameters('computeType')]` without a value): a
        // compute of unknown kind, never the default cluster. Not "given", so an export of the compute decides.
        entity.computeType = 'unknown';
        b.unknown(entity, 'computeType');
        const expression = b.writtenAt(p.at('computeType'));
        const parameters = expression === undefined ? [] : parametersOfExpression(expression);
        entity.unknownType = {
          ...(expression !== undefined ? { expression } : {}),
          ...(parameters.length > 0 ? { parameters } : {}),
        };
      } else if (type === undefined) {
        b.skip(
          'compute',
          `compute \`${entity.name}\` of type ${quote(p.str('computeType') ?? '?')} (not modelled)`,
          entityLoc,
        );
        return true;
      } else b.set(entity, 'computeType', type, p.locOf('computeType'));
      b.set(entity, 'identity', readIdentity(b, entity, o.child('identity')), o.locOf('identity'));
      b.set(entity, 'disableLocalAuth', p.bool('disableLocalAuth'), p.locOf('disableLocalAuth'));
      unknownWhen(b, entity, 'identity', o, 'identity');
      unknownWhen(b, entity, 'disableLocalAuth', p, 'disableLocalAuth');
      b.set(entity, 'createdOn', p.date('createdOn'), p.locOf('createdOn'));
      const inner = p.child('properties');
      if (inner) {
        b.set(entity, 'size', inner.str('vmSize'), inner.locOf('vmSize'));
        b.set(entity, 'subnet', inner.child('subnet')?.str('id'), inner.locOf('subnet'));
        const idle = inner.str('idleTimeBeforeShutdown');
        b.set(entity, 'idleTimeBeforeShutdown', idle, inner.locOf('idleTimeBeforeShutdown'));
        const assigned = inner.child('personalComputeInstanceSettings')?.child('assignedUser');
        const objectId = assigned?.guid('objectId');
        if (assigned && objectId !== undefined)
          b.set(
            entity,
            'assignedUser',
            b.principal('user', { objectId }, assigned.locOf('objectId'), { stub: true }).id,
            assigned.locOf('objectId'),
          );
      }
      const target = p.str('resourceId');
      // Legacy AKS inference and Kubernetes compute name the cluster they run on (R21: its identity pulls images).
      if (target !== undefined && (type === 'kubernetes' || type === 'aks')) {
        const cluster = b.anyResource(target, p.locOf('resourceId'));
        if (cluster?.kind === 'aksCluster')
          b.set(cluster, 'attachedWorkspace', entity.workspace, p.locOf('resourceId'));
      }
      return true;
    }
    case 'onlineEndpoint': {
      const kindText = o.str('kind');
      if (kindText !== undefined)
        b.set(
          entity,
          'endpointKind',
          /k8s|kubernetes/i.test(kindText) ? 'kubernetes' : 'managed',
          o.locOf('kind'),
        );
      b.set(entity, 'identity', readIdentity(b, entity, o.child('identity')), o.locOf('identity'));
      b.set(
        entity,
        'authMode',
        p.oneOf('authMode', ['key', 'aml_token', 'aad_token'] as const),
        p.locOf('authMode'),
      );
      unknownWhen(b, entity, 'authMode', p, 'authMode');
      unknownWhen(b, entity, 'identity', o, 'identity');
      unknownWhen(b, entity, 'publicNetworkAccess', p, 'publicNetworkAccess');
      setPublicNetworkAccess(b, entity, p);
      const compute = p.str('compute');
      if (compute !== undefined) {
        const target = b.resource(
          'compute',
          compute.startsWith('/')
            ? compute
            : `${entity.workspace}/computes/${compute.replace(/^azureml:/i, '')}`,
          p.locOf('compute'),
          { stub: true },
        );
        if (target) {
          b.set(target, 'computeType', 'kubernetes', p.locOf('compute'));
          b.set(entity, 'compute', target.id, p.locOf('compute'));
          b.set(entity, 'endpointKind', 'kubernetes', p.locOf('compute'));
        }
      }
      const flags = p.child('properties');
      const flag = flags?.str('enforce_access_to_default_secret_stores');
      if (flags && flag !== undefined)
        b.set(
          entity,
          'enforceAccessToDefaultSecretStores',
          fold(flag) === 'enabled',
          flags.locOf('enforce_access_to_default_secret_stores'),
        );
      return true;
    }
    case 'onlineDeployment': {
      const variables = p.child('environmentVariables');
      if (variables) {
        const result = redactEnvironmentVariables(variables.raw);
        for (const name of result.redacted)
          variables.ctx.warn(
            variables.at(name).path,
            `environment variable \`${name}\` looks like a secret; its value was dropped`,
          );
        b.set(entity, 'environmentVariables', result.variables, variables.at());
      }
      b.set(entity, 'model', p.text('model'), p.locOf('model'));
      return true;
    }
    case 'datastore': {
      b.set(
        entity,
        'datastoreType',
        p.oneOf('datastoreType', [
          'azure_blob',
          'azure_data_lake_gen1',
          'azure_data_lake_gen2',
          'azure_file',
        ] as const),
        p.locOf('datastoreType'),
      );
      b.set(entity, 'accountName', p.str('accountName', 'storeName'), p.locOf('accountName', 'storeName'));
      b.set(
        entity,
        'containerName',
        p.str('containerName', 'filesystem', 'fileShareName'),
        p.locOf('containerName', 'filesystem', 'fileShareName'),
      );
      const credentials = p.child('credentials');
      if (credentials) b.set(entity, 'credentialKind', credentialKindAt(credentials), credentials.at());
      b.set(
        entity,
        'serviceDataAccessAuthIdentity',
        p.oneOf('serviceDataAccessAuthIdentity', [
          'None',
          'WorkspaceSystemAssignedIdentity',
          'WorkspaceUserAssignedIdentity',
        ] as const),
        p.locOf('serviceDataAccessAuthIdentity'),
      );
      b.set(entity, 'isDefault', p.bool('isDefault'), p.locOf('isDefault'));
      return true;
    }
    case 'connection': {
      b.set(entity, 'connectionType', p.str('category'), p.locOf('category'));
      b.set(entity, 'target', p.text('target'), p.locOf('target'));
      const credentials = p.child('credentials');
      const authType = p.str('authType');
      const kind = credentials
        ? credentialKindAt(credentials)
        : authType !== undefined
          ? (credentialKindOf({ type: authType }) ?? 'custom')
          : undefined;
      b.set(entity, 'credentialKind', kind, p.locOf('credentials', 'authType'));
      return true;
    }
    default:
      b.skip(
        KIND_LABELS[entity.kind],
        `${KIND_LABELS[entity.kind]} \`${entity.name}\` (this shape is not read for it)`,
        entityLoc,
      );
      return true;
  }
}

/**
 * Reads `managementGroupAncestorsChain` (nearest first) into management group stubs linked parent to child,
 * and returns the nearest one. When `child` is given, it becomes that group's child.
 */
function ancestorsChain(b: FragmentBuilder, child: EntityId | undefined, holder: Obj): EntityId | undefined {
  const chain = holder.list('managementGroupAncestorsChain') ?? [];
  let previous = child;
  let nearest: EntityId | undefined;
  chain.forEach((item, i) => {
    if (!isRec(item)) return;
    const entry = new Obj(b, holder.ctx, [...holder.path, 'managementGroupAncestorsChain', i], item);
    const name = entry.str('name');
    if (name === undefined) return;
    const group = b.resource(
      'managementGroup',
      `/providers/Microsoft.Management/managementGroups/${name}`,
      entry.at(),
      { stub: true },
    );
    if (!group) return;
    b.set(group, 'displayName', entry.str('displayName'), entry.locOf('displayName'));
    nearest ??= group.id;
    if (previous !== undefined) {
      const prev = b.estate.managementGroups.find((g) => g.id === previous);
      if (prev) b.set(prev, 'parent', group.id, entry.at());
    }
    previous = group.id;
  });
  return nearest;
}
