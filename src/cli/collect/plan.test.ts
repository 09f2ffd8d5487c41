import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeIo, type CliIo } from '../io';
import { run } from '../run';
import { runCollect } from './command';
import { startRecordedServer } from './test-server';
import { smallTenant } from './test-tenant';

/** `diff --plan`: the plan in fixtures/plan.yaml against the recorded tenant, collected over HTTP. */

const PLAN = 'src/cli/collect/fixtures/plan.yaml';
const UAI = 'bbbbbbbb-0000-4000-8000-000000000001';
let work: string;
let collected: string;

function capturingIo(): { io: CliIo; stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { ...nodeIo, stdout: (t) => out.push(t), stderr: (t) => err.push(t) }, stdout: () => out.join(''), stderr: () => err.join('') };
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'aml-plan-'));
  collected = join(work, 'estate');
  const tenant = smallTenant();
  const arm = await startRecordedServer(tenant.arm);
  const graph = await startRecordedServer(tenant.graph);
  const token = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.plan-test-token.c2lnbmF0dXJl';
  await runCollect(['-o', collected, '--quiet', '--arm-url', arm.base, '--graph-url', graph.base], capturingIo().io, {
    env: { AML_ACCESS_MAP_ARM_TOKEN: token, AML_ACCESS_MAP_GRAPH_TOKEN: token },
    fetch: (url, init) => fetch(url, init),
    azToken: () => Promise.reject(new Error('unused')),
    sleep: async () => undefined,
    backoffMs: 1,
  });
  await arm.close();
  await graph.close();
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('aml-access-map diff --plan', () => {
  it('lists declared grants absent, drift, automatic grants absent, identities and paths that differ, each with both fixes', async () => {
    const m = capturingIo();
    expect(await run(['diff', '--plan', PLAN, '--', collected], m.io)).toBe(1);
    const text = m.stdout();
    expect(text).toContain(
      'Declared in the plan, absent in reality (1):\n  AcrPull for uai-train on acrmlprod\n' +
        `    make reality match: az role assignment create --assignee-object-id ${UAI} --role "AcrPull" --scope /subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-ml/providers/Microsoft.ContainerRegistry/registries/acrmlprod\n` +
        '    or update the plan: Remove AcrPull for uai-train on acrmlprod from the plan.',
    );
    expect(text).toMatch(/In reality, not declared in the plan \(drift\) \(\d+\):/);
    expect(text).toContain(
      `  Storage Blob Data Contributor for uai-train on stmlprod\n    make reality match: az role assignment delete --assignee-object-id ${UAI} --role "Storage Blob Data Contributor" --scope `,
    );
    expect(text).toContain('    or update the plan: Declare Storage Blob Data Contributor for uai-train on stmlprod in the plan.');
    expect(text).toMatch(/Automatic grants Azure ML should have made, absent \(\d+\):\n {2}.*\n.*\n.*\n/);
    expect(text).toContain('AcrPull for ws-prod/onlineEndpoints/ep-churn on acrmlprod');
    expect(text).toContain(
      'Identities configured otherwise (1):\n  compute cpu-cluster: planned system-assigned, actual user-assigned uai-train\n' +
        '    make reality match: Set the identity of compute cpu-cluster to system-assigned',
    );
    expect(text).toContain('    or update the plan: Set the identity of cpu-cluster in the plan to user-assigned uai-train.');
    expect(text).toMatch(/cpu-cluster pulls images from acrmlprod: .*planned as the system-assigned identity of cpu-cluster, actual as uai-train/);
    // Alice's grant is in both: never reported. Grants on scopes the plan does not declare are not drift either.
    expect(text).not.toContain('AzureML Data Scientist for alice');
  });

  it('writes the Markdown summary and the JSON shape', async () => {
    const m = capturingIo();
    expect(await run(['diff', '--plan', PLAN, '--', collected, '--format', 'markdown'], m.io)).toBe(1);
    expect(m.stdout()).toMatch(/^## Plan versus reality\n\n\*\*1 declared grant\(s\) absent, \d+ undeclared grant\(s\), \d+ automatic grant\(s\) absent, 1 identity differ, \d+ path\(s\) differ\*\*\n/);
    expect(m.stdout()).toContain('### Declared in the plan, absent in reality (1)\n\n- AcrPull for uai-train on acrmlprod\n  - make reality match: `az role assignment create');
    const j = capturingIo();
    expect(await run(['diff', '--plan', PLAN, '--', collected, '--format', 'json'], j.io)).toBe(1);
    const json = JSON.parse(j.stdout());
    expect(Object.keys(json)).toEqual(['version', 'plan', 'reality', 'declaredMissing', 'undeclared', 'automaticMissing', 'identities', 'paths', 'summary']);
    expect(json.declaredMissing[0]).toMatchObject({ roleName: 'AcrPull', principalName: 'uai-train', fix: { plan: 'Remove AcrPull for uai-train on acrmlprod from the plan.' } });
  });

  it('says the plan matches and exits 0 when reality is compared with itself', async () => {
    const m = capturingIo();
    expect(await run(['diff', '--plan', collected, '--', collected], m.io)).toBe(0);
    expect(m.stdout()).toBe('The plan matches reality.\n');
  });

  it('exits 2 on usage errors', async () => {
    const m = capturingIo();
    expect(await run(['diff', '--plan', PLAN, '--', collected, '--fail-on-new', 'error'], m.io)).toBe(2);
    expect(m.stderr()).toContain('--fail-on-new does not apply with --plan');
    expect(await run(['diff', '--plan', PLAN], capturingIo().io)).toBe(2);
  });
});
