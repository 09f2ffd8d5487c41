import { describe, expect, it } from 'vitest';
import { createAnalysisContext } from '../context/analysis-context';
import { DATA_ACTIONS, ROLES } from '../context/actions';
import { systemIdentityId, type EntityId } from '../model/ids';
import type { Estate } from '../model/types';
import { baseEstateYaml, estateFromYaml } from '../testing/estates';
import { resolvePaths } from './index';
import type { AccessPath } from './types';

/*
 * Fact sheet section 2, steps 1 to 4: every branch of the job-to-datastore identity resolution.
 * The estate has three clusters (system identity, two user-assigned identities, none), a Kubernetes compute,
 * an identity-based datastore `raw` and a key-based one `keyed`; each test adds the jobs it needs.
 */

const IDENTITIES = `user_assigned_identities:
  - name: uai-a
    resource_group: rg-ml
    principal_id: 55555555-5555-5555-5555-555555555555
  - name: uai-b
    resource_group: rg-ml
    principal_id: 66666666-6666-6666-6666-666666666666
  - name: uai-ws
    resource_group: rg-ml
    principal_id: 77777777-7777-7777-7777-777777777777
  - name: uai-other
    resource_group: rg-ml
    principal_id: 88888888-8888-8888-8888-888888888888
service_principals:
  - name: sp-loader
    object_id: 99999999-9999-9999-9999-999999999999
    app_id: 12121212-1212-1212-1212-121212121212
`;

const COMPUTES = `computes:
  - name: cpu-sai
    workspace: ws-ml
    type: amlcompute
    identity: { type: system_assigned }
  - name: cpu-uai
    workspace: ws-ml
    type: amlcompute
    identity: { type: user_assigned, user_assigned_identities: [uai-a, uai-b] }
  - name: cpu-none
    workspace: ws-ml
    type: amlcompute
  - name: k8s
    workspace: ws-ml
    type: kubernetes
    identity: { type: user_assigned, user_assigned_identities: [uai-b] }
`;

const DATASTORES = `datastores:
  - name: raw
    workspace: ws-ml
    type: azure_blob
    account_name: stml
    container_name: data
  - name: keyed
    workspace: ws-ml
    type: azure_blob
    account_name: stml
    container_name: keyed
    credentials: account_key
  - name: sp-store
    workspace: ws-ml
    type: azure_data_lake_gen2
    account_name: stml
    filesystem: lake
    credentials: { type: service_principal, principal: sp-loader }
`;

/** A workspace with both a system identity and a user-assigned one, so serverless jobs have a UAI to name. */
const DUAL_WORKSPACE = `    identity:
      type: system_assigned,user_assigned
      user_assigned_identities: [uai-ws]
    primary_user_assigned_identity: uai-ws`;

function estateWith(jobs: string, options: { workspace?: string; assignments?: string } = {}): Estate {
  return estateFromYaml(
    baseEstateYaml({
      ...(options.workspace ? { workspace: options.workspace } : {}),
      extra: IDENTITIES + COMPUTES + DATASTORES + `jobs:\n${jobs}` + (options.assignments ?? ''),
    }),
  );
}

function jobPaths(estate: Estate, jobName: string): AccessPath[] {
  const context = createAnalysisContext(estate);
  const job = estate.jobs.find((j) => j.name === jobName);
  if (!job) throw new Error(`no job ${jobName}`);
  return resolvePaths(context).filter((p) => p.kind === 'job-datastore' && p.actor === job.id);
}

function onlyPath(estate: Estate, jobName: string): AccessPath {
  const paths = jobPaths(estate, jobName);
  expect(paths).toHaveLength(1);
  return paths[0] as AccessPath;
}

function idOf(
  estate: Estate,
  collection: 'computes' | 'userAssignedIdentities' | 'users' | 'servicePrincipals' | 'datastores',
  name: string,
): EntityId {
  const entity = (estate[collection] as { id: EntityId; name: string }[]).find((e) => e.name === name);
  if (!entity) throw new Error(`no ${collection} ${name}`);
  return entity.id;
}

const commandJob = (
  name: string,
  compute: string,
  identity: string | undefined,
  input = 'raw',
  extra = '',
) => `  - name: ${name}
    workspace: ws-ml
    type: command
    compute: ${compute}
${identity ? `    identity: ${identity}\n` : ''}    submitted_by: alice@contoso.com
    inputs:
      training: { path: azureml://datastores/${input}/paths/train/ }
${extra}`;

describe('job to datastore resolution, step 1: stored credentials', () => {
  it('uses the stored account key even when the job asks for user identity', () => {
    const estate = estateWith(commandJob('j', 'cpu-sai', '{ type: user_identity }', 'keyed'));
    const path = onlyPath(estate, 'j');
    expect(path.identity.kind).toBe('credential');
    expect(path.identity.credentialKind).toBe('account_key');
    expect(path.trace.filter((t) => t.fact === 'R46')).toHaveLength(2);
    expect(path.trace.map((t) => t.text).join(' ')).toContain('not used here');
  });

  it('still requires the caller to be allowed to list datastore secrets', () => {
    const estate = estateWith(commandJob('j', 'cpu-sai', undefined, 'keyed'));
    const path = onlyPath(estate, 'j');
    expect(path.requirements).toHaveLength(1);
    expect(path.requirements[0]?.action).toBe(
      'Microsoft.MachineLearningServices/workspaces/datastores/listsecrets/action',
    );
    expect(path.requirements[0]?.decision?.question.principal).toBe(
      idOf(estate, 'users', 'alice@contoso.com'),
    );
    expect(path.status).toBe('missing');

    const granted = estateWith(commandJob('j', 'cpu-sai', undefined, 'keyed'), {
      assignments:
        'role_assignments:\n  - { principal: alice@contoso.com, role: AzureML Data Scientist, scope: ws-ml }\n',
    });
    expect(onlyPath(granted, 'j').status).toBe('granted');
  });

  it('checks the stored service principal itself against the storage (R42)', () => {
    const estate = estateWith(commandJob('j', 'cpu-sai', undefined, 'sp-store'));
    const path = onlyPath(estate, 'j');
    expect(path.identity.kind).toBe('credential');
    const sp = idOf(estate, 'servicePrincipals', 'sp-loader');
    const spRequirement = path.requirements.find((r) => r.decision?.question.principal === sp);
    expect(spRequirement?.action).toBe(DATA_ACTIONS.blobRead);
    expect(spRequirement?.suggestedRole).toBe(ROLES.storageBlobDataReader);
    expect(spRequirement?.scope).toMatch(/storageAccounts\/stml\/blobServices\/default\/containers\/lake$/);
    expect(spRequirement?.decision?.allowed).toBe(false);
  });
});

describe('job to datastore resolution, step 2: compute clusters', () => {
  it('user_identity on an identity-based datastore resolves to the submitting user', () => {
    const estate = estateWith(commandJob('j', 'cpu-sai', '{ type: user_identity }'));
    const path = onlyPath(estate, 'j');
    expect(path.identity.kind).toBe('user');
    expect(path.identity.principal).toBe(idOf(estate, 'users', 'alice@contoso.com'));
    expect(path.identity.chosen).toBe('explicit');
  });

  it('user_identity without a known submitter is per user', () => {
    const estate = estateWith(
      commandJob('j', 'cpu-sai', '{ type: user_identity }').replace(
        '    submitted_by: alice@contoso.com\n',
        '',
      ),
    );
    const path = onlyPath(estate, 'j');
    expect(path.identity.kind).toBe('any-user');
    expect(path.status).toBe('per-user');
  });

  it('managed with a client id resolves to that identity when the compute carries it', () => {
    const estate = estateWith(commandJob('j', 'cpu-uai', '{ type: managed, client_id: uai-b }'));
    const path = onlyPath(estate, 'j');
    expect(path.identity.kind).toBe('managed-identity');
    expect(path.identity.principal).toBe(idOf(estate, 'userAssignedIdentities', 'uai-b'));
  });

  it('managed naming an identity the compute does not carry resolves to none', () => {
    const estate = estateWith(commandJob('j', 'cpu-sai', '{ type: managed, client_id: uai-b }'));
    const path = onlyPath(estate, 'j');
    expect(path.identity.kind).toBe('none');
    expect(path.status).toBe('missing');
    expect(path.identity.label).toContain('uai-b');
  });

  it('managed without a name uses the compute default identity', () => {
    const estate = estateWith(commandJob('j', 'cpu-uai', '{ type: managed }'));
    expect(onlyPath(estate, 'j').identity.principal).toBe(idOf(estate, 'userAssignedIdentities', 'uai-a'));
  });

  it('no identity falls back to the system identity of the compute', () => {
    const estate = estateWith(commandJob('j', 'cpu-sai', undefined));
    const path = onlyPath(estate, 'j');
    expect(path.identity.principal).toBe(systemIdentityId(idOf(estate, 'computes', 'cpu-sai')));
    expect(path.identity.chosen).toBe('fallback');
    expect(path.trace.some((t) => t.fact === 'R47')).toBe(true);
  });

  it('no identity on a cluster with user-assigned identities only falls back to the first one', () => {
    const estate = estateWith(commandJob('j', 'cpu-uai', undefined));
    expect(onlyPath(estate, 'j').identity.principal).toBe(idOf(estate, 'userAssignedIdentities', 'uai-a'));
  });

  it('a compute without any identity resolves to none', () => {
    const estate = estateWith(commandJob('j', 'cpu-none', undefined));
    const path = onlyPath(estate, 'j');
    expect(path.identity.kind).toBe('none');
    expect(path.trace.some((t) => t.fact === 'R28')).toBe(true);
  });

  it('aml_token is unconfirmed', () => {
    const estate = estateWith(commandJob('j', 'cpu-sai', '{ type: aml_token }'));
    const path = onlyPath(estate, 'j');
    expect(path.identity.kind).toBe('unknown');
    expect(path.confidence).toBe('unconfirmed');
    expect(path.status).toBe('unconfirmed');
  });

  it('asks for Storage Blob Data Reader on the container to read and Contributor to write', () => {
    const job = `${commandJob('j', 'cpu-sai', undefined)}    outputs:
      model: { path: azureml://datastores/raw/paths/models/ }
`;
    const estate = estateWith(job);
    const paths = jobPaths(estate, 'j');
    const read = paths.find((p) => p.id.endsWith('|read'));
    const write = paths.find((p) => p.id.endsWith('|write'));
    expect(read?.requirements[0]?.suggestedRole).toBe(ROLES.storageBlobDataReader);
    expect(write?.requirements[0]?.suggestedRole).toBe(ROLES.storageBlobDataContributor);
    expect(read?.requirements[0]?.scope).toMatch(/\/containers\/data$/);
    expect(read?.status).toBe('missing');
  });

  it('is granted once the compute identity holds the data role', () => {
    const estate = estateWith(commandJob('j', 'cpu-uai', undefined), {
      assignments:
        'role_assignments:\n  - { principal: uai-a, role: Storage Blob Data Reader, scope: stml }\n',
    });
    expect(onlyPath(estate, 'j').status).toBe('granted');
  });
});

describe('job to datastore resolution, step 3: serverless compute', () => {
  it('user_identity resolves to the submitting user', () => {
    const estate = estateWith(commandJob('j', 'serverless', '{ type: user_identity }'));
    expect(onlyPath(estate, 'j').identity.principal).toBe(idOf(estate, 'users', 'alice@contoso.com'));
  });

  it('managed naming the workspace user-assigned identity resolves to it', () => {
    const estate = estateWith(commandJob('j', 'serverless', '{ type: managed, client_id: uai-ws }'), {
      workspace: DUAL_WORKSPACE,
    });
    const path = onlyPath(estate, 'j');
    expect(path.identity.principal).toBe(idOf(estate, 'userAssignedIdentities', 'uai-ws'));
    expect(path.confidence).toBe('documented');
  });

  it('managed naming an identity the workspace does not have resolves to none', () => {
    const estate = estateWith(commandJob('j', 'serverless', '{ type: managed, client_id: uai-other }'), {
      workspace: DUAL_WORKSPACE,
    });
    expect(onlyPath(estate, 'j').identity.kind).toBe('none');
  });

  it('managed without a name is unconfirmed when the workspace has a user-assigned identity', () => {
    const estate = estateWith(commandJob('j', 'serverless', '{ type: managed }'), {
      workspace: DUAL_WORKSPACE,
    });
    const path = onlyPath(estate, 'j');
    expect(path.identity.kind).toBe('unknown');
    expect(path.status).toBe('unconfirmed');
  });

  it('managed on a workspace with only a system identity resolves to none', () => {
    const estate = estateWith(commandJob('j', 'serverless', '{ type: managed }'));
    expect(onlyPath(estate, 'j').identity.kind).toBe('none');
  });

  it('no identity is unconfirmed', () => {
    const estate = estateWith(commandJob('j', 'serverless', undefined));
    const path = onlyPath(estate, 'j');
    expect(path.identity.kind).toBe('unknown');
    expect(path.confidence).toBe('unconfirmed');
    expect(path.trace.some((t) => t.fact === 'R34')).toBe(true);
  });

  it('aml_token is unconfirmed', () => {
    const estate = estateWith(commandJob('j', 'serverless', '{ type: aml_token }'));
    expect(onlyPath(estate, 'j').status).toBe('unconfirmed');
  });
});

describe('job to datastore resolution, step 4: Kubernetes compute', () => {
  it('uses the compute identity whatever the job asks for', () => {
    for (const identity of [undefined, '{ type: user_identity }', '{ type: managed, client_id: uai-a }']) {
      const estate = estateWith(commandJob('j', 'k8s', identity));
      const path = onlyPath(estate, 'j');
      expect(path.identity.principal).toBe(idOf(estate, 'userAssignedIdentities', 'uai-b'));
      expect(path.trace.some((t) => t.fact === 'R33')).toBe(true);
    }
  });
});

describe('pipelines', () => {
  const pipeline = (rootIdentity: string | undefined, steps: string) => `  - name: p
    workspace: ws-ml
    type: pipeline
    compute: cpu-uai
${rootIdentity ? `    identity: ${rootIdentity}\n` : ''}    submitted_by: alice@contoso.com
    jobs:
${steps}`;
  const step = (name: string, identity?: string, extra = '') => `      ${name}:
        type: command
${identity ? `        identity: ${identity}\n` : ''}        inputs:
          data: { path: azureml://datastores/raw/paths/${name}/ }
${extra}`;

  it('a step identity wins over the root identity; an unset step inherits the root', () => {
    const estate = estateWith(
      pipeline(
        '{ type: user_identity }',
        step('prep', '{ type: managed, client_id: uai-b }') + step('train'),
      ),
    );
    const paths = jobPaths(estate, 'p');
    const prep = paths.find((p) => p.id.includes('|prep:'));
    const train = paths.find((p) => p.id.includes('|train:'));
    expect(prep?.identity.principal).toBe(idOf(estate, 'userAssignedIdentities', 'uai-b'));
    expect(train?.identity.kind).toBe('user');
    expect(train?.identity.principal).toBe(idOf(estate, 'users', 'alice@contoso.com'));
  });

  it('a step running a pipeline component does not inherit the root identity', () => {
    const estate = estateWith(
      pipeline(
        '{ type: user_identity }',
        step('score', undefined, '        component: azureml:scoring@latest\n        component_type: pipeline\n'),
      ),
    );
    const [path] = jobPaths(estate, 'p');
    expect(path?.identity.principal).toBe(idOf(estate, 'userAssignedIdentities', 'uai-a'));
    expect(path?.trace.some((t) => t.fact === 'R45' && t.text.includes('root'))).toBe(true);
    expect(path?.confidence).toBe('documented');
  });

  it('a step running a command component inherits the root identity (R45 stops it only for pipeline components)', () => {
    const estate = estateWith(
      pipeline(
        '{ type: user_identity }',
        step('score', undefined, '        component: azureml:scoring@latest\n        component_type: command\n'),
      ),
    );
    const [path] = jobPaths(estate, 'p');
    expect(path?.identity.kind).toBe('user');
    expect(path?.trace.some((t) => t.text.includes('runs a pipeline component'))).toBe(false);
    expect(path?.confidence).toBe('documented');
  });

  it('a step whose component type the import does not show takes the root identity, unconfirmed, and says why', () => {
    const estate = estateWith(
      pipeline('{ type: user_identity }', step('score', undefined, '        component: azureml:scoring@latest\n')),
    );
    const [path] = jobPaths(estate, 'p');
    expect(path?.identity.kind).toBe('user');
    expect(path?.confidence).toBe('unconfirmed');
    expect(path?.trace[0]).toMatchObject({ fact: 'R45' });
    expect(path?.trace[0]?.text).toContain('runs component azureml:scoring@latest, whose type this import does not show');
  });

  it('ignores an identity declared inside a component', () => {
    const estate = estateWith(
      pipeline(
        undefined,
        step(
          'score',
          undefined,
          '        component: azureml:scoring@latest\n        component_identity: { type: user_identity }\n',
        ),
      ),
    );
    const [path] = jobPaths(estate, 'p');
    expect(path?.identity.principal).toBe(idOf(estate, 'userAssignedIdentities', 'uai-a'));
    expect(path?.trace[0]?.text).toContain('ignores identities set inside pipeline components');
  });

  it('a step may run on its own compute', () => {
    const estate = estateWith(pipeline(undefined, step('prep', undefined, '        compute: cpu-sai\n')));
    const [path] = jobPaths(estate, 'p');
    expect(path?.identity.principal).toBe(systemIdentityId(idOf(estate, 'computes', 'cpu-sai')));
    expect(path?.via).toEqual([idOf(estate, 'computes', 'cpu-sai')]);
  });
});
