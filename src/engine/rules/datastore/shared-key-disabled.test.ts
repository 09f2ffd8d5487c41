import { describe, expect, it } from 'vitest';
import { readInputs } from '../../io/inputs';
import terraformState from '../../io/terraform/fixtures/state.json?raw';
import { runRuleOn } from '../../testing/estates';
import { sharedKeyDisabled } from './shared-key-disabled';
import { datastore, idOf, ruleEstate, WORKSPACE_ID } from '../../testing/datastores';

const noKeys = '    allow_shared_key_access: false\n';
const identityMode = '    identity:\n      type: system_assigned\n    system_datastores_auth_mode: identity';

describe('AML-DS-005 key-based access to shared-key-disabled storage', () => {
  it('reports a workspace still on accesskey and a datastore with an account key', () => {
    const estate = ruleEstate(
      { datastores: datastore('keyed', '    type: azure_blob\n    credentials: account_key\n') },
      { storage: noKeys },
    );
    const findings = runRuleOn(sharedKeyDisabled, estate);
    expect(findings.map((f) => f.severity)).toEqual(['error', 'error']);
    const [system, keyed] = findings;
    expect(system?.subjects).toEqual([
      idOf(estate, 'workspaces', 'ws-ml'),
      idOf(estate, 'storageAccounts', 'stml'),
    ]);
    expect(system?.message).toContain('ws-ml');
    expect(system?.fix?.az).toEqual([
      `az resource update --ids ${WORKSPACE_ID} --set properties.systemDatastoresAuthMode=identity`,
    ]);
    expect(system?.fix?.bicep).toContain("systemDatastoresAuthMode: 'identity'");
    expect(system?.fix?.terraform).toContain('azapi_update_resource');
    expect(keyed?.subjects[0]).toBe(idOf(estate, 'datastores', 'keyed'));
    expect(keyed?.message).toContain('an account key');
  });

  it('stays quiet with identity mode and identity-based datastores', () => {
    const estate = ruleEstate(
      { datastores: datastore('raw', '    type: azure_blob\n') },
      { storage: noKeys, workspace: identityMode },
    );
    expect(runRuleOn(sharedKeyDisabled, estate)).toEqual([]);
  });

  it('stays quiet when the storage still accepts shared keys', () => {
    const estate = ruleEstate({
      datastores: datastore('keyed', '    type: azure_blob\n    credentials: sas\n'),
    });
    expect(runRuleOn(sharedKeyDisabled, estate)).toEqual([]);
  });

  it('judges no system datastore mode an export leaves out: Terraform state (azurerm has no such argument)', () => {
    // stmlprod refuses shared keys and training_data holds an account key; the workspace's mode is in no file.
    const estate = readInputs([{ file: 'state.json', text: terraformState }]).estate;
    if (!estate) throw new Error('the Terraform state did not read');
    const findings = runRuleOn(sharedKeyDisabled, estate);
    expect(findings.map((f) => f.subjects[0]?.split('/').pop())).toEqual(['training_data']);
    // With the mode taken as known (as a plan that leaves it out is read), the workspace is reported too.
    const given = estate.workspaces.map((w) => w.id);
    const known = { ...estate, provenance: estate.provenance && { ...estate.provenance, unknown: {} } };
    expect(runRuleOn(sharedKeyDisabled, known).map((f) => f.subjects[0])).toEqual([...given, expect.stringContaining('/datastores/training_data')]);
  });
});
