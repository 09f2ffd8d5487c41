import { describe, expect, it } from 'vitest';
import acrShow from '../../io/core/fixtures/contoso/az-acr.json?raw';
import computeList from '../../io/core/fixtures/contoso/az-computes.json?raw';
import identityList from '../../io/core/fixtures/contoso/az-identities.json?raw';
import roleAssignmentList from '../../io/core/fixtures/contoso/az-role-assignments.json?raw';
import workspaceShow from '../../io/core/fixtures/contoso/az-workspace.json?raw';
import { analyze } from '../../analysis/analyze';
import { readInputs, type InputFile } from '../../io/inputs';
import { expectAzRoleAssignment, expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { computeSection, systemIdentity, UAI_TRAIN_CLUSTER } from '../../testing/computes';
import { computeImagePull } from './compute-image-pull';

const uaiCluster = UAI_TRAIN_CLUSTER;
const saiCluster = (createdOn: string) =>
  computeSection('cpu-cluster', 'amlcompute', `    created_on: ${createdOn}\n${systemIdentity()}`);
const datedRegistry = (yaml: string) => yaml.replace('    admin_user_enabled: false\n', '    admin_user_enabled: false\n    created_on: 2024-06-01\n');

describe('AML-ACR-004 compute image pull from the workspace registry', () => {
  it('warns of a user-assigned cluster identity without AcrPull, saying the automatic grant is not confirmed (R20 leaves it open)', () => {
    const findings = runRuleOn(computeImagePull, estateFromYaml(baseEstateYaml({ extra: uaiCluster })));
    const finding = expectOnlyFinding(findings, { severity: 'warning' });
    expect(finding?.subjects.map((s) => s.split('/').pop())).toEqual(['uai-train', 'acrml', 'cpu-cluster']);
    expect(finding?.message).toContain('not confirmed');
    expectAzRoleAssignment(finding, '7f951dda-4ed3-4680-a7ca-43fe172d538d', '55555555-5555-5555-5555-555555555555', /--scope \/subscriptions\/.*\/registries\/acrml/);
  });

  it('stays quiet once the user-assigned identity holds AcrPull', () => {
    const granted = `${uaiCluster}role_assignments:\n  - { principal: uai-train, role: AcrPull, scope: acrml }\n`;
    expect(runRuleOn(computeImagePull, estateFromYaml(baseEstateYaml({ extra: granted })))).toEqual([]);
  });

  it('reports a system identity of a cluster created before the registry existed', () => {
    const findings = runRuleOn(computeImagePull, estateFromYaml(datedRegistry(baseEstateYaml({ extra: saiCluster('2024-01-15') }))));
    const finding = expectOnlyFinding(findings, {
      severity: 'error',
      message: ['2024-01-15', 'before acrml existed'],
      fixActions: [
        expect.objectContaining({ kind: 'assign-role', role: '7f951dda-4ed3-4680-a7ca-43fe172d538d', scope: expect.stringMatching(/registries\/acrml$/) }),
      ],
    });
    expect(finding?.fix?.az.join('\n')).toContain('az ml compute show --name cpu-cluster');
  });

  it('stays quiet for a system identity created after the registry (Azure ML grants AcrPull)', () => {
    expect(runRuleOn(computeImagePull, estateFromYaml(datedRegistry(baseEstateYaml({ extra: saiCluster('2024-09-01') }))))).toEqual([]);
  });

  it('in an observed estate, reports the absent automatic grant and says Azure normally makes it', () => {
    const findings = runRuleOn(computeImagePull, estateFromYaml(datedRegistry(baseEstateYaml({ extra: saiCluster('2024-09-01'), assignments: 'observed' }))));
    expectOnlyFinding(findings, { message: ['normally grants'] });
  });

  it('reports a cluster with no identity and stays quiet when the admin user pulls instead', () => {
    const none = `computes:\n  - name: cpu-cluster\n    workspace: ws-ml\n    type: amlcompute\n`;
    const findings = runRuleOn(computeImagePull, estateFromYaml(baseEstateYaml({ extra: none })));
    expectOnlyFinding(findings, { message: ['no managed identity'] });
    expect(findings[0]?.fix?.az[0]).toContain('--identity-type system_assigned');
    const admin = baseEstateYaml({ extra: none }).replace('admin_user_enabled: false', 'admin_user_enabled: true');
    expect(runRuleOn(computeImagePull, estateFromYaml(admin))).toEqual([]);
  });

  it('judges no pull from a registry the import only names: its admin user may be the one pulling', () => {
    // The export without uai-train's AcrPull on acrmlprod; the registry is named by az ml workspace show only.
    const assignments = (JSON.parse(roleAssignmentList) as { principalName: string; roleDefinitionName: string }[]).filter(
      (a) => !(a.principalName === 'cccccccc-0000-4000-8000-000000000002' && a.roleDefinitionName === 'AcrPull'),
    );
    const exports: InputFile[] = [
      { file: 'workspace.json', text: workspaceShow },
      { file: 'computes.json', text: computeList },
      { file: 'identities.json', text: identityList },
      { file: 'role-assignments.json', text: JSON.stringify(assignments, null, 2) },
    ];
    const findings = (files: InputFile[]) => {
      const estate = readInputs(files).estate;
      if (!estate) throw new Error('the exports did not read');
      return runRuleOn(computeImagePull, estate);
    };
    expect(findings(exports)).toEqual([]);
    const estate = readInputs(exports).estate;
    const pull = estate && analyze(estate).paths.find((p) => p.kind === 'compute-image-pull' && p.actor.endsWith('/gpu-cluster'));
    expect(pull?.trace[0]?.text).toBe(
      'Whether the admin user of acrmlprod is enabled is not known; if it is not, gpu-cluster pulls with its default identity, uai-train (user-assigned identity).',
    );
    // az acr show says the admin user is off: gpu-cluster pulls with uai-train, which lacks AcrPull.
    expect(findings([...exports, { file: 'acr.json', text: acrShow }]).map((f) => f.message)).toEqual([
      expect.stringContaining('uai-train (user-assigned identity) cannot pull images on registry acrmlprod'),
    ]);
  });
});
