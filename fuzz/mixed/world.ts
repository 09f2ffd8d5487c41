import fc from 'fast-check';

/**
 * One imaginary Azure ML estate from which every file of a mixed set is drawn, so that the files share names the
 * way a real team's exports do: a job YAML naming `azureml:gpu-cluster` beside the `az ml compute show` of that
 * cluster, a job's `client_id` beside the `az identity list` entry that has it, a workspace's
 * `container_registry` beside an image on `mcr.microsoft.com`. The exact output shapes are those of
 * ../shared/azureml-auth-facts.md §5 and §6.
 */

/** A user-assigned identity as `az identity list` shows it. */
export interface WorldIdentity {
  name: string;
  clientId: string;
  principalId: string;
}

/** A compute and how it authenticates. */
export interface WorldCompute {
  name: string;
  type: 'amlcompute' | 'computeinstance';
  identity: 'none' | 'system_assigned' | 'user_assigned';
  /** Index into the world's identities, for `user_assigned`. */
  identityIndex: number;
  principalId: string;
}

/** What a job names: a compute of the world, one that exists nowhere, or none (serverless). */
export type ComputeRef = { kind: 'world'; index: number } | { kind: 'elsewhere'; name: string } | { kind: 'none' };

/** A job's identity block. */
export type JobIdentity =
  | { kind: 'unset' }
  | { kind: 'user_identity' }
  | { kind: 'aml_token' }
  /** `type: managed` with the client id of a world identity. */
  | { kind: 'managed'; identityIndex: number }
  /** `type: managed` with a client id nobody in the import has. */
  | { kind: 'managed-unknown'; clientId: string }
  | { kind: 'managed-bare' };

/** A command job. */
export interface WorldJob {
  name: string | undefined;
  compute: ComputeRef;
  identity: JobIdentity;
  /** Index into IMAGES, or -1 for an environment named by reference (`azureml:...`). */
  image: number;
  /** Index into the world's datastores for an input, or -1 for none. */
  datastore: number;
}

/** A datastore and its credentials. */
export interface WorldDatastore {
  name: string;
  type: 'azure_blob' | 'azure_data_lake_gen2';
  credentials: 'none' | 'account_key' | 'service_principal';
  /** A service principal's client id: a world identity's when `sharedClient` is a valid index. */
  sharedClient: number;
}

/** A role assignment of `az role assignment list`. */
export interface WorldAssignment {
  principal: { kind: 'identity'; index: number } | { kind: 'workspace' } | { kind: 'compute'; index: number } | { kind: 'user'; index: number };
  role: number;
  scope: 'workspace' | 'storage' | 'registry' | 'vault' | 'group';
  guid: string;
}

/** The whole imaginary estate. */
export interface World {
  subscriptionId: string;
  tenantId: string;
  resourceGroup: string;
  workspace: string;
  workspaceIdentity: 'system_assigned' | 'user_assigned' | 'system_assigned,user_assigned';
  workspacePrincipal: string;
  /** Index into identities for the primary user-assigned identity. */
  workspaceIdentityIndex: number;
  storage: string;
  vault: string;
  /** The workspace's registry; `undefined` when `container_registry` is absent (created lazily). */
  registry: string | undefined;
  identities: WorldIdentity[];
  computes: WorldCompute[];
  jobs: WorldJob[];
  datastores: WorldDatastore[];
  users: string[];
  assignments: WorldAssignment[];
  /** The storage account's private endpoints, by sub-resource; with any, its public access is disabled. */
  storageEndpoints: WorldEndpoint[];
}

/** A private endpoint of the storage account: its sub-resource and approval state. */
export interface WorldEndpoint {
  group: 'blob' | 'file' | 'dfs';
  status: 'Approved' | 'Pending';
}

/** Images as people write them: Microsoft's registry, the workspace's own, Docker Hub, another ACR. */
export const IMAGES = (world: World): string[] => [
  'mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04:latest',
  'mcr.microsoft.com/azureml/curated/sklearn-1.5:12',
  `${world.registry ?? 'acrelsewhere'}.azurecr.io/train/base:1`,
  'library/python:3.11',
  'python:3.11-slim',
  'privateacr.azurecr.io/team/image@sha256:0000000000000000000000000000000000000000000000000000000000000000',
];

/** Built-in roles the assignments draw from: name and GUID, as `az role assignment list` prints them. */
export const ROLES: readonly { name: string; id: string }[] = [
  { name: 'AzureML Data Scientist', id: 'f6c7c914-8db3-469d-8ca1-694a8f32e121' },
  { name: 'Storage Blob Data Reader', id: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1' },
  { name: 'Storage Blob Data Contributor', id: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe' },
  { name: 'AcrPull', id: '7f951dda-4ed3-4680-a7ca-43fe172d538d' },
  { name: 'Contributor', id: 'b24988ac-6180-42a0-ab88-20f7382dd24c' },
  { name: 'Reader', id: 'acdd72a7-3385-48ef-bd42-f606fba81ae7' },
  { name: 'Key Vault Secrets User', id: '4633458b-17de-408a-b874-0445c86b69e6' },
  { name: 'Managed Identity Operator', id: 'f1a07417-d97a-45cb-824c-7a7467783830' },
  // A custom role no input defines: the readers must say so, not crash.
  { name: 'ML Job Operator', id: '0a1b2c3d-0000-4000-8000-00000000c001' },
];

const guid = fc.uuid({ version: 4 });
const shortName = (pool: readonly string[]) => fc.constantFrom(...pool);

const identityArb: fc.Arbitrary<WorldIdentity> = fc.record({
  name: shortName(['uai-train', 'uai-ws', 'uai-infer', 'id-ml', 'UAI-Train']),
  clientId: guid,
  principalId: guid,
});

const computeArb: fc.Arbitrary<WorldCompute> = fc.record({
  name: shortName(['gpu-cluster', 'cpu-cluster', 'ci-alice', 'GPU-Cluster', 'cluster1']),
  type: fc.constantFrom('amlcompute' as const, 'computeinstance' as const),
  identity: fc.constantFrom('none' as const, 'system_assigned' as const, 'user_assigned' as const),
  identityIndex: fc.nat(3),
  principalId: guid,
});

const computeRefArb: fc.Arbitrary<ComputeRef> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('world' as const), index: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('elsewhere' as const), name: shortName(['missing-cluster', 'gpu-cluster2']) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
);

const jobIdentityArb: fc.Arbitrary<JobIdentity> = fc.oneof(
  fc.constant({ kind: 'unset' as const }),
  fc.constant({ kind: 'user_identity' as const }),
  fc.constant({ kind: 'aml_token' as const }),
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('managed' as const), identityIndex: fc.nat(3) }) },
  fc.record({ kind: fc.constant('managed-unknown' as const), clientId: guid }),
  fc.constant({ kind: 'managed-bare' as const }),
);

const jobArb: fc.Arbitrary<WorldJob> = fc.record({
  name: fc.option(shortName(['train-job', 'hello', 'sweep-1', 'train-job']), { nil: undefined }),
  compute: computeRefArb,
  identity: jobIdentityArb,
  image: fc.integer({ min: -1, max: 5 }),
  datastore: fc.integer({ min: -1, max: 2 }),
});

const datastoreArb: fc.Arbitrary<WorldDatastore> = fc.record({
  name: shortName(['training_data', 'raw', 'workspaceblobstore', 'lake']),
  type: fc.constantFrom('azure_blob' as const, 'azure_data_lake_gen2' as const),
  credentials: fc.constantFrom('none' as const, 'account_key' as const, 'service_principal' as const),
  sharedClient: fc.integer({ min: -1, max: 3 }),
});

const assignmentArb: fc.Arbitrary<WorldAssignment> = fc.record({
  principal: fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('identity' as const), index: fc.nat(3) }) },
    fc.constant({ kind: 'workspace' as const }),
    fc.record({ kind: fc.constant('compute' as const), index: fc.nat(3) }),
    fc.record({ kind: fc.constant('user' as const), index: fc.nat(2) }),
  ),
  role: fc.nat(ROLES.length - 1),
  scope: fc.constantFrom('workspace' as const, 'storage' as const, 'registry' as const, 'vault' as const, 'group' as const),
  guid,
});

/** A whole world: one subscription, group and workspace with its dependencies, and what lives in it. */
export const worldArb: fc.Arbitrary<World> = fc.record({
  subscriptionId: fc.constantFrom('11111111-2222-3333-4444-555555555555', '3c4d5e6f-0000-4000-8000-000000000abc'),
  tenantId: fc.constantFrom('99999999-8888-7777-6666-555555555555'),
  resourceGroup: shortName(['rg-ml', 'RG-ML', 'rg-data']),
  workspace: shortName(['ws-prod', 'ws-dev', 'mlw-churn']),
  workspaceIdentity: fc.constantFrom('system_assigned' as const, 'user_assigned' as const, 'system_assigned,user_assigned' as const),
  workspacePrincipal: guid,
  workspaceIdentityIndex: fc.nat(3),
  storage: shortName(['stmlprod', 'stdata01']),
  vault: shortName(['kv-ml-prod', 'kv-data']),
  registry: fc.option(shortName(['acrmlprod', 'acrshared']), { nil: undefined }),
  identities: fc.array(identityArb, { minLength: 1, maxLength: 3 }),
  computes: fc.array(computeArb, { minLength: 1, maxLength: 3 }),
  jobs: fc.array(jobArb, { minLength: 1, maxLength: 2 }),
  datastores: fc.array(datastoreArb, { minLength: 0, maxLength: 2 }),
  users: fc.constantFrom(['alice@contoso.com'], ['alice@contoso.com', 'bob@contoso.com']),
  assignments: fc.array(assignmentArb, { maxLength: 5 }),
  storageEndpoints: fc.uniqueArray(
    fc.record({ group: fc.constantFrom('blob' as const, 'file' as const, 'dfs' as const), status: fc.constantFrom('Approved' as const, 'Pending' as const) }),
    { maxLength: 3, selector: (e) => e.group },
  ),
});

/** An element of a list by a modular index (the generators draw indexes before the lists' lengths are known). */
export function pick<T>(list: readonly T[], index: number): T | undefined {
  return list.length === 0 ? undefined : list[((index % list.length) + list.length) % list.length];
}
