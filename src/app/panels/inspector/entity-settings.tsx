import { type AnalysisContext, DATASTORE_CREDENTIAL_KINDS, type DatastoreCredentialKind, ENDPOINT_AUTH_MODES, type Entity, type EntityId, JOB_IDENTITY_TYPES, type JobIdentity, type JobIdentityType, type ManagedIdentitySetting, SERVICE_DATA_ACCESS_IDENTITIES, STORAGE_NETWORK_SETTINGS, unknownComputeTypeText } from '../../../engine';
import { EntityLink } from '../../components/entity-link';
import { CODE } from '../../components/ui';
import { PrivateEndpointsSetting } from './private-endpoints-setting';
import { SelectSetting, Setting, SettingsGrid, ToggleSetting } from './settings-controls';
import { useWhatIf } from './use-what-if';

const PUBLIC_ACCESS = [
  { value: 'Enabled' as const, label: 'Enabled' },
  { value: 'Disabled' as const, label: 'Disabled' },
];
const KEY_VAULT_MODELS = [
  { value: 'rbac' as const, label: 'Azure RBAC' },
  { value: 'access-policies' as const, label: 'Vault access policies' },
];

function yesNo(value: boolean | undefined): string {
  return value === undefined ? 'not set' : value ? 'yes' : 'no';
}

function identityText(setting: ManagedIdentitySetting): string {
  if (setting.system && setting.userAssigned.length > 0) return 'system- and user-assigned';
  if (setting.system) return 'system-assigned';
  if (setting.userAssigned.length > 0) return 'user-assigned';
  return 'none';
}

/** An entity the estate may or may not hold, linked when it does. */
function Ref({ id, context }: { id: EntityId | string | undefined; context: AnalysisContext }) {
  if (id === undefined) return <span className="text-slate-500 dark:text-slate-400">none</span>;
  return <EntityLink id={id} name={context.topology.nameOf(id as EntityId)} known={context.topology.get(id as EntityId) !== undefined} />;
}

function Refs({ ids, context }: { ids: readonly (EntityId | string)[]; context: AnalysisContext }) {
  if (ids.length === 0) return <span className="text-slate-500 dark:text-slate-400">none</span>;
  return (
    <span className="flex flex-wrap gap-x-2">
      {ids.map((id) => (
        <Ref key={id} id={id} context={context} />
      ))}
    </span>
  );
}

function JobIdentitySetting({
  label,
  identity,
  onChange,
  context,
}: {
  label: string;
  identity: JobIdentity;
  onChange: (type: JobIdentityType, uai?: EntityId) => void;
  context: AnalysisContext;
}) {
  // One select covers the type and, for managed identities, which one: `managed` alone is the compute's default.
  const options = [
    ...JOB_IDENTITY_TYPES.map((type) => ({ value: type.value as string, label: type.value === 'managed' ? 'Managed identity (the compute’s)' : type.label })),
    ...context.estate.userAssignedIdentities.map((uai) => ({ value: `managed:${uai.id}`, label: `Managed identity ${uai.name}` })),
  ];
  const value = identity.type === 'managed' && identity.userAssignedIdentity ? `managed:${identity.userAssignedIdentity}` : identity.type;
  return (
    <SelectSetting
      label={label}
      value={value}
      options={options}
      onChange={(next) => {
        if (next.startsWith('managed:')) onChange('managed', next.slice('managed:'.length) as EntityId);
        else onChange(next as JobIdentityType);
      }}
    />
  );
}

/** The entity's settings by kind; the ones a what-if can change are controls, the rest plain values. */
export function EntitySettings({ entity, context }: { entity: Entity; context: AnalysisContext }) {
  const whatIf = useWhatIf();
  switch (entity.kind) {
    case 'workspace':
      return (
        <SettingsGrid>
          <Setting label="Kind">{entity.workspaceKind}</Setting>
          <Setting label="Storage account">
            <Ref id={entity.storageAccount} context={context} />
          </Setting>
          <Setting label="Key vault">
            <Ref id={entity.keyVault} context={context} />
          </Setting>
          <Setting label="Container registry">
            {entity.containerRegistry ? <Ref id={entity.containerRegistry} context={context} /> : 'created on first image build'}
          </Setting>
          <Setting label="Application Insights">
            <Ref id={entity.applicationInsights} context={context} />
          </Setting>
          {entity.hub && (
            <Setting label="Hub">
              <Ref id={entity.hub} context={context} />
            </Setting>
          )}
          <Setting label="Public network access">{entity.publicNetworkAccess}</Setting>
          <PrivateEndpointsSetting entity={entity} context={context} />
          <Setting label="Managed network">{entity.managedNetwork.isolationMode.replaceAll('_', ' ')}</Setting>
          <Setting label="System datastores">{entity.systemDatastoresAuthMode === 'identity' ? 'identity-based' : 'account key'}</Setting>
          {entity.customerManagedKey && (
            <Setting label="Customer-managed key">
              <Ref id={entity.customerManagedKey.keyVault} context={context} />
            </Setting>
          )}
        </SettingsGrid>
      );
    case 'storageAccount':
      return (
        <SettingsGrid>
          <SelectSetting
            label="Network access"
            value={entity.network}
            options={STORAGE_NETWORK_SETTINGS}
            onChange={(network) => whatIf('setStorageAccess', { storageAccount: entity.id, network })}
          />
          <ToggleSetting
            label="Shared key access"
            checked={entity.allowSharedKeyAccess}
            onChange={(allowSharedKeyAccess) => whatIf('setStorageAccess', { storageAccount: entity.id, allowSharedKeyAccess })}
            description="Account keys and SAS signed with them work"
          />
          <Setting label="Hierarchical namespace">{yesNo(entity.isHnsEnabled)}</Setting>
          <PrivateEndpointsSetting entity={entity} context={context} />
        </SettingsGrid>
      );
    case 'keyVault':
      return (
        <SettingsGrid>
          <SelectSetting
            label="Permission model"
            value={entity.enableRbacAuthorization ? 'rbac' : 'access-policies'}
            options={KEY_VAULT_MODELS}
            onChange={(model) => whatIf('setKeyVaultPermissionModel', { keyVault: entity.id, model })}
          />
          <Setting label="Public network access">{entity.publicNetworkAccess}</Setting>
          <PrivateEndpointsSetting entity={entity} context={context} />
          <Setting label="Access policies">
            {entity.accessPolicies.length === 0 ? (
              'none'
            ) : (
              <ul className="space-y-0.5">
                {entity.accessPolicies.map((policy) => (
                  <li key={policy.principal}>
                    <Ref id={policy.principal} context={context} />: secrets {policy.secrets.join(', ') || '—'}
                    {!entity.enableRbacAuthorization ? '' : ' (ignored under RBAC)'}
                  </li>
                ))}
              </ul>
            )}
          </Setting>
        </SettingsGrid>
      );
    case 'containerRegistry':
      return (
        <SettingsGrid>
          <Setting label="Login server">
            <code className={CODE}>{entity.loginServer}</code>
          </Setting>
          <ToggleSetting
            label="Admin user"
            checked={entity.adminUserEnabled}
            onChange={(adminUserEnabled) => whatIf('setRegistryAccess', { registry: entity.id, adminUserEnabled })}
            description="A shared user name and password can pull and push"
          />
          <SelectSetting
            label="Public network access"
            value={entity.publicNetworkAccess}
            options={PUBLIC_ACCESS}
            onChange={(publicNetworkAccess) => whatIf('setRegistryAccess', { registry: entity.id, publicNetworkAccess })}
          />
          <Setting label="Role assignment mode">{entity.roleAssignmentMode === 'abac' ? 'RBAC + ABAC repository permissions' : 'RBAC registry permissions'}</Setting>
          <Setting label="Network restriction">{entity.networkRestriction.replaceAll('_', ' ')}</Setting>
          <Setting label="Trusted services">{yesNo(entity.trustedServicesAllowed)}</Setting>
          <PrivateEndpointsSetting entity={entity} context={context} />
        </SettingsGrid>
      );
    case 'compute':
      return (
        <SettingsGrid>
          <Setting label="Type">{entity.computeType === 'unknown' ? `unknown: ${unknownComputeTypeText(entity) ?? ''}` : entity.computeType}</Setting>
          <Setting label="Workspace">
            <Ref id={entity.workspace} context={context} />
          </Setting>
          {entity.size && <Setting label="Size">{entity.size}</Setting>}
          {entity.assignedUser && (
            <Setting label="Assigned to">
              <Ref id={entity.assignedUser} context={context} />
            </Setting>
          )}
          <Setting label="Local auth disabled">{yesNo(entity.disableLocalAuth)}</Setting>
          {entity.computeType === 'computeinstance' && <Setting label="Idle shutdown">{entity.idleTimeBeforeShutdown ?? 'never'}</Setting>}
          <Setting label="Virtual network">{entity.subnet ?? 'none'}</Setting>
        </SettingsGrid>
      );
    case 'aksCluster':
      return (
        <SettingsGrid>
          <Setting label="Attached to">
            <Ref id={entity.attachedWorkspace} context={context} />
          </Setting>
          <Setting label="Cluster identity">
            {entity.clusterIdentity.type === 'service_principal' ? (
              <>
                service principal <Ref id={entity.clusterIdentity.servicePrincipal} context={context} />
              </>
            ) : (
              <>
                {identityText(entity.clusterIdentity.identity)} <Refs ids={entity.clusterIdentity.identity.userAssigned} context={context} />
              </>
            )}
          </Setting>
        </SettingsGrid>
      );
    case 'onlineEndpoint':
      return (
        <SettingsGrid>
          <Setting label="Workspace">
            <Ref id={entity.workspace} context={context} />
          </Setting>
          <Setting label="Kind">{entity.endpointKind}</Setting>
          <SelectSetting
            label="Auth mode"
            value={entity.authMode}
            options={ENDPOINT_AUTH_MODES}
            onChange={(authMode) => whatIf('setEndpointAuth', { endpoint: entity.id, authMode })}
          />
          <ToggleSetting
            label="Enforce secret store access"
            checked={entity.enforceAccessToDefaultSecretStores}
            onChange={(enforceAccessToDefaultSecretStores) => whatIf('setEndpointAuth', { endpoint: entity.id, enforceAccessToDefaultSecretStores })}
            description="The creator must be able to read workspace secrets"
          />
          <Setting label="Public network access">{entity.publicNetworkAccess}</Setting>
          <Setting label="Created by">
            <Ref id={entity.createdBy} context={context} />
          </Setting>
          {entity.callers && (
            <Setting label="Callers">
              <Refs ids={entity.callers} context={context} />
            </Setting>
          )}
        </SettingsGrid>
      );
    case 'onlineDeployment':
      return (
        <SettingsGrid>
          <Setting label="Endpoint">
            <Ref id={entity.endpoint} context={context} />
          </Setting>
          {entity.image && (
            <Setting label="Image">
              <code className={CODE}>{entity.image}</code>
            </Setting>
          )}
          {entity.model && <Setting label="Model">{entity.model}</Setting>}
          <Setting label="Created by">
            <Ref id={entity.createdBy} context={context} />
          </Setting>
          <Setting label="Environment">{Object.keys(entity.environmentVariables).join(', ') || 'no variables'}</Setting>
        </SettingsGrid>
      );
    case 'datastore':
      return (
        <SettingsGrid>
          <Setting label="Workspace">
            <Ref id={entity.workspace} context={context} />
          </Setting>
          <Setting label="Type">{entity.datastoreType.replaceAll('_', ' ')}</Setting>
          <Setting label="Storage">
            {entity.storageAccount ? <Ref id={entity.storageAccount} context={context} /> : (entity.accountName ?? 'unknown')}
            {entity.containerName && <span className="text-slate-500 dark:text-slate-400"> / {entity.containerName}</span>}
          </Setting>
          <SelectSetting
            label="Stored credential"
            value={(DATASTORE_CREDENTIAL_KINDS.some((kind) => kind.value === entity.credentialKind) ? entity.credentialKind : 'none') as DatastoreCredentialKind}
            options={DATASTORE_CREDENTIAL_KINDS}
            onChange={(credentialKind) => whatIf('setDatastoreCredential', { datastore: entity.id, credentialKind })}
          />
          {entity.credentialPrincipal && (
            <Setting label="Credential of">
              <Ref id={entity.credentialPrincipal} context={context} />
            </Setting>
          )}
          <SelectSetting
            label="Studio previews as"
            value={entity.serviceDataAccessAuthIdentity}
            options={SERVICE_DATA_ACCESS_IDENTITIES}
            onChange={(identity) => whatIf('setDatastorePreviewIdentity', { datastore: entity.id, identity })}
          />
        </SettingsGrid>
      );
    case 'connection':
      return (
        <SettingsGrid>
          <Setting label="Workspace">
            <Ref id={entity.workspace} context={context} />
          </Setting>
          <Setting label="Type">{entity.connectionType}</Setting>
          {entity.target && (
            <Setting label="Target">
              <code className={CODE}>{entity.target}</code>
            </Setting>
          )}
          <Setting label="Credential">{entity.credentialKind.replaceAll('_', ' ')}</Setting>
          {entity.identity && (
            <Setting label="Identity">
              <Ref id={entity.identity} context={context} />
            </Setting>
          )}
        </SettingsGrid>
      );
    case 'job':
      return (
        <SettingsGrid>
          <Setting label="Type">{entity.jobType}</Setting>
          <Setting label="Compute">{entity.compute === 'serverless' ? 'serverless' : <Ref id={entity.compute} context={context} />}</Setting>
          <JobIdentitySetting
            label="Runs as"
            identity={entity.identity}
            context={context}
            onChange={(type, uai) => whatIf('setJobIdentity', { job: entity.id, type, ...(uai ? { userAssignedIdentity: uai } : {}) })}
          />
          {entity.steps.map((step) => (
            <JobIdentitySetting
              key={step.name}
              label={`Step ${step.name} runs as`}
              identity={step.identity}
              context={context}
              onChange={(type, uai) => whatIf('setJobIdentity', { job: entity.id, step: step.name, type, ...(uai ? { userAssignedIdentity: uai } : {}) })}
            />
          ))}
          <Setting label="Submitted by">
            <Ref id={entity.submittedBy} context={context} />
            {entity.submittedFrom && <span className="text-slate-500 dark:text-slate-400"> from {entity.submittedFrom}</span>}
          </Setting>
          <Setting label="Data">
            <Refs
              ids={[...new Set([...entity.inputs, ...entity.outputs, ...entity.steps.flatMap((s) => [...s.inputs, ...s.outputs])].flatMap((b) => (b.datastore ? [b.datastore] : [])))]}
              context={context}
            />
          </Setting>
        </SettingsGrid>
      );
    case 'group':
      return (
        <SettingsGrid>
          <Setting label="Members">
            <Refs ids={entity.members} context={context} />
          </Setting>
          <Setting label="Member of">
            <Refs ids={context.topology.directGroupsOf(entity.id)} context={context} />
          </Setting>
        </SettingsGrid>
      );
    case 'user':
    case 'servicePrincipal':
      return (
        <SettingsGrid>
          {entity.objectId && (
            <Setting label="Object id">
              <code className={CODE}>{entity.objectId}</code>
            </Setting>
          )}
          {entity.kind === 'user' && entity.userPrincipalName && <Setting label="Sign-in name">{entity.userPrincipalName}</Setting>}
          {entity.kind === 'servicePrincipal' && entity.appId && (
            <Setting label="Application id">
              <code className={CODE}>{entity.appId}</code>
            </Setting>
          )}
          <Setting label="Member of">
            <Refs ids={context.topology.directGroupsOf(entity.id)} context={context} />
          </Setting>
        </SettingsGrid>
      );
    case 'userAssignedIdentity':
      return (
        <SettingsGrid>
          {entity.clientId && (
            <Setting label="Client id">
              <code className={CODE}>{entity.clientId}</code>
            </Setting>
          )}
          <Setting label="Used by">
            <Refs ids={context.topology.usersOfIdentity(entity.id)} context={context} />
          </Setting>
          <Setting label="Member of">
            <Refs ids={context.topology.directGroupsOf(entity.id)} context={context} />
          </Setting>
        </SettingsGrid>
      );
    case 'systemAssignedIdentity':
      return (
        <SettingsGrid>
          <Setting label="Belongs to">
            <Ref id={entity.owner} context={context} />
          </Setting>
          <Setting label="Lifetime">Deleted with its resource, or when the identity is turned off</Setting>
        </SettingsGrid>
      );
    case 'subscription':
      return (
        <SettingsGrid>
          <Setting label="Subscription id">
            <code className={CODE}>{entity.subscriptionId}</code>
          </Setting>
          {entity.managementGroup && (
            <Setting label="Management group">
              <Ref id={entity.managementGroup} context={context} />
            </Setting>
          )}
        </SettingsGrid>
      );
    case 'resourceGroup':
      return (
        <SettingsGrid>
          <Setting label="Subscription">
            <Ref id={entity.subscription} context={context} />
          </Setting>
          {entity.location && <Setting label="Location">{entity.location}</Setting>}
        </SettingsGrid>
      );
    case 'managementGroup':
      return (
        <SettingsGrid>
          <Setting label="Parent">{entity.parent ? <Ref id={entity.parent} context={context} /> : 'tenant root group'}</Setting>
        </SettingsGrid>
      );
    case 'applicationInsights':
      return null;
  }
}
