import { baseEstateYaml } from './estates';

/** The base estate plus a second, private registry `acrprivate` in the same resource group. */
export function withPrivateRegistry(options: { workspace?: string; extra?: string; assignments?: 'planned' | 'observed' } = {}): string {
  return baseEstateYaml(options).replace(
    '    admin_user_enabled: false\n',
    '    admin_user_enabled: false\n  - name: acrprivate\n    resource_group: rg-ml\n    admin_user_enabled: false\n',
  );
}

/** A job on `compute` (a name or `serverless`) whose environment comes from the private registry. */
export function privateImageJob(compute: string, build: 'as_is' | 'managed_build'): string {
  return `jobs:
  - name: train
    workspace: ws-ml
    type: command
    compute: ${compute}
    environment:
      image: acrprivate.azurecr.io/base/pytorch:2.3
      build: ${build}
`;
}

/**
 * A serverless job whose environment is built on acrprivate's image, through a managed-identity
 * container_registry connection naming the user-assigned identity uai-build (client id c…c, and principal id
 * `principalId` when given); `roles` are the role assignment entries.
 */
export function privateBuildSetup(roles: string, principalId?: string): string {
  return `user_assigned_identities:
  - name: uai-build
    resource_group: rg-ml
    client_id: cccccccc-0000-0000-0000-00000000000c
${principalId ? `    principal_id: ${principalId}\n` : ''}connections:
  - name: acrprivate-conn
    workspace: ws-ml
    type: container_registry
    target: https://acrprivate.azurecr.io
    credentials: { type: managed_identity, client_id: cccccccc-0000-0000-0000-00000000000c }
role_assignments:
${roles}${privateImageJob('serverless', 'managed_build')}`;
}
