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
