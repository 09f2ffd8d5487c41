import { createAnalysisContext } from '../context/analysis-context';
import { createRuleContext, runRule } from '../analysis/analyze';
import { readNativeEstate } from '../io/native';
import type { Estate } from '../model/types';
import { resolvePaths } from '../paths';
import type { Finding, Rule } from '../rules/types';

/**
 * Test helpers: build an estate from native-format YAML (failing loudly on any error so a broken fixture
 * cannot pass as a quiet rule), and run one rule on it.
 */
export function estateFromYaml(yaml: string, file = 'fixture.yaml'): Estate {
  const { estate, diagnostics } = readNativeEstate(yaml, file);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!estate || errors.length > 0) {
    throw new Error(`fixture does not read cleanly:\n${errors.map((d) => `  ${d.line ?? '?'}:${d.column ?? '?'} ${d.path ?? ''} ${d.message}`).join('\n')}`);
  }
  return estate;
}

/** Runs a single rule over an estate, with paths resolved as the full analysis would. */
export function runRuleOn(rule: Rule, estate: Estate): Finding[] {
  const context = createAnalysisContext(estate);
  return runRule(rule, createRuleContext(context, resolvePaths(context)));
}

/**
 * The first nine lines of a native estate the reader tests build on: subscription `sub` (with `subscriptionId`),
 * resource group rg-ml and the opening of workspace ws-prod (whose further lines the test appends).
 */
export function wsProdHead(subscriptionId: string): string {
  return `version: 1
name: t
subscriptions:
  - name: sub
    id: ${subscriptionId}
resource_groups:
  - name: rg-ml
workspaces:
  - name: ws-prod
`;
}

/** A `user_assigned_identities:` section of identities in rg-ml, each name with its client id. */
export function uaisWithClientIds(clientIds: Record<string, string>): string {
  const entries = Object.entries(clientIds).map(
    ([name, clientId]) => `  - name: ${name}\n    resource_group: rg-ml\n    client_id: ${clientId}\n`,
  );
  return `user_assigned_identities:\n${entries.join('')}`;
}

/** The smallest native estate document: one subscription and nothing else, for tests of reading itself. */
export const TINY_NATIVE_ESTATE = `version: 1
name: tiny
subscriptions:
  - name: sub
    id: 11111111-2222-4333-8444-555555555555
`;

/** The start of a test estate document: its name, how its assignments were made, the subscription sub-ml and rg-ml. */
export function estateHeader(name: string, assignments: 'planned' | 'observed'): string {
  return `version: 1
name: ${name}
assignments: ${assignments}
tenant_id: 72f988bf-86f1-41af-91ab-2d7cd011db47
subscriptions:
  - name: sub-ml
    id: 00000000-0000-0000-0000-000000000001
resource_groups:
  - name: rg-ml
    subscription: sub-ml
`;
}

/** The `workspaces:` block opening workspace ws-ml in rg-ml with its four dependencies (stml, kv-ml, acrml, ai-ml). */
export const WORKSPACE_WS_ML = `workspaces:
  - name: ws-ml
    resource_group: rg-ml
    storage_account: stml
    key_vault: kv-ml
    container_registry: acrml
    application_insights: ai-ml
`;

/**
 * A small estate every rule test can start from: one subscription, resource group and workspace with a
 * system-assigned identity, its four dependencies, and three users. `extra` is appended to the document,
 * and `workspace` overrides lines of the workspace block.
 */
export function baseEstateYaml(options: { workspace?: string; extra?: string; assignments?: 'planned' | 'observed' } = {}): string {
  return `${estateHeader('test estate', options.assignments ?? 'planned')}storage_accounts:
  - name: stml
    resource_group: rg-ml
key_vaults:
  - name: kv-ml
    resource_group: rg-ml
    enable_rbac_authorization: true
container_registries:
  - name: acrml
    resource_group: rg-ml
    admin_user_enabled: false
application_insights:
  - name: ai-ml
    resource_group: rg-ml
${WORKSPACE_WS_ML}${options.workspace ?? '    identity:\n      type: system_assigned'}
users:
  - name: alice@contoso.com
    object_id: 11111111-1111-1111-1111-111111111111
  - name: bob@contoso.com
    object_id: 22222222-2222-2222-2222-222222222222
  - name: carol@contoso.com
    object_id: 33333333-3333-3333-3333-333333333333
${options.extra ?? ''}
`;
}
