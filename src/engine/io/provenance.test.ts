import { describe, expect, it } from 'vitest';
import { analyze } from '../analysis/analyze';
import computeShow from '../rules/fixtures/compute-show-cluster.json';
import jobYaml from '../rules/fixtures/job-mcr-image.yml?raw';
import roleAssignments from '../rules/fixtures/role-assignment-list-sai.json';
import workspaceShow from '../rules/fixtures/workspace-show-sai.json';
import starter from '../../../public/samples/starter.yaml?raw';
import getAzResource from './powershell/fixtures/get-azresource.json?raw';
import getAzRoleAssignment from './powershell/fixtures/get-azroleassignment.json?raw';
import terraformPlan from './terraform/fixtures/plan.json?raw';
import terraformState from './terraform/fixtures/state.json?raw';
import { readInputs, type InputFile } from './inputs';
import { ROLE_ASSIGNMENT_EXPORT } from './provenance';

const json = (file: string, value: unknown): InputFile => ({ file, text: JSON.stringify(value, null, 2) });
const WORKSPACE = json('workspace.json', workspaceShow);
const ASSIGNMENTS = json('role-assignments.json', roleAssignments);
/** The export without the workspace identity's own role on its group, which Azure ML makes itself (R3). */
const WITHOUT_AUTOMATIC = json('role-assignments.json', roleAssignments.filter((a) => a.principalType !== 'ServicePrincipal'));

function read(...files: InputFile[]) {
  const result = readInputs(files);
  if (!result.estate) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return { ...result, estate: result.estate };
}

describe('plan or export, said out loud', () => {
  it('records per kind of fact whether it came from an export or a plan, and per file', () => {
    const { estate } = read(WORKSPACE, ASSIGNMENTS, { file: 'job.yml', text: jobYaml });
    expect(estate.provenance?.facts).toEqual({ 'role-assignments': 'export', resources: 'export and plan', identities: 'absent' });
    expect(estate.provenance?.files).toEqual([
      { file: 'workspace.json', format: 'azcli-json', facts: { resources: 'export' } },
      { file: 'role-assignments.json', format: 'azcli-json', facts: { 'role-assignments': 'export' } },
      { file: 'job.yml', format: 'azml-yaml', facts: { resources: 'plan' } },
    ]);
    expect(estate.provenance?.missing).toEqual([]);
  });

  it('reads a hand-written native file as a plan, its role assignments included', () => {
    const { estate } = read({ file: 'starter.yaml', text: starter });
    expect(estate.provenance?.facts['role-assignments']).toBe('plan');
    expect(estate.provenance?.facts.resources).toBe('plan');
  });

  it('with no role-assignment export, judges no grant and says which export would let it', () => {
    const { estate, diagnostics } = read(WORKSPACE);
    expect(estate.provenance?.facts['role-assignments']).toBe('absent');
    const notes = diagnostics.filter((d) => d.message.includes(ROLE_ASSIGNMENT_EXPORT));
    expect(notes).toHaveLength(1);
    const findings = analyze(estate).findings;
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    // Today's code gave five AML-WS-003 errors with Contributor fixes for grants Azure ML makes itself.
    expect(findings.map((f) => f.ruleId)).not.toContain('AML-WS-003');
  });

  it('never reports the workspace system identity as lacking a user-assigned identity grant, even with assignments exported', () => {
    const findings = analyze(read(WORKSPACE, WITHOUT_AUTOMATIC).estate).findings;
    expect(findings.map((f) => f.ruleId)).not.toContain('AML-WS-003');
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('reports an automatic grant an export shows absent as that, not as a missing grant of the user', () => {
    const findings = analyze(read(WORKSPACE, WITHOUT_AUTOMATIC).estate).findings;
    const automatic = findings.find((f) => f.ruleId === 'AML-WS-002');
    expect(automatic?.message).toContain('Azure ML normally grants it Azure AI Administrator');
    expect(automatic?.message).toContain('the exported assignments do not include it');
    // With the grant exported, nothing is missing.
    expect(analyze(read(WORKSPACE, ASSIGNMENTS).estate).findings.map((f) => f.ruleId)).not.toContain('AML-WS-002');
  });

  it('reads PowerShell exports and Terraform state as exports, and a Terraform plan as a plan', () => {
    // Both were recorded as plans ("read as: role assignments: plan"), and a setting they leave out was judged
    // as Azure's default: AML-GOV-006 said the managed network of a workspace Get-AzResource gives none of is off.
    const powershell = read({ file: 'resources.json', text: getAzResource }, { file: 'assignments.json', text: getAzRoleAssignment }).estate;
    expect(powershell.provenance?.facts).toEqual({ 'role-assignments': 'export', resources: 'export', identities: 'absent' });
    const workspace = powershell.workspaces[0];
    expect(workspace && powershell.provenance?.unknown[workspace.id]).toContain('managedNetwork');
    expect(analyze(powershell).findings.map((f) => f.ruleId)).not.toContain('AML-GOV-006');
    expect(read({ file: 'state.json', text: terraformState }).estate.provenance?.facts).toEqual({
      'role-assignments': 'export',
      resources: 'export',
      identities: 'export',
    });
    expect(read({ file: 'plan.json', text: terraformPlan }).estate.provenance?.facts['role-assignments']).toBe('plan');
  });

  it('does not depend on the order of the files', () => {
    const a = read(WORKSPACE, json('compute.json', computeShow), ASSIGNMENTS).estate.provenance?.facts;
    const b = read(ASSIGNMENTS, json('compute.json', computeShow), WORKSPACE).estate.provenance?.facts;
    expect(a).toEqual(b);
  });
});

describe('unknown stays unknown', () => {
  it('judges no setting of a placeholder workspace: no governance finding about <workspace>', () => {
    const { estate } = read({ file: 'job.yml', text: jobYaml });
    const placeholder = estate.workspaces.find((w) => w.name === '<workspace>');
    if (!placeholder) throw new Error('no placeholder workspace');
    expect(estate.provenance?.unknown[placeholder.id]).toEqual(['*']);
    const about = analyze(estate).findings.filter((f) => f.subjects.includes(placeholder.id));
    expect(about).toEqual([]);
  });

  it('still judges a planned compute in the placeholder workspace, without naming the placeholder', () => {
    const compute = `$schema: https://azuremlschemas.azureedge.net/latest/amlCompute.schema.json
name: cpu-cluster
type: amlcompute
size: STANDARD_DS3_v2
min_instances: 0
max_instances: 2
`;
    const { estate } = read({ file: 'compute.yml', text: compute });
    const findings = analyze(estate).findings;
    const localAuth = findings.find((f) => f.ruleId === 'AML-GOV-002');
    expect(localAuth?.message).toMatch(/^Compute cpu-cluster does not disable local authentication/);
    const placeholder = estate.workspaces.find((w) => w.name === '<workspace>');
    if (!placeholder) throw new Error('no placeholder workspace');
    expect(findings.filter((f) => f.subjects.includes(placeholder.id))).toEqual([]);
  });

  it('judges no setting of a resource known only by reference (admin user of a registry named by the workspace)', () => {
    const { estate } = read(WORKSPACE, ASSIGNMENTS);
    const registry = estate.containerRegistries[0];
    if (!registry) throw new Error('no registry');
    expect(estate.provenance?.unknown[registry.id]).toEqual(['*']);
    const findings = analyze(estate).findings;
    expect(findings.filter((f) => f.subjects.includes(registry.id) && f.area === 'registry')).toEqual([]);
  });

  it('still judges the settings the export gives (public access of the workspace it shows)', () => {
    const findings = analyze(read(WORKSPACE, ASSIGNMENTS).estate).findings;
    expect(findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['AML-GOV-003', 'AML-GOV-006']));
  });

  it('judges no local authentication of a compute az ml compute show printed nothing about', () => {
    const { estate } = read(WORKSPACE, json('compute.json', computeShow), ASSIGNMENTS);
    const compute = estate.computes[0];
    if (!compute) throw new Error('no compute');
    expect(estate.provenance?.unknown[compute.id]).toContain('disableLocalAuth');
    expect(analyze(estate).findings.map((f) => f.ruleId)).not.toContain('AML-GOV-002');
  });

  it('judges no idle shutdown of a compute instance from Terraform state, which azurerm cannot describe', () => {
    const state = read({ file: 'state.json', text: terraformState }).estate;
    const instance = state.computes.find((c) => c.computeType === 'computeinstance');
    if (!instance) throw new Error('no compute instance');
    expect(state.provenance?.unknown[instance.id]).toContain('idleTimeBeforeShutdown');
    const findings = analyze(state).findings;
    expect(findings.filter((f) => f.ruleId === 'AML-GOV-004')).toEqual([]);
    // Its local authentication, which azurerm does describe (local_auth_enabled = true), is still judged.
    expect(findings.filter((f) => f.ruleId === 'AML-GOV-002').map((f) => f.subjects[0])).toContain(instance.id);
  });
});
