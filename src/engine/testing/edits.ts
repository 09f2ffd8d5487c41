import { entityMap } from '../model/estate';
import type { EntityId } from '../model/ids';
import type { Entity, Estate } from '../model/types';
import { validateEstate } from '../model/validate';
import { baseEstateYaml, estateFromYaml } from './estates';

/** A small estate with one of everything the edits touch. */
export function editsTestEstate(): Estate {
  return estateFromYaml(
    baseEstateYaml({
      extra: `
user_assigned_identities:
  - name: uai-train
    resource_group: rg-ml
  - name: uai-other
    resource_group: rg-ml
groups:
  - name: team
    members: [alice@contoso.com]
computes:
  - name: cpu
    workspace: ws-ml
    type: amlcompute
    identity:
      type: user_assigned
      user_assigned_identities: [uai-train]
online_endpoints:
  - name: ep
    workspace: ws-ml
    auth_mode: key
    identity:
      type: system_assigned
datastores:
  - name: blob
    workspace: ws-ml
    type: azure_blob
    account_name: stml
    container_name: data
    credentials:
      account_key: <redacted>
jobs:
  - name: train
    workspace: ws-ml
    type: command
    compute: cpu
    identity:
      type: user_identity
  - name: pipe
    workspace: ws-ml
    type: pipeline
    jobs:
      prep:
        compute: cpu
      fit:
        compute: serverless
role_assignments:
  - principal: alice@contoso.com
    role: Reader
    scope: rg-ml
  - principal: system:ws-ml/onlineEndpoints/ep
    role: Key Vault Secrets User
    scope: kv-ml
`,
    }),
  );
}

/** The id of the entity of `kind` named `name`; throws in a test when there is none. */
export function idOf(estate: Estate, kind: Entity['kind'], name: string): EntityId {
  for (const entity of entityMap(estate).values()) if (entity.kind === kind && entity.name === name) return entity.id;
  throw new Error(`no ${kind} named ${name}`);
}

/** Keys of the estate whose value is not the same object as before. */
export function changedCollections(before: Estate, after: Estate): string[] {
  return (Object.keys(after) as (keyof Estate)[]).filter((key) => before[key] !== after[key]).sort();
}

/** Errors (not warnings) the validator reports. */
export function validationErrors(estate: Estate): string[] {
  return validateEstate(estate)
    .filter((d) => d.severity === 'error')
    .map((d) => d.message);
}
