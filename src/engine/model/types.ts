import type { ComputeType, UnknownComputeType } from './compute-kinds';
import type { EntityId, RoleId } from './ids';

/**
 * The estate model: everything the explorer draws and the engine reasons about.
 *
 * Field names follow the az ml v2 YAML (in camelCase) where such a field exists, so that a reader of
 * `identity.userAssigned` or `authMode` recognises them. References between entities are always
 * resolved {@link EntityId}s here: readers turn names and ARM ids into ids, and report the ones that
 * dangle. Credential values never reach this model; only their kind does.
 */

/** Where a value came from, so that every problem and finding can point back into the user's file. */
export interface SourceRef {
  file: string;
  /** 1-based line and column of the entity (or field) in the file, when the reader knows them. */
  line?: number;
  column?: number;
  /** Field path inside the document, for example `computes[2].identity.type`. */
  path?: string;
}

/** A problem found while reading or validating input. Errors reject the input; warnings do not. */
export interface Diagnostic {
  severity: 'error' | 'warning' | 'info';
  message: string;
  file?: string;
  line?: number;
  column?: number;
  /** Field path inside the document, for example `role_assignments[4].scope`. */
  path?: string;
  /** A second location, for conflicts between two inputs. */
  related?: SourceRef;
}

/** How a role assignment is known: exported from Azure, part of a design, or made by Azure ML on its own. */
export type AssignmentOrigin = 'observed' | 'planned' | 'automatic';

export type EntityKind =
  | 'managementGroup'
  | 'subscription'
  | 'resourceGroup'
  | 'workspace'
  | 'storageAccount'
  | 'keyVault'
  | 'containerRegistry'
  | 'applicationInsights'
  | 'compute'
  | 'aksCluster'
  | 'onlineEndpoint'
  | 'onlineDeployment'
  | 'datastore'
  | 'connection'
  | 'job'
  | 'user'
  | 'group'
  | 'servicePrincipal'
  | 'userAssignedIdentity'
  | 'systemAssignedIdentity';

interface EntityBase<K extends EntityKind> {
  id: EntityId;
  kind: K;
  /** The short name a person uses (`cpu-cluster`, `alice@contoso.com`). */
  name: string;
  description?: string;
  tags?: Record<string, string>;
  source?: SourceRef;
}

/** An entity that lives at an ARM scope and can therefore be the scope of a role assignment. */
interface AzureResourceBase<K extends EntityKind> extends EntityBase<K> {
  /** The ARM id as written (casing kept for display and for generated fixes). Equal to `id` for resources. */
  armId: string;
}

// ---------------------------------------------------------------------------------------------------
// Scope tree

export interface ManagementGroup extends AzureResourceBase<'managementGroup'> {
  displayName?: string;
  /** Parent management group; absent means directly under the tenant root. */
  parent?: EntityId;
}

export interface Subscription extends AzureResourceBase<'subscription'> {
  subscriptionId: string;
  displayName?: string;
  managementGroup?: EntityId;
  tenantId?: string;
}

export interface ResourceGroup extends AzureResourceBase<'resourceGroup'> {
  subscription: EntityId;
  location?: string;
}

// ---------------------------------------------------------------------------------------------------
// Identities on resources

/**
 * A resource's managed identity setting. `system` and `userAssigned` together give the az ml `identity.type`
 * (`system_assigned`, `user_assigned`, `system_assigned,user_assigned` or `none`). Order of `userAssigned`
 * matters: for a compute cluster the first one is the default identity.
 */
export interface ManagedIdentitySetting {
  system: boolean;
  userAssigned: EntityId[];
}

/** The az ml spelling of an identity setting's type. */
export type IdentityType = 'none' | 'system_assigned' | 'user_assigned' | 'system_assigned,user_assigned';

// ---------------------------------------------------------------------------------------------------
// Workspace and its dependencies

export type PublicNetworkAccess = 'Enabled' | 'Disabled';

/**
 * One private endpoint that connects to a resource (a `Microsoft.Network/privateEndpoints` resource, or an entry
 * of the resource's own `privateEndpointConnections`). A part the input does not give stays absent, and absent
 * means unknown: the resource's connection list names the endpoint but neither its sub-resources nor its subnet.
 */
export interface PrivateEndpointLink {
  /** ARM id of the private endpoint, when the input names it. */
  endpoint?: string;
  /** The sub-resources it reaches (`blob`, `file`, `dfs`, `vault`, `registry`, `amlworkspace`), when given. */
  groupIds?: string[];
  /** ARM id of the subnet the endpoint sits in, when given. */
  subnet?: string;
  /**
   * The connection's approval state as Azure spells it (`Approved`, `Pending`, `Rejected`, `Disconnected`), when
   * given. An endpoint a template requests with automatic approval gives none: Azure approves it on creation
   * when the deployer may, so only `Pending`, `Rejected` and `Disconnected` say that it carries no traffic.
   */
  status?: string;
  /**
   * Where the inputs name this endpoint: the endpoint resource's connection, or the entry of the resource's own
   * `privateEndpointConnections`. One endpoint seen from both sides (or in two files) has one place per side,
   * sorted by file and position so that the order of the inputs does not show. Not part of what the endpoint is:
   * comparisons of estates leave it out, as they leave out an entity's `source`.
   */
  sources?: SourceRef[];
}

/** A resource that private endpoints can reach. */
interface PrivateLinkTarget {
  /**
   * Its private endpoints, as far as the input shows them; absent when no input says anything about them. The
   * provenance marks the field unknown where a template declares an endpoint whose target it cannot evaluate.
   */
  privateEndpoints?: PrivateEndpointLink[];
}
export type ManagedNetworkIsolation = 'disabled' | 'allow_internet_outbound' | 'allow_only_approved_outbound';

export interface Workspace extends AzureResourceBase<'workspace'>, PrivateLinkTarget {
  resourceGroup: EntityId;
  /** `default`, `hub` or `project`. */
  workspaceKind: 'default' | 'hub' | 'project';
  location?: string;
  tenantId?: string;
  identity: ManagedIdentitySetting;
  primaryUserAssignedIdentity?: EntityId;
  storageAccount?: EntityId;
  keyVault?: EntityId;
  /** Absent until Azure ML creates the registry lazily (with its admin user enabled). */
  containerRegistry?: EntityId;
  applicationInsights?: EntityId;
  publicNetworkAccess: PublicNetworkAccess;
  /**
   * ARM `allowPublicAccessWhenBehindVnet` (the older switch): true lets public networks reach a workspace that has
   * private endpoints, whatever `publicNetworkAccess` says.
   */
  allowPublicAccessWhenBehindVnet?: boolean;
  managedNetwork: { isolationMode: ManagedNetworkIsolation };
  systemDatastoresAuthMode: 'accesskey' | 'identity';
  customerManagedKey?: { keyVault: EntityId; keyUri?: string; userAssignedIdentity?: EntityId };
  /** Compute cluster name used to build images when the registry sits behind a virtual network. */
  imageBuildCompute?: string;
  allowRoleAssignmentOnRg?: boolean;
  enableDataIsolation?: boolean;
  /** ISO date; decides whether the workspace SAI got Azure AI Administrator or Contributor on its group. */
  createdOn?: string;
  hub?: EntityId;
  /** A planned `az ml workspace update`, checked for transitions Azure refuses and identities it would drop. */
  plannedUpdate?: { identity?: ManagedIdentitySetting; primaryUserAssignedIdentity?: EntityId };
}

export type StorageNetworkSetting =
  /** Public endpoint open to all networks. */
  | 'public'
  /** Only selected IP ranges or subnets may connect. */
  | 'selected_networks'
  /** Selected networks plus the trusted Microsoft services exception. */
  | 'trusted_services'
  /** Public access disabled; reached through private endpoints only. */
  | 'private_endpoint';

export interface StorageAccount extends AzureResourceBase<'storageAccount'>, PrivateLinkTarget {
  resourceGroup: EntityId;
  tenantId?: string;
  isHnsEnabled: boolean;
  allowSharedKeyAccess: boolean;
  network: StorageNetworkSetting;
}

export interface KeyVaultAccessPolicy {
  principal: EntityId;
  keys: string[];
  secrets: string[];
  certificates: string[];
}

export interface KeyVault extends AzureResourceBase<'keyVault'>, PrivateLinkTarget {
  resourceGroup: EntityId;
  /** True for the Azure RBAC permission model; false for vault access policies. */
  enableRbacAuthorization: boolean;
  accessPolicies: KeyVaultAccessPolicy[];
  publicNetworkAccess: PublicNetworkAccess;
}

export interface ContainerRegistry extends AzureResourceBase<'containerRegistry'>, PrivateLinkTarget {
  resourceGroup: EntityId;
  loginServer: string;
  adminUserEnabled: boolean;
  publicNetworkAccess: PublicNetworkAccess;
  /** `abac` = "RBAC Registry + ABAC Repository Permissions": AcrPull and AcrPush are then ignored. */
  roleAssignmentMode: 'legacy' | 'abac';
  networkRestriction: 'none' | 'private_endpoint' | 'ip_rules' | 'service_endpoint';
  trustedServicesAllowed: boolean;
  createdOn?: string;
}

export interface ApplicationInsights extends AzureResourceBase<'applicationInsights'> {
  resourceGroup: EntityId;
}

// ---------------------------------------------------------------------------------------------------
// Compute

// The kinds, how each format spells them and which stories apply to each: ./compute-kinds.ts.
export type { ComputeType } from './compute-kinds';

export interface Compute extends AzureResourceBase<'compute'> {
  workspace: EntityId;
  computeType: ComputeType;
  identity: ManagedIdentitySetting;
  createdOn?: string;
  /** Compute instance: ISO 8601 duration or minutes; absent means no idle shutdown. */
  idleTimeBeforeShutdown?: string;
  /** Compute instance: the user it was created for. */
  assignedUser?: EntityId;
  disableLocalAuth?: boolean;
  subnet?: string;
  size?: string;
  /** Why `computeType` is `unknown` (what the input wrote); read only while it is. */
  unknownType?: UnknownComputeType;
}

export interface AksCluster extends AzureResourceBase<'aksCluster'> {
  resourceGroup: EntityId;
  /** The workspace it is attached to, for legacy AKS inference. */
  attachedWorkspace?: EntityId;
  /** A bring-your-own AKS must authenticate with a service principal. */
  clusterIdentity: { type: 'service_principal'; servicePrincipal?: EntityId } | { type: 'managed_identity'; identity: ManagedIdentitySetting };
}

// ---------------------------------------------------------------------------------------------------
// Online endpoints

export type EndpointAuthMode = 'key' | 'aml_token' | 'aad_token';

export interface OnlineEndpoint extends AzureResourceBase<'onlineEndpoint'> {
  workspace: EntityId;
  endpointKind: 'managed' | 'kubernetes';
  /** Kubernetes endpoints: the Kubernetes compute they run on. */
  compute?: EntityId;
  authMode: EndpointAuthMode;
  identity: ManagedIdentitySetting;
  enforceAccessToDefaultSecretStores: boolean;
  publicNetworkAccess: PublicNetworkAccess;
  /** The principal who created (or will create) the endpoint. */
  createdBy?: EntityId;
  createdOn?: string;
  /** Principals meant to call the endpoint (applications, users); the data-plane checks are made for them. */
  callers?: EntityId[];
  plannedUpdate?: { identity?: ManagedIdentitySetting };
}

export interface OnlineDeployment extends AzureResourceBase<'onlineDeployment'> {
  endpoint: EntityId;
  /** Environment variables; values that are not secret references are kept only when harmless. */
  environmentVariables: Record<string, string>;
  /** The container image, when the deployment names one (`<registry>.azurecr.io/<repo>:<tag>`). */
  image?: string;
  model?: string;
  createdBy?: EntityId;
}

// ---------------------------------------------------------------------------------------------------
// Data

export type DatastoreType = 'azure_blob' | 'azure_data_lake_gen1' | 'azure_data_lake_gen2' | 'azure_file';

/** What a datastore or connection stores as its credential. The value itself is never kept. */
export type CredentialKind =
  | 'none'
  | 'account_key'
  | 'sas'
  | 'service_principal'
  | 'certificate'
  | 'managed_identity'
  | 'pat'
  | 'username_password'
  | 'api_key'
  | 'access_key'
  | 'custom';

export type ServiceDataAccessIdentity = 'None' | 'WorkspaceSystemAssignedIdentity' | 'WorkspaceUserAssignedIdentity';

export interface Datastore extends AzureResourceBase<'datastore'> {
  workspace: EntityId;
  datastoreType: DatastoreType;
  /** The storage account entity, when the estate holds it. */
  storageAccount?: EntityId;
  /** The account (or ADLS Gen1 store) name as written in the datastore. */
  accountName?: string;
  containerName?: string;
  credentialKind: CredentialKind;
  /** For service-principal credentials: the principal whose secret is stored. */
  credentialPrincipal?: EntityId;
  serviceDataAccessAuthIdentity: ServiceDataAccessIdentity;
  isDefault?: boolean;
}

export interface Connection extends AzureResourceBase<'connection'> {
  workspace: EntityId;
  connectionType: string;
  target?: string;
  credentialKind: CredentialKind;
  /** For managed-identity credentials: the user-assigned identity named by client_id / resource_id. */
  identity?: EntityId;
}

// ---------------------------------------------------------------------------------------------------
// Jobs

export type JobIdentityType = 'unset' | 'user_identity' | 'managed' | 'aml_token';

export interface JobIdentity {
  type: JobIdentityType;
  /** For `managed`: the user-assigned identity chosen by client_id, object_id or msi_resource_id. */
  userAssignedIdentity?: EntityId;
}

export interface JobDataBinding {
  name: string;
  /** `azureml://datastores/<name>/paths/...` or a URL. */
  path?: string;
  datastore?: EntityId;
  mode?: string;
}

/** Where the job's environment image comes from. */
export interface JobEnvironment {
  image?: string;
  /** `as_is`: the image is pulled as it is; `managed_build`: Azure ML builds an environment on top of it. */
  build: 'as_is' | 'managed_build';
}

export interface JobStep {
  name: string;
  compute?: EntityId | 'serverless';
  identity: JobIdentity;
  inputs: JobDataBinding[];
  outputs: JobDataBinding[];
  /** The component the step runs, as referenced (`azureml:train@latest`, `./train.yml`) or an inline one's name. */
  component?: string;
  /**
   * The component's `type` (`command`, `pipeline`, `sweep`, ...), from its file or inline definition; undefined
   * when the import does not show it (a registered component named by reference). Only a `pipeline` component
   * keeps the pipeline's root identity from reaching the step (R45).
   */
  componentType?: string;
  /** Identity declared inside the component itself; ignored by Azure ML. */
  componentIdentity?: JobIdentity;
  environment?: JobEnvironment;
}

export interface Job extends AzureResourceBase<'job'> {
  workspace: EntityId;
  jobType: 'command' | 'pipeline' | 'sweep' | 'spark';
  compute?: EntityId | 'serverless';
  identity: JobIdentity;
  inputs: JobDataBinding[];
  outputs: JobDataBinding[];
  steps: JobStep[];
  environment?: JobEnvironment;
  submittedBy?: EntityId;
  submittedFrom?: 'cli' | 'sdk' | 'studio';
}

// ---------------------------------------------------------------------------------------------------
// Principals

export interface User extends EntityBase<'user'> {
  objectId?: string;
  userPrincipalName?: string;
}

export interface Group extends EntityBase<'group'> {
  objectId?: string;
  /** Direct members: users, groups, service principals and managed identities. */
  members: EntityId[];
}

export interface ServicePrincipal extends EntityBase<'servicePrincipal'> {
  objectId?: string;
  appId?: string;
  /** A Microsoft first-party application, such as the "Azure Machine Learning" app. */
  wellKnown?: string;
}

export interface UserAssignedIdentity extends AzureResourceBase<'userAssignedIdentity'> {
  resourceGroup: EntityId;
  clientId?: string;
  principalId?: string;
  tenantId?: string;
}

export interface SystemAssignedIdentity extends EntityBase<'systemAssignedIdentity'> {
  /** The resource the identity belongs to (workspace, compute, endpoint, AKS cluster). */
  owner: EntityId;
  principalId?: string;
}

export type Principal = User | Group | ServicePrincipal | UserAssignedIdentity | SystemAssignedIdentity;

// ---------------------------------------------------------------------------------------------------
// Authorization data

export interface RoleAssignment {
  id: EntityId;
  principal: EntityId;
  principalType?: 'User' | 'Group' | 'ServicePrincipal' | 'ForeignGroup' | 'Device';
  role: RoleId;
  /** The ARM id of the scope, as written; `/` for the tenant root. */
  scope: string;
  /** ABAC condition; when present the grant holds only where the condition holds. */
  condition?: string;
  conditionVersion?: string;
  origin: AssignmentOrigin;
  /** For `automatic` assignments: why Azure ML makes it (rule id, in words). */
  reason?: string;
  description?: string;
  source?: SourceRef;
}

export interface Permission {
  actions: string[];
  notActions: string[];
  dataActions: string[];
  notDataActions: string[];
  /**
   * The block's own ABAC condition, when the role definition has one (Key Vault Data Access Administrator may
   * write role assignments only for listed roles): the block grants only where it holds (see rbac/check.ts).
   */
  condition?: string;
}

export interface RoleDefinition {
  id: RoleId;
  name: string;
  description?: string;
  roleType: 'BuiltInRole' | 'CustomRole';
  permissions: Permission[];
  assignableScopes: string[];
  source?: SourceRef;
}

export interface DenyAssignment {
  id: EntityId;
  name: string;
  scope: string;
  permissions: Permission;
  /** Principals the deny applies to; `everyone` is Azure's all-principals entry (00000000-...). */
  principals: EntityId[] | 'everyone';
  excludePrincipals: EntityId[];
  doNotApplyToChildScopes: boolean;
  /** ABAC condition of the deny's permissions (REST `permissions[].condition`); it blocks only where this holds. */
  condition?: string;
  conditionVersion?: string;
  source?: SourceRef;
}

// ---------------------------------------------------------------------------------------------------
// The estate

export type Entity =
  | ManagementGroup
  | Subscription
  | ResourceGroup
  | Workspace
  | StorageAccount
  | KeyVault
  | ContainerRegistry
  | ApplicationInsights
  | Compute
  | AksCluster
  | OnlineEndpoint
  | OnlineDeployment
  | Datastore
  | Connection
  | Job
  | Principal;

export type EntityOfKind<K extends EntityKind> = Extract<Entity, { kind: K }>;

/** An estate: one document, as plain data, that every part of the product shares. */
export interface Estate {
  version: 1;
  name: string;
  description?: string;
  /**
   * Whether role assignments without their own origin were exported from Azure (`observed`) or designed
   * (`planned`). Automatic grants Azure ML makes are predicted only for planned assignments.
   */
  assignmentsOrigin: 'observed' | 'planned';
  tenantId?: string;
  managementGroups: ManagementGroup[];
  subscriptions: Subscription[];
  resourceGroups: ResourceGroup[];
  workspaces: Workspace[];
  storageAccounts: StorageAccount[];
  keyVaults: KeyVault[];
  containerRegistries: ContainerRegistry[];
  applicationInsights: ApplicationInsights[];
  computes: Compute[];
  aksClusters: AksCluster[];
  onlineEndpoints: OnlineEndpoint[];
  onlineDeployments: OnlineDeployment[];
  datastores: Datastore[];
  connections: Connection[];
  jobs: Job[];
  users: User[];
  groups: Group[];
  servicePrincipals: ServicePrincipal[];
  userAssignedIdentities: UserAssignedIdentity[];
  systemAssignedIdentities: SystemAssignedIdentity[];
  roleAssignments: RoleAssignment[];
  roleDefinitions: RoleDefinition[];
  denyAssignments: DenyAssignment[];
  /** The design review of this estate's findings; saved, exported, shared and undone with the estate. */
  review?: Review;
  /**
   * Where the import's facts came from: an export of what exists or a plan, per kind of fact, and what is
   * unknown. Set by `readInputs`; an estate built otherwise (a test, an edit) has none and is taken at its word.
   */
  provenance?: EstateProvenance;
}

/** The kinds of fact an import can hold, each read as an export or as a plan. */
export type FactKind = 'role-assignments' | 'resources' | 'identities';

/** `export`: what exists (az CLI JSON, az rest, Resource Graph); `plan`: a design (az ml YAML, ARM, native). */
export type FactOrigin = 'export' | 'plan';

/** How one kind of fact is known: from exports, plans, both, or from no input at all. */
export type FactMode = FactOrigin | 'export and plan' | 'absent';

/** One input as the provenance sees it: the kinds of fact it holds, each with its origin. */
export interface ProvenanceFile {
  file: string;
  format: string;
  facts: Partial<Record<FactKind, FactOrigin>>;
}

/** What the import says about its own reliability; see {@link Estate.provenance}. */
export interface EstateProvenance {
  facts: Record<FactKind, FactMode>;
  files: ProvenanceFile[];
  /**
   * Settings the import does not give, by entity: `*` for an entity known only by reference (a stub or a
   * placeholder, every setting assumed), else the model fields an export left out. Rules judge none of them.
   */
  unknown: Record<EntityId, string[]>;
  /** What is missing to judge grants, each with the export that would supply it. */
  missing: { fact: FactKind; note: string; command: string }[];
  /**
   * Scopes a collection (`aml-access-map collect`) could not read, from its manifest: what there was not read
   * and why. Nothing is concluded there (no grant is called missing under a scope whose grants were unread).
   */
  unreadable?: { scope: string; what: string; reason: string }[];
  /**
   * In an import that mixes exports and plans: the workspaces, computes, endpoints and AKS clusters an export
   * declares. What Azure ML granted them on its own is in the exported role assignments, so those grants are not
   * predicted for them as they are for what only a plan describes.
   */
  exported?: EntityId[];
}

// ---------------------------------------------------------------------------------------------------
// Design review

/** Where a reviewer left a finding: still to fix, accepted as a risk (with a reason), or fixed. */
export type ReviewStatus = 'to-fix' | 'accepted-risk' | 'fixed';

/** One reviewed finding. A finding without an entry counts as still to fix. */
export interface ReviewEntry {
  /** The finding's id (`Finding.id`): its rule id and subjects, stable across runs for the same estate. */
  finding: string;
  status: ReviewStatus;
  /** Why the risk is accepted; required for `accepted-risk`. Free text, never markup. */
  reason?: string;
  /** Anything else the reviewer wants to keep with the finding. Free text, never markup. */
  notes?: string;
  /** ISO date (or date-time) of the last change, supplied by whoever made it. */
  updatedAt?: string;
}

/** The design review of an estate: one entry per reviewed finding, at most one per finding id. */
export interface Review {
  entries: ReviewEntry[];
}

/** The collections of an estate that hold entities, in the order readers and writers use. */
export const ENTITY_COLLECTIONS = [
  'managementGroups',
  'subscriptions',
  'resourceGroups',
  'workspaces',
  'storageAccounts',
  'keyVaults',
  'containerRegistries',
  'applicationInsights',
  'computes',
  'aksClusters',
  'onlineEndpoints',
  'onlineDeployments',
  'datastores',
  'connections',
  'jobs',
  'users',
  'groups',
  'servicePrincipals',
  'userAssignedIdentities',
  'systemAssignedIdentities',
] as const satisfies readonly (keyof Estate)[];

export type EntityCollection = (typeof ENTITY_COLLECTIONS)[number];

/** The estate collection that holds each kind of entity. */
export const COLLECTION_OF_KIND = {
  managementGroup: 'managementGroups',
  subscription: 'subscriptions',
  resourceGroup: 'resourceGroups',
  workspace: 'workspaces',
  storageAccount: 'storageAccounts',
  keyVault: 'keyVaults',
  containerRegistry: 'containerRegistries',
  applicationInsights: 'applicationInsights',
  compute: 'computes',
  aksCluster: 'aksClusters',
  onlineEndpoint: 'onlineEndpoints',
  onlineDeployment: 'onlineDeployments',
  datastore: 'datastores',
  connection: 'connections',
  job: 'jobs',
  user: 'users',
  group: 'groups',
  servicePrincipal: 'servicePrincipals',
  userAssignedIdentity: 'userAssignedIdentities',
  systemAssignedIdentity: 'systemAssignedIdentities',
} as const satisfies Record<EntityKind, EntityCollection>;
