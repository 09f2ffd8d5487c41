import { describe, expect, it } from 'vitest';
import { createAnalysisContext } from '../context/analysis-context';
import { ROLES } from '../context/actions';
import { systemIdentityId } from '../model/ids';
import type { Estate } from '../model/types';
import { baseEstateYaml, estateFromYaml } from '../testing/estates';
import { resolvePaths } from './index';
import type { AccessPath } from './types';

/*
 * Fact sheet section 2, step 6: which identity studio uses to preview and to browse a datastore, row by row
 * of the table, then the network overrides of R53.
 */

const UAI = `user_assigned_identities:
  - name: uai-ws
    resource_group: rg-ml
    principal_id: 77777777-7777-7777-7777-777777777777
`;

const DUAL_WORKSPACE = `    identity:
      type: system_assigned,user_assigned
      user_assigned_identities: [uai-ws]
    primary_user_assigned_identity: uai-ws`;

const UAI_ONLY_WORKSPACE = `    identity:
      type: user_assigned
      user_assigned_identities: [uai-ws]
    primary_user_assigned_identity: uai-ws`;

function estateWith(
  datastore: string,
  options: { workspace?: string; network?: string; extra?: string } = {},
): Estate {
  let yaml = baseEstateYaml({
    workspace: options.workspace ?? DUAL_WORKSPACE,
    extra: `${UAI}datastores:\n  - name: ds\n    workspace: ws-ml\n    account_name: stml\n    container_name: data\n${datastore}${options.extra ?? ''}`,
  });
  if (options.network)
    yaml = yaml.replace(
      '  - name: stml\n    resource_group: rg-ml\n',
      `  - name: stml\n    resource_group: rg-ml\n    network: ${options.network}\n`,
    );
  return estateFromYaml(yaml);
}

function studio(estate: Estate, kind: 'studio-preview' | 'studio-browse'): AccessPath {
  const paths = resolvePaths(createAnalysisContext(estate)).filter((p) => p.kind === kind);
  expect(paths).toHaveLength(1);
  return paths[0] as AccessPath;
}

const workspaceSai = (estate: Estate) => systemIdentityId(estate.workspaces[0]?.id ?? ('' as never));
const uaiId = (estate: Estate) => estate.userAssignedIdentities.find((u) => u.name === 'uai-ws')?.id;

describe('studio preview: the four rows of the table', () => {
  it('credential and workspace identity: the workspace identity previews', () => {
    const estate = estateWith(
      '    type: azure_blob\n    credentials: account_key\n    service_data_access_auth_identity: WorkspaceSystemAssignedIdentity\n',
    );
    const path = studio(estate, 'studio-preview');
    expect(path.identity.principal).toBe(workspaceSai(estate));
    expect(path.requirements[0]?.suggestedRole).toBe(ROLES.storageBlobDataReader);
    expect(path.requirements[0]?.scope).toMatch(/\/containers\/data$/);
    expect(path.status).toBe('missing');
  });

  it('no credential and workspace identity: the workspace identity previews', () => {
    const estate = estateWith(
      '    type: azure_blob\n    service_data_access_auth_identity: WorkspaceSystemAssignedIdentity\n',
      {
        extra:
          'role_assignments:\n  - { principal: "system:ws-ml", role: Storage Blob Data Reader, scope: stml }\n',
      },
    );
    const path = studio(estate, 'studio-preview');
    expect(path.identity.principal).toBe(workspaceSai(estate));
    expect(path.status).toBe('granted');
  });

  it('credential without workspace identity: the credential previews', () => {
    const path = studio(estateWith('    type: azure_blob\n    credentials: sas\n'), 'studio-preview');
    expect(path.identity.kind).toBe('credential');
    expect(path.identity.credentialKind).toBe('sas');
    expect(path.status).toBe('not-required');
  });

  it('neither: each studio user previews with their own identity', () => {
    const path = studio(estateWith('    type: azure_blob\n'), 'studio-preview');
    expect(path.identity.kind).toBe('any-user');
    expect(path.status).toBe('per-user');
  });
});

describe('studio preview: which workspace identity', () => {
  it('WorkspaceUserAssignedIdentity picks the primary user-assigned identity', () => {
    const estate = estateWith(
      '    type: azure_blob\n    service_data_access_auth_identity: WorkspaceUserAssignedIdentity\n',
    );
    expect(studio(estate, 'studio-preview').identity.principal).toBe(uaiId(estate));
  });

  it('WorkspaceSystemAssignedIdentity on a workspace without one resolves to none', () => {
    const estate = estateWith(
      '    type: azure_blob\n    service_data_access_auth_identity: WorkspaceSystemAssignedIdentity\n',
      { workspace: UAI_ONLY_WORKSPACE },
    );
    const path = studio(estate, 'studio-preview');
    expect(path.identity.kind).toBe('none');
    expect(path.status).toBe('missing');
  });

  it('WorkspaceUserAssignedIdentity on a workspace without one resolves to none', () => {
    const estate = estateWith(
      '    type: azure_blob\n    service_data_access_auth_identity: WorkspaceUserAssignedIdentity\n',
      {
        workspace: '    identity:\n      type: system_assigned',
      },
    );
    expect(studio(estate, 'studio-preview').identity.kind).toBe('none');
  });

  it('checks no blob role for an Azure Files datastore', () => {
    const estate = estateWith(
      '    type: azure_file\n    credentials: account_key\n    service_data_access_auth_identity: WorkspaceSystemAssignedIdentity\n',
    );
    const path = studio(estate, 'studio-preview');
    expect(path.identity.principal).toBe(workspaceSai(estate));
    expect(path.requirements).toEqual([]);
  });
});

describe('studio preview: network overrides (R53)', () => {
  it('storage limited to selected networks is previewed with the workspace identity', () => {
    const estate = estateWith('    type: azure_blob\n', { network: 'selected_networks' });
    const path = studio(estate, 'studio-preview');
    expect(path.identity.kind).toBe('managed-identity');
    expect(path.identity.principal).toBe(workspaceSai(estate));
    expect(path.trace[0]?.fact).toBe('R53');
  });

  it('storage with the trusted-services exception is previewed with the workspace identity', () => {
    const estate = estateWith('    type: azure_blob\n    credentials: account_key\n', {
      network: 'trusted_services',
    });
    expect(studio(estate, 'studio-preview').identity.principal).toBe(workspaceSai(estate));
  });

  it('private-endpoint storage follows the datastore setting: user identity when not opted in', () => {
    const path = studio(
      estateWith('    type: azure_blob\n', { network: 'private_endpoint' }),
      'studio-preview',
    );
    expect(path.identity.kind).toBe('any-user');
  });

  it('private-endpoint storage follows the datastore setting: workspace identity when opted in', () => {
    const estate = estateWith(
      '    type: azure_blob\n    service_data_access_auth_identity: WorkspaceSystemAssignedIdentity\n',
      { network: 'private_endpoint' },
    );
    expect(studio(estate, 'studio-preview').identity.principal).toBe(workspaceSai(estate));
  });

  it('a stored credential cannot preview private-endpoint storage', () => {
    const path = studio(
      estateWith('    type: azure_blob\n    credentials: account_key\n', { network: 'private_endpoint' }),
      'studio-preview',
    );
    expect(path.identity.kind).toBe('credential');
    expect(path.status).toBe('unsupported');
  });
});

describe('studio browse', () => {
  it('uses an account key', () => {
    const path = studio(estateWith('    type: azure_blob\n    credentials: account_key\n'), 'studio-browse');
    expect(path.identity.kind).toBe('credential');
    expect(path.identity.credentialKind).toBe('account_key');
  });

  it('uses a SAS token', () => {
    expect(
      studio(estateWith('    type: azure_blob\n    credentials: sas\n'), 'studio-browse').identity.kind,
    ).toBe('credential');
  });

  it('does not use a service principal credential: the person browsing is used', () => {
    const estate = estateWith('    type: azure_data_lake_gen2\n    credentials: service_principal\n');
    expect(studio(estate, 'studio-browse').identity.kind).toBe('any-user');
  });

  it('uses the person browsing for an identity-based datastore, even with the workspace identity for preview', () => {
    const estate = estateWith(
      '    type: azure_blob\n    service_data_access_auth_identity: WorkspaceSystemAssignedIdentity\n',
    );
    const path = studio(estate, 'studio-browse');
    expect(path.identity.kind).toBe('any-user');
    expect(path.status).toBe('per-user');
  });
});
