import { describe, expect, it } from 'vitest';
import { expectFinding, expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { imageBuildCompute } from './image-build-compute';

const cluster = `computes:\n  - name: build-cluster\n    workspace: ws-ml\n    type: amlcompute\n    identity:\n      type: system_assigned\n`;
const closed = (yaml: string) => yaml.replace('    admin_user_enabled: false\n', '    admin_user_enabled: false\n    public_network_access: Disabled\n    network_restriction: private_endpoint\n');
const sai = '    identity:\n      type: system_assigned';

describe('AML-ACR-008 image build compute for a closed registry', () => {
  it('warns when the registry is closed and no image_build_compute is set, suggesting the cluster', () => {
    const findings = runRuleOn(imageBuildCompute, estateFromYaml(closed(baseEstateYaml({ extra: cluster }))));
    const finding = expectOnlyFinding(findings, { severity: 'warning' });
    expect(finding?.subjects.map((s) => s.split('/').pop())).toEqual(['ws-ml', 'acrml']);
    expectFinding(finding, {
      message: ['image_build_compute'],
      az: ['az ml workspace update --name ws-ml --resource-group rg-ml --image-build-compute build-cluster'],
      terraform: ['image_build_compute_name = "build-cluster"'],
    });
  });

  it('stays quiet when image_build_compute names a cluster of the workspace', () => {
    const yaml = closed(baseEstateYaml({ workspace: `${sai}\n    image_build_compute: build-cluster`, extra: cluster }));
    expect(runRuleOn(imageBuildCompute, estateFromYaml(yaml))).toEqual([]);
  });

  it('warns when image_build_compute names a compute the workspace does not have', () => {
    const yaml = closed(baseEstateYaml({ workspace: `${sai}\n    image_build_compute: gone-cluster`, extra: cluster }));
    const findings = runRuleOn(imageBuildCompute, estateFromYaml(yaml));
    expectOnlyFinding(findings, { message: ['gone-cluster'] });
  });

  it('stays quiet for an open registry', () => {
    expect(runRuleOn(imageBuildCompute, estateFromYaml(baseEstateYaml({ extra: cluster })))).toEqual([]);
  });
});
