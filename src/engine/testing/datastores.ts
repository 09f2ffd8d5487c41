import type { EntityId } from '../model/ids';
import type { Estate } from '../model/types';
import { baseEstateYaml, estateFromYaml } from './estates';

/**
 * YAML building blocks shared by the datastore, job and network rule tests: identities, computes and
 * datastores on top of {@link baseEstateYaml}, so that each test only writes what it is about.
 */

export const SUB = '/subscriptions/00000000-0000-0000-0000-000000000001';
export const RG = `${SUB}/resourceGroups/rg-ml`;
export const STORAGE_ID = `${RG}/providers/Microsoft.Storage/storageAccounts/stml`;
export const WORKSPACE_ID = `${RG}/providers/Microsoft.MachineLearningServices/workspaces/ws-ml`;

export const IDENTITIES = `user_assigned_identities:
  - name: uai-a
    resource_group: rg-ml
    principal_id: 55555555-5555-5555-5555-555555555555
  - name: uai-ws
    resource_group: rg-ml
    principal_id: 77777777-7777-7777-7777-777777777777
service_principals:
  - name: sp-loader
    object_id: 99999999-9999-9999-9999-999999999999
    app_id: 12121212-1212-1212-1212-121212121212
`;

export const COMPUTES = `computes:
  - name: cpu-sai
    workspace: ws-ml
    type: amlcompute
    identity: { type: system_assigned }
  - name: cpu-uai
    workspace: ws-ml
    type: amlcompute
    identity: { type: user_assigned, user_assigned_identities: [uai-a] }
  - name: cpu-none
    workspace: ws-ml
    type: amlcompute
`;

/** A datastore entry; `body` holds its type, credentials and other fields, indented by four spaces. */
export function datastore(name: string, body: string, container = name): string {
  return `  - name: ${name}\n    workspace: ws-ml\n    account_name: stml\n    container_name: ${container}\n${body}`;
}

/** A command job reading one datastore. */
export function commandJob(
  name: string,
  options: {
    compute?: string;
    identity?: string;
    input?: string;
    output?: string;
    submittedBy?: string;
    extra?: string;
  } = {},
): string {
  const lines = [
    `  - name: ${name}`,
    '    workspace: ws-ml',
    '    type: command',
    `    compute: ${options.compute ?? 'cpu-sai'}`,
  ];
  if (options.identity) lines.push(`    identity: ${options.identity}`);
  if (options.submittedBy !== '')
    lines.push(`    submitted_by: ${options.submittedBy ?? 'alice@contoso.com'}`);
  if (options.input !== '')
    lines.push(
      '    inputs:',
      `      data: { path: azureml://datastores/${options.input ?? 'raw'}/paths/in/ }`,
    );
  if (options.output)
    lines.push('    outputs:', `      result: { path: azureml://datastores/${options.output}/paths/out/ }`);
  if (options.extra) lines.push(options.extra.replace(/\n$/, ''));
  return `${lines.join('\n')}\n`;
}

/** Applies simple field edits to the storage account `stml` of the base estate. */
function withStorage(yaml: string, fields: string): string {
  return yaml.replace(
    '  - name: stml\n    resource_group: rg-ml\n',
    `  - name: stml\n    resource_group: rg-ml\n${fields}`,
  );
}

/** Builds an estate from the base plus identities, computes and the given sections. */
export function ruleEstate(
  sections: { datastores?: string; jobs?: string; assignments?: string; extra?: string },
  options: { workspace?: string; storage?: string; observed?: boolean } = {},
): Estate {
  const extra = [
    IDENTITIES,
    COMPUTES,
    sections.datastores ? `datastores:\n${sections.datastores}` : '',
    sections.jobs ? `jobs:\n${sections.jobs}` : '',
    sections.assignments ? `role_assignments:\n${sections.assignments}` : '',
    sections.extra ?? '',
  ].join('');
  let yaml = baseEstateYaml({
    extra,
    ...(options.workspace ? { workspace: options.workspace } : {}),
    ...(options.observed ? { assignments: 'observed' as const } : {}),
  });
  if (options.storage) yaml = withStorage(yaml, options.storage);
  return estateFromYaml(yaml);
}

/** The id of a named entity of one collection; throws when it is missing so that a test cannot pass by accident. */
export function idOf(
  estate: Estate,
  collection:
    | 'computes'
    | 'userAssignedIdentities'
    | 'users'
    | 'servicePrincipals'
    | 'datastores'
    | 'jobs'
    | 'storageAccounts'
    | 'workspaces'
    | 'containerRegistries',
  name: string,
): EntityId {
  const entity = (estate[collection] as { id: EntityId; name: string }[]).find((e) => e.name === name);
  if (!entity) throw new Error(`no ${collection} entry named ${name}`);
  return entity.id;
}
