import { describe, expect, it } from 'vitest';
import { expectFinding, expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { registryTrustedServices } from './trusted-services';

const restrict = (fields: string) => baseEstateYaml().replace('    admin_user_enabled: false\n', `    admin_user_enabled: false\n${fields}`);

describe('AML-ACR-007 workspace registry behind a service endpoint', () => {
  it('warns about a service-endpoint restriction even with trusted services allowed', () => {
    const findings = runRuleOn(registryTrustedServices, estateFromYaml(restrict('    network_restriction: service_endpoint\n    trusted_services_allowed: true\n')));
    const finding = expectOnlyFinding(findings, { severity: 'warning' });
    expect(finding?.subjects.map((s) => s.split('/').pop())).toEqual(['acrml', 'ws-ml']);
    expectFinding(finding, { message: ['service endpoint', 'ws-ml'] });
    expect(finding?.fix?.actions[0]?.kind).toBe('manual');
  });

  it('stays quiet for a private-endpoint registry (trusted services are AML-NET-004 business)', () => {
    const yaml = restrict('    public_network_access: Disabled\n    network_restriction: private_endpoint\n    trusted_services_allowed: false\n');
    expect(runRuleOn(registryTrustedServices, estateFromYaml(yaml))).toEqual([]);
  });

  it('stays quiet for an unrestricted registry', () => {
    expect(runRuleOn(registryTrustedServices, estateFromYaml(baseEstateYaml()))).toEqual([]);
  });
});
