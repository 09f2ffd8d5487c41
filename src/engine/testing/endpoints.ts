import type { EntityId } from '../model/ids';
import type { Estate } from '../model/types';
import { baseEstateYaml, estateFromYaml } from './estates';

/**
 * Estates for the endpoint rule and resolver tests (test-only module): the base estate of the fixtures plus a
 * user-assigned identity `uai-ep`, one online endpoint `ep` and its deployment `blue`, both created by alice.
 * Only tests import it.
 */

const RG = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-ml';

/** ARM and principal ids of the entities the endpoint estates declare, for assertions. */
export const IDS = {
  rg: RG,
  workspace: `${RG}/providers/Microsoft.MachineLearningServices/workspaces/ws-ml` as EntityId,
  endpoint:
    `${RG}/providers/Microsoft.MachineLearningServices/workspaces/ws-ml/onlineEndpoints/ep` as EntityId,
  blue: `${RG}/providers/Microsoft.MachineLearningServices/workspaces/ws-ml/onlineEndpoints/ep/deployments/blue` as EntityId,
  green:
    `${RG}/providers/Microsoft.MachineLearningServices/workspaces/ws-ml/onlineEndpoints/ep/deployments/green` as EntityId,
  endpointSai:
    `${RG}/providers/Microsoft.MachineLearningServices/workspaces/ws-ml/onlineEndpoints/ep#system-identity` as EntityId,
  uai: `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-ep` as EntityId,
  registry: `${RG}/providers/Microsoft.ContainerRegistry/registries/acrml` as EntityId,
  otherRegistry: `${RG}/providers/Microsoft.ContainerRegistry/registries/acrother` as EntityId,
  storage: `${RG}/providers/Microsoft.Storage/storageAccounts/stml` as EntityId,
  keyVault: `${RG}/providers/Microsoft.KeyVault/vaults/kv-ml` as EntityId,
  connection:
    `${RG}/providers/Microsoft.MachineLearningServices/workspaces/ws-ml/connections/aoai` as EntityId,
  alice: 'user:11111111-1111-1111-1111-111111111111' as EntityId,
  bob: 'user:22222222-2222-2222-2222-222222222222' as EntityId,
  carol: 'user:33333333-3333-3333-3333-333333333333' as EntityId,
} as const;

export const UAI_PRINCIPAL_ID = '55555555-5555-5555-5555-555555555555';

/** Identity block of an endpoint that runs as `uai-ep`. */
export const UAI_IDENTITY = '    identity: { type: user_assigned, user_assigned_identities: [uai-ep] }\n';

interface EndpointEstateOptions {
  assignments?: 'planned' | 'observed';
  /** Extra lines of the endpoint block, indented by four spaces (identity, auth_mode, properties...). */
  endpoint?: string;
  /** The whole `online_deployments` section; defaults to `blue`, created by alice, with no variables. */
  deployments?: string;
  /** `role_assignments` entries, one flow mapping each, such as `{ principal: uai-ep, role: AcrPull, scope: acrml }`. */
  roles?: string[];
  /** Other top-level sections, such as `connections`. */
  extra?: string;
  /** Lines that replace the workspace identity block of the base estate. */
  workspace?: string;
  /** More entries for the base estate's `container_registries` section (it may appear only once). */
  registries?: string;
  /** Edits the final YAML, for changes to sections of the base estate (the key vault's permission model...). */
  transform?: (yaml: string) => string;
}

/** A second registry, `acrother`, for images pulled from outside the workspace registry. */
export const OTHER_REGISTRY = `  - name: acrother
    resource_group: rg-ml
    admin_user_enabled: false
`;

export const DEFAULT_DEPLOYMENTS = `online_deployments:
  - name: blue
    endpoint: ep
    created_by: alice@contoso.com
`;

/** The YAML of an endpoint estate. */
function endpointEstateYaml(options: EndpointEstateOptions = {}): string {
  const roles = options.roles ?? [];
  const extra = `user_assigned_identities:
  - name: uai-ep
    resource_group: rg-ml
    principal_id: ${UAI_PRINCIPAL_ID}
online_endpoints:
  - name: ep
    workspace: ws-ml
    created_by: alice@contoso.com
${options.endpoint ?? ''}${options.deployments ?? DEFAULT_DEPLOYMENTS}${options.extra ?? ''}${roles.length > 0 ? `role_assignments:\n${roles.map((r) => `  - ${r}\n`).join('')}` : ''}`;
  let yaml = baseEstateYaml({
    extra,
    ...(options.assignments ? { assignments: options.assignments } : {}),
    ...(options.workspace ? { workspace: options.workspace } : {}),
  });
  if (options.registries)
    yaml = yaml.replace('application_insights:\n', `${options.registries}application_insights:\n`);
  return options.transform ? options.transform(yaml) : yaml;
}

/** An endpoint estate, read through the native reader. */
export function endpointEstate(options: EndpointEstateOptions = {}): Estate {
  return estateFromYaml(endpointEstateYaml(options));
}

/** Role assignments that give `uai-ep` everything a deployment needs in the workspace. */
export const UAI_DEPLOYMENT_GRANTS = [
  '{ principal: uai-ep, role: AcrPull, scope: acrml }',
  '{ principal: uai-ep, role: Storage Blob Data Reader, scope: stml }',
  '{ principal: uai-ep, role: AzureML Metrics Writer (preview), scope: ws-ml }',
];

/** The default deployment with environment variables (values are written as given, quoted). */
export function deploymentWithVariables(
  variables: Record<string, string>,
  createdBy = 'alice@contoso.com',
): string {
  const lines = Object.entries(variables).map(([name, value]) => `      ${name}: "${value}"\n`);
  return `online_deployments:
  - name: blue
    endpoint: ep
    created_by: ${createdBy}
    environment_variables:
${lines.join('')}`;
}

/** A connection reference `${{azureml://connections/<name><part>}}`. */
export function connectionRef(name: string, part = '/credentials/key'): string {
  return `\${{azureml://connections/${name}${part}}}`;
}

/** A key vault reference `${{keyvault:https://<vault>.vault.azure.net/secrets/<secret>/1}}`. */
export function keyVaultRef(vault: string, secret: string): string {
  return `\${{keyvault:https://${vault}.vault.azure.net/secrets/${secret}/1}}`;
}

/** A connection `aoai` in workspace ws-ml. */
export const AOAI_CONNECTION = `connections:
  - name: aoai
    workspace: ws-ml
    type: azure_open_ai
    target: https://aoai.openai.azure.com
`;

/** Endpoint lines that set the enforce-secret-stores flag. */
export const ENFORCE_FLAG = '    properties: { enforce_access_to_default_secret_stores: enabled }\n';

/** Turns kv-ml into an access-policy vault with the given policy lines. */
export function accessPolicyVault(policies: string): (yaml: string) => string {
  return (yaml) =>
    yaml.replace(
      '    enable_rbac_authorization: true\n',
      `    enable_rbac_authorization: false\n    access_policies:\n${policies}`,
    );
}
