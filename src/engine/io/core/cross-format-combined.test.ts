import { describe, expect, it } from 'vitest';
import { analyze } from '../../analysis/analyze';
import acrShow from './fixtures/contoso/az-acr.json?raw';
import computeList from './fixtures/contoso/az-computes.json?raw';
import computeListYaml from './fixtures/contoso/az-computes-o-yaml.yaml?raw';
import datastoreList from './fixtures/contoso/az-datastores.json?raw';
import endpointList from './fixtures/contoso/az-endpoints.json?raw';
import identityList from './fixtures/contoso/az-identities.json?raw';
import keyVaultShow from './fixtures/contoso/az-keyvault.json?raw';
import roleAssignmentList from './fixtures/contoso/az-role-assignments.json?raw';
import storageShow from './fixtures/contoso/az-storage.json?raw';
import workspaceShow from './fixtures/contoso/az-workspace.json?raw';
import workspaceShowYaml from './fixtures/contoso/az-workspace-o-yaml.yaml?raw';
import graphAuthorization from './fixtures/contoso/graph-authorization.json?raw';
import graphResources from './fixtures/contoso/graph-resources.json?raw';
import jobYaml from './fixtures/contoso/job-train.yml?raw';
import workspaceYaml from './fixtures/contoso/workspace.yml?raw';
import terraformPlan from '../terraform/fixtures/plan.json?raw';
import { readInputs, type InputFile } from '../inputs';

// One estate (workspace ws-prod in rg-ml, with its storage, key vault, registry, identities, computes and endpoint)
// exported the ways a team exports it: `az ... -o json` (az ml workspace show, compute list, online-endpoint list,
// datastore list, az storage account show, az keyvault show, az acr show, az identity list, az role assignment list
// --all), the same resources and assignments as Resource Graph pages (`az graph query` over resources.kql and
// authorization.kql), and a job YAML from the team's repository.
const AZ: InputFile[] = [
  { file: 'az-workspace.json', text: workspaceShow },
  { file: 'az-computes.json', text: computeList },
  { file: 'az-endpoints.json', text: endpointList },
  { file: 'az-datastores.json', text: datastoreList },
  { file: 'az-storage.json', text: storageShow },
  { file: 'az-keyvault.json', text: keyVaultShow },
  { file: 'az-acr.json', text: acrShow },
  { file: 'az-identities.json', text: identityList },
];
const ASSIGNMENTS: InputFile = { file: 'az-role-assignments.json', text: roleAssignmentList };
const GRAPH: InputFile[] = [
  { file: 'graph-resources.json', text: graphResources },
  { file: 'graph-authorization.json', text: graphAuthorization },
];
const JOB: InputFile = { file: 'job-train.yml', text: jobYaml };

/** The role assignment export without the one Azure ML makes for the workspace system identity on rg-ml (R3). */
const WITHOUT_WORKSPACE_RG_ROLE: InputFile = {
  file: ASSIGNMENTS.file,
  text: JSON.stringify(
    (JSON.parse(roleAssignmentList) as { roleDefinitionName: string }[]).filter((a) => a.roleDefinitionName !== 'Azure AI Administrator'),
    null,
    2,
  ),
};

function read(files: InputFile[]) {
  const result = readInputs(files);
  if (!result.estate) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return { diagnostics: result.diagnostics, estate: result.estate };
}

/** Finding ids and messages, which name no file, so that reads in different orders compare. */
const findingsOf = (files: InputFile[]) =>
  analyze(read(files).estate)
    .findings.map((f) => `${f.id} ${f.message}`)
    .sort();

describe('a team export in several formats at once', () => {
  it('is one estate whichever formats tell it and in whatever order: no entity twice, no conflict, the same findings', () => {
    const files = [...AZ, ASSIGNMENTS, ...GRAPH];
    const { estate, diagnostics } = read(files);
    expect(estate.workspaces.map((w) => w.name)).toEqual(['ws-prod']);
    expect(estate.computes.map((c) => c.name).sort()).toEqual(['ci-alice', 'cpu-cluster', 'gpu-cluster']);
    expect(estate.userAssignedIdentities.map((u) => u.name).sort()).toEqual(['uai-train', 'uai-ws']);
    expect([estate.storageAccounts.length, estate.keyVaults.length, estate.containerRegistries.length]).toEqual([1, 1, 1]);
    // 16 assignments, each in `az role assignment list` and in Resource Graph: Azure holds each once.
    expect(estate.roleAssignments).toHaveLength(16);
    expect(estate.assignmentsOrigin).toBe('observed');
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const forward = findingsOf(files);
    expect(findingsOf([...files].reverse())).toEqual(forward);
    expect(findingsOf([...GRAPH, ASSIGNMENTS, ...AZ])).toEqual(forward);
  });

  it('reads one time or VM size spelt two ways by two exports as one value, kept in one spelling whatever the order', () => {
    // `az acr show` prints creationDate as 2024-10-14T20:19:30.000000+00:00, Resource Graph as
    // 2024-10-14T20:19:30.0000000Z; `az ml compute list` prints the size as created (Standard_DS3_v2), Resource
    // Graph in upper case. Each was a conflict warning that kept the first file's spelling.
    const forward = read([...AZ, ...GRAPH]);
    const backward = read([...GRAPH, ...AZ]);
    expect(forward.diagnostics.filter((d) => d.severity === 'warning')).toEqual([]);
    expect(backward.diagnostics.filter((d) => d.severity === 'warning')).toEqual([]);
    const cluster = (estate: typeof forward.estate) => estate.computes.find((c) => c.name === 'cpu-cluster');
    expect(cluster(forward.estate)?.size).toBe('STANDARD_DS3_V2');
    expect(cluster(backward.estate)?.size).toBe('STANDARD_DS3_V2');
    expect(forward.estate.containerRegistries[0]?.createdOn).toBe(backward.estate.containerRegistries[0]?.createdOn);
  });

  it('still warns when two exports give two different times for one resource', () => {
    const later = acrShow.replace('2024-10-14T20:19:30.000000+00:00', '2025-02-01T08:00:00.000000+00:00');
    const { diagnostics } = read([{ file: 'az-acr.json', text: later }, GRAPH[0] as InputFile]);
    expect(diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message)).toEqual([
      expect.stringContaining('`createdOn` is `2024-10-14T20:19:30.0000000Z` here but `2025-02-01T08:00:00.000000+00:00`'),
    ]);
  });
});

describe('two exports that disagree', () => {
  it('say which identity each names, not the resource group path the two ids share', () => {
    // `az ml workspace show` taken before and after the primary identity was switched to uai-train.
    const earlier = workspaceShow.replace(
      '"primary_user_assigned_identity": "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-ml/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-ws"',
      '"primary_user_assigned_identity": "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-ml/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-train"',
    );
    const { diagnostics } = read([{ file: 'az-workspace.json', text: workspaceShow }, { file: 'az-workspace-june.json', text: earlier }]);
    const conflict = diagnostics.find((d) => d.message.includes('`primaryUserAssignedIdentity`'));
    // Cut at 80 characters, both ids read `/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-ml/provid…`.
    expect(conflict?.message).toContain('is `…/userAssignedIdentities/uai-train` here but `…/userAssignedIdentities/uai-ws` in az-workspace.json');
    expect(conflict).toMatchObject({ file: 'az-workspace-june.json', related: { file: 'az-workspace.json' } });
  });
});

describe('az ml YAML of a workspace that an export declares', () => {
  // The team's workspace file (azureml-examples' with-existing-resources.yml, filled in): no id, so no resource group.
  it('is that workspace, and a note at the file says where it went after the reader placed it in a stand-in group', () => {
    for (const files of [[{ file: 'workspace.yml', text: workspaceYaml }, AZ[0] as InputFile], [AZ[0] as InputFile, { file: 'workspace.yml', text: workspaceYaml }]]) {
      const { estate, diagnostics } = read(files);
      expect(estate.workspaces.map((w) => w.id)).toEqual([
        '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws-prod',
      ]);
      const notes = diagnostics.filter((d) => d.file === 'workspace.yml' && d.severity === 'info').map((d) => `${d.line} ${d.message}`);
      expect(notes).toEqual([
        expect.stringContaining('2 the file does not say the workspace\'s subscription and resource group'),
        '2 workspace `ws-prod` is the workspace of that name in /subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-ml that another input declares; the two are read as one',
      ]);
    }
  });
});

describe('az ml show output as YAML', () => {
  it('is an export, as the same output in JSON is: what it leaves out is unknown, not a default', () => {
    // `az ml workspace show -o yaml` and `az ml compute list -o yaml` (PyYAML, as az prints it), beside the rest.
    const rest = [...AZ.slice(2), ASSIGNMENTS];
    const yaml = read([{ file: 'workspace.yaml', text: workspaceShowYaml }, { file: 'computes.yaml', text: computeListYaml }, ...rest]).estate;
    const json = read([AZ[0] as InputFile, AZ[1] as InputFile, ...rest]).estate;
    expect(yaml.provenance?.facts).toEqual({ 'role-assignments': 'export', resources: 'export', identities: 'export' });
    expect(yaml.provenance?.unknown).toEqual(json.provenance?.unknown);
    const ids = (estate: typeof yaml) => analyze(estate).findings.map((f) => f.id).sort();
    expect(ids(yaml)).toEqual(ids(json));
  });

  it('keeps a file for az ml create (no id) a plan', () => {
    expect(read([{ file: 'workspace.yml', text: workspaceYaml }, ASSIGNMENTS]).estate.provenance?.facts.resources).toBe('plan');
  });
});

describe('az ml YAML beside exported role assignments', () => {
  it('leaves the export the truth: a job file does not bring in the grants Azure ML usually makes', () => {
    const exported = [...AZ, WITHOUT_WORKSPACE_RG_ROLE];
    for (const files of [[...exported, JOB], [JOB, ...exported]]) {
      const { estate } = read(files);
      expect(estate.assignmentsOrigin).toBe('observed');
      expect(estate.provenance?.facts).toEqual({ 'role-assignments': 'export', resources: 'export and plan', identities: 'export' });
      const missing = analyze(estate).findings.find((f) => f.ruleId === 'AML-WS-002');
      expect(missing?.message).toContain('the exported assignments do not include it');
    }
    // The job changes no finding about what the export shows.
    expect(findingsOf([...exported, JOB])).toEqual(findingsOf(exported));
  });

  it('keeps az ml YAML alone a plan: Azure ML will make its grants when the workspace is created', () => {
    const workspaceYaml = `$schema: https://azuremlschemas.azureedge.net/latest/workspace.schema.json
name: ws-new
location: eastus
`;
    const { estate } = read([{ file: 'workspace.yml', text: workspaceYaml }, JOB]);
    expect(estate.assignmentsOrigin).toBe('planned');
  });
});

describe('a plan for another workspace beside the export', () => {
  // `terraform show -json plan.tfplan` of a new workspace (ws-new in rg-ml-new), checked with the team's export.
  const PLAN: InputFile = { file: 'plan.json', text: terraformPlan };

  it('predicts the grants Azure ML will make only for what the plan alone describes', () => {
    for (const files of [[...AZ, WITHOUT_WORKSPACE_RG_ROLE, PLAN], [PLAN, WITHOUT_WORKSPACE_RG_ROLE, ...AZ]]) {
      const { estate } = read(files);
      expect(estate.assignmentsOrigin).toBe('planned');
      const findings = analyze(estate).findings.filter((f) => f.ruleId === 'AML-WS-002');
      // ws-prod exists, and the export shows its resource group role absent: the plan beside it changes nothing.
      // ws-new will get its role when it is created, so it has no finding.
      expect(findings.map((f) => f.subjects[0]?.split('/').pop())).toEqual(['ws-prod#system-identity']);
      expect(findings[0]?.message).toContain('the exported assignments do not include it');
    }
  });

  it('leaves the export alone as it was: the same finding without the plan', () => {
    const findings = analyze(read([...AZ, WITHOUT_WORKSPACE_RG_ROLE]).estate).findings.filter((f) => f.ruleId === 'AML-WS-002');
    expect(findings.map((f) => f.subjects[0]?.split('/').pop())).toEqual(['ws-prod#system-identity']);
  });
});
