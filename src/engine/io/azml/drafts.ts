import type {
  ComputeType,
  CredentialKind,
  DatastoreType,
  EndpointAuthMode,
  JobEnvironment,
  JobIdentityType,
  ManagedNetworkIsolation,
  PublicNetworkAccess,
  ServiceDataAccessIdentity,
  SourceRef,
} from '../../model/types';
import type { BindingMention } from '../core/azml-vocabulary';
import type { Path } from '../core/context';
import type { ArmRef, ChildRef } from './arm';
import type { AzmlContext } from './context';

/**
 * What one az ml document says, read and checked but not yet placed: references are still names or ARM ids,
 * and children do not know their workspace yet. Reading a document into a draft needs nothing but the document,
 * so every error is found at this stage; placing the drafts of a whole import (assemble.ts) only adds notes.
 */

/** A reference to a user-assigned identity as an az ml file can write it. */
export type UaiRef =
  | { by: 'armId'; ref: ArmRef }
  /** Text that is not an ARM id: taken as the name of an identity in the owner's resource group. */
  | { by: 'name'; name: string }
  | { by: 'clientId'; value: string }
  | { by: 'principalId'; value: string };

export interface UaiMention {
  ref: UaiRef;
  clientId?: string;
  principalId?: string;
  path: Path;
}

/** A top-level resource named by an ARM id, or by a bare name to be placed in the owner's resource group. */
export type ResourceRef = ({ by: 'armId'; ref: ArmRef } | { by: 'name'; name: string }) & { path: Path };

export interface IdentityDraft {
  system: boolean;
  userAssigned: UaiMention[];
  principalId?: string;
  tenantId?: string;
}

interface DraftBase {
  file: string;
  ctx: AzmlContext;
  /** Where the document (its `name`, when it has one) is. */
  source: SourceRef;
  /** The document's top-level keys, to tell what it gave from what took a default. */
  keys: ReadonlySet<string>;
  description?: string;
  tags?: Record<string, string>;
}

export interface WorkspaceDraft extends DraftBase {
  kind: 'workspace';
  name: string;
  ref: ArmRef;
  /** True when the file (or the caller's context) says the subscription and group, false for placeholders. */
  scopeKnown: boolean;
  /** A file without `name` (the form `az ml workspace update --file F --name N` takes): which workspace is unknown. */
  nameless?: boolean;
  /** A nameless file whose settings were given to the only named workspace of the import. */
  joined?: boolean;
  workspaceKind: 'default' | 'hub' | 'project';
  location?: string;
  tenantId?: string;
  identity: IdentityDraft;
  primaryUserAssignedIdentity?: UaiMention;
  storageAccount?: ResourceRef;
  keyVault?: ResourceRef;
  containerRegistry?: ResourceRef;
  applicationInsights?: ResourceRef;
  publicNetworkAccess: PublicNetworkAccess;
  isolationMode: ManagedNetworkIsolation;
  systemDatastoresAuthMode: 'accesskey' | 'identity';
  customerManagedKey?: { keyVault: ResourceRef; keyUri?: string; userAssignedIdentity?: UaiMention };
  imageBuildCompute?: string;
  allowRoleAssignmentOnRg?: boolean;
  enableDataIsolation?: boolean;
  hub?: ResourceRef;
}

interface ChildBase extends DraftBase {
  name: string;
  /** The workspace named by the document's own `id` (`az ml ... show` output). */
  workspaceHint?: ArmRef;
}

export interface ComputeDraft extends ChildBase {
  kind: 'compute';
  computeType: ComputeType;
  identity: IdentityDraft;
  idleTimeBeforeShutdown?: string;
  assignedUserObjectId?: string;
  size?: string;
  subnet?: string;
  disableLocalAuth?: boolean;
}

/**
 * A compute named by a job or endpoint: `azureml:<name>`, a bare name, an ARM id, serverless, or `local` (az ml's
 * local run, on the machine that submits the job: no Azure ML compute, so nothing to link).
 */
export type ComputeRefDraft = (
  { by: 'serverless' } | { by: 'local' } | { by: 'name'; name: string } | { by: 'armId'; child: ChildRef }
) & {
  path: Path;
};

export interface EndpointDraft extends ChildBase {
  kind: 'onlineEndpoint';
  endpointKind: 'managed' | 'kubernetes';
  authMode: EndpointAuthMode;
  identity: IdentityDraft;
  enforceAccessToDefaultSecretStores: boolean;
  publicNetworkAccess: PublicNetworkAccess;
  compute?: ComputeRefDraft;
}

export interface DeploymentDraft extends ChildBase {
  kind: 'onlineDeployment';
  endpointKind?: 'managed' | 'kubernetes';
  /** `endpoint_name` as written, or the endpoint from the document's `id`. */
  endpoint?: { name: string; path: Path } | { child: ChildRef; path: Path };
  environmentVariables: Record<string, string>;
  image?: string;
  environmentRef?: EnvironmentRefDraft;
  model?: string;
}

export interface DatastoreDraft extends ChildBase {
  kind: 'datastore';
  datastoreType: DatastoreType;
  accountName?: string;
  /** Whether `accountName` is a storage account (not an ADLS Gen1 store), so it may be linked to one. */
  isStorageAccount: boolean;
  containerName?: string;
  credentialKind: CredentialKind;
  /** The client (app) id of a stored service principal or certificate credential; its secret is never kept. */
  credentialClientId?: string;
  serviceDataAccessAuthIdentity: ServiceDataAccessIdentity;
  isDefault?: boolean;
}

export interface ConnectionDraft extends ChildBase {
  kind: 'connection';
  connectionType: string;
  target?: string;
  credentialKind: CredentialKind;
  identity?: UaiMention;
}

export interface JobIdentityDraft {
  type: JobIdentityType;
  userAssignedIdentity?: UaiMention;
}

/** A binding as the shared az ml vocabulary reads it: the datastore is still a name. */
export type BindingDraft = BindingMention;

export interface StepDraft {
  name: string;
  compute?: ComputeRefDraft;
  identity: JobIdentityDraft;
  inputs: BindingDraft[];
  outputs: BindingDraft[];
  /** The component as referenced (`azureml:train@latest`, `./train.yml`), or the inline component's name. */
  component?: string;
  /** A local component file the step refers to, for its environment and identity. */
  componentFile?: string;
  /** The inline component's `type`; for a component file, its own draft says. */
  componentType?: string;
  componentIdentity?: JobIdentityDraft;
  environment?: JobEnvironment;
  environmentRef?: EnvironmentRefDraft;
  path: Path;
}

export interface JobDraft extends DraftBase {
  kind: 'job';
  /** Absent when the file leaves naming to `az ml` (which makes one up at submission). */
  name?: string;
  workspaceHint?: ArmRef;
  jobType: 'command' | 'pipeline' | 'sweep' | 'spark';
  compute?: ComputeRefDraft;
  identity: JobIdentityDraft;
  inputs: BindingDraft[];
  outputs: BindingDraft[];
  steps: StepDraft[];
  environment?: JobEnvironment;
  environmentRef?: EnvironmentRefDraft;
  /** 0-based position among the unnamed jobs of its file, to tell them apart. */
  unnamedIndex: number;
}

/** A component document: kept only so that pipeline steps referring to its file can borrow its environment. */
export interface ComponentDraft extends DraftBase {
  kind: 'component';
  name?: string;
  /** The component's `type` (`command`, `pipeline`, ...), when the file says. */
  componentType?: string;
  environment?: JobEnvironment;
  environmentRef?: EnvironmentRefDraft;
  identity?: JobIdentityDraft;
}

/**
 * A registered environment named by a job, step, component or deployment: `azureml:<name>@latest` (no
 * `version`) or `azureml:<name>:<version>`. Resolved against the environment assets of the import.
 */
export interface EnvironmentRefDraft {
  name: string;
  /** Undefined for `@latest`. */
  version?: string;
  /** The reference as written, for notes. */
  text: string;
  path: Path;
}

/** An environment asset document: kept so that the jobs and deployments naming it get its image and build. */
export interface EnvironmentDraft extends DraftBase {
  kind: 'environment';
  name: string;
  /** Undefined when the file leaves it to `az ml environment create`, which numbers versions itself. */
  version?: string;
  /** Undefined when the asset gives neither an image nor a build. */
  environment?: JobEnvironment;
}

export type ChildDraft =
  ComputeDraft | EndpointDraft | DeploymentDraft | DatastoreDraft | ConnectionDraft | JobDraft;
export type Draft = WorkspaceDraft | ChildDraft | ComponentDraft | EnvironmentDraft;
