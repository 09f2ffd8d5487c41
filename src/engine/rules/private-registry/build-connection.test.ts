import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { estateFromYaml, runRuleOn, uaisWithClientIds } from '../../testing/estates';
import { privateRegistryBuildConnection } from './build-connection';
import { privateImageJob, withPrivateRegistry } from '../../testing/private-registry';

const uai = uaisWithClientIds({ 'uai-build': 'cccccccc-0000-0000-0000-00000000000c' });
const connection = (credentials: string) => `connections:
  - name: acrprivate-conn
    workspace: ws-ml
    type: container_registry
    target: https://acrprivate.azurecr.io
    credentials: ${credentials}
`;

describe('AML-PACR-002 registry connection for a managed build', () => {
  it('reports a managed build from a private registry without any connection, with the connection YAML', () => {
    const findings = runRuleOn(privateRegistryBuildConnection, estateFromYaml(withPrivateRegistry({ extra: uai + privateImageJob('serverless', 'managed_build') })));
    const finding = expectOnlyFinding(findings, { severity: 'error' });
    expect(finding?.subjects.map((s) => s.split('/').pop())).toEqual(['acrprivate', 'ws-ml']);
    expect(finding?.message).toContain('acrprivate.azurecr.io');
    const az = finding?.fix?.az.join('\n') ?? '';
    expect(az).toContain('type: container_registry');
    expect(az).toContain('target: https://acrprivate.azurecr.io');
    expect(az).toContain('  type: managed_identity');
    expect(az).toContain('az ml connection create --file acrprivate-managed-identity.yml --resource-group rg-ml --workspace-name ws-ml');
    expect(finding?.fix?.summary).toContain('type: managed_identity');
  });

  it('reports a connection that uses a password instead of a managed identity', () => {
    const yaml = withPrivateRegistry({ extra: uai + connection('{ type: username_password, username: puller, password: "<redacted>" }') + privateImageJob('serverless', 'managed_build') });
    const findings = runRuleOn(privateRegistryBuildConnection, estateFromYaml(yaml));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.subjects[0]).toMatch(/connections\/acrprivate-conn$/);
    expect(findings[0]?.message).toContain('username_password');
  });

  it('stays quiet with a managed-identity connection', () => {
    const yaml = withPrivateRegistry({ extra: uai + connection('{ type: managed_identity, client_id: cccccccc-0000-0000-0000-00000000000c }') + privateImageJob('serverless', 'managed_build') });
    expect(runRuleOn(privateRegistryBuildConnection, estateFromYaml(yaml))).toEqual([]);
  });

  it('fills in an identity that can already pull from the registry', () => {
    const grant = 'role_assignments:\n  - { principal: uai-build, role: AcrPull, scope: acrprivate }\n';
    const findings = runRuleOn(privateRegistryBuildConnection, estateFromYaml(withPrivateRegistry({ extra: uai + grant + privateImageJob('serverless', 'managed_build') })));
    const az = findings[0]?.fix?.az.join('\n') ?? '';
    expect(az).toContain('  client_id: cccccccc-0000-0000-0000-00000000000c');
    expect(az).toMatch(/ {2}resource_id: \/subscriptions\/.*\/userAssignedIdentities\/uai-build/);
    expect(findings[0]?.fix?.terraform).toContain('authType    = "ManagedIdentity"');
  });
});
