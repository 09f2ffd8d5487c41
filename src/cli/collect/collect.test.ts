import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeIo, type CliIo } from '../io';
import { run } from '../run';
import { runCollect, type CollectDeps } from './command';
import { startRecordedServer, type RecordedServer } from './test-server';
import { emptyTenant, PLANTED_SECRETS, smallTenant, SUB_A, SUB_B, TENANT } from './test-tenant';

const ARM_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.arm-token-under-test.c2lnbmF0dXJlLWFybQ';
const GRAPH_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.graph-token-under-test.c2lnbmF0dXJlLWdyYXBo';

/** The real file system, with the two streams captured. */
function capturingIo(): { io: CliIo; stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { ...nodeIo, stdout: (t) => out.push(t), stderr: (t) => err.push(t) }, stdout: () => out.join(''), stderr: () => err.join('') };
}

async function filesUnder(folder: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(folder, path).split('\\').join('/')] = await readFile(path, 'utf8');
  }
  return files;
}

let arm: RecordedServer;
let graph: RecordedServer;
let work: string;
let waits: number[];

async function serve(tenant: ReturnType<typeof smallTenant>): Promise<void> {
  arm = await startRecordedServer(tenant.arm);
  graph = await startRecordedServer(tenant.graph);
}

function deps(overrides: Partial<CollectDeps> = {}): CollectDeps {
  return {
    env: { AML_ACCESS_MAP_ARM_TOKEN: ARM_TOKEN, AML_ACCESS_MAP_GRAPH_TOKEN: GRAPH_TOKEN },
    fetch: (url, init) => fetch(url, init),
    azToken: () => Promise.reject(new Error('az is not called when the environment has tokens')),
    sleep: async (ms) => {
      waits.push(ms);
    },
    backoffMs: 1,
    ...overrides,
  };
}

const urls = () => ['--arm-url', arm.base, '--graph-url', graph.base];

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'aml-collect-'));
  waits = [];
});

afterEach(async () => {
  await arm?.close();
  await graph?.close();
  await rm(work, { recursive: true, force: true });
});

describe('aml-access-map collect against recorded responses', () => {
  it('collects every visible subscription into a folder with a manifest, and exits 3 for the unreadable parts', async () => {
    await serve(smallTenant());
    const out = join(work, 'estate');
    const m = capturingIo();
    expect(await runCollect(['-o', out, ...urls()], m.io, deps())).toBe(3);

    const files = await filesUnder(out);
    expect(Object.keys(files).sort()).toEqual([
      `arm/${SUB_A}/rg-ml/ws-prod/workspace.json`,
      `arm/${SUB_A}/role-assignments.json`,
      'graph/directory.json',
      'graph/group-eeeeeeee-0000-4000-8000-000000000001.json',
      'manifest.json',
      'resource-graph/containers.json',
      'resource-graph/resources.json',
    ]);
    const manifest = JSON.parse(files['manifest.json'] ?? '{}');
    expect(manifest).toMatchObject({ kind: 'aml-access-map/collection', version: 1, tenantId: TENANT, tool: { name: 'aml-access-map' } });
    expect(manifest.scopes.asked).toEqual(['tenant']);
    expect(manifest.scopes.reached).toEqual([`/subscriptions/${SUB_A}`]);
    expect(manifest.scopes.unreadable).toEqual([
      { scope: `/subscriptions/${SUB_A}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws-prod`, what: 'connections', reason: expect.stringMatching(/^malformed JSON/) },
      { scope: `/subscriptions/${SUB_B}`, what: 'everything', reason: '403 AuthorizationFailed' },
    ]);
    expect(manifest.exported).toEqual(['role-assignments', 'identities']);
    expect(Date.parse(manifest.collectedAt)).not.toBeNaN();

    // Paging: both pages of the subscriptions, the assignments, the resources and the group members were read.
    const assignments = JSON.parse(files[`arm/${SUB_A}/role-assignments.json`] ?? '{}');
    expect(assignments.value).toHaveLength(7);
    expect(JSON.parse(files['resource-graph/resources.json'] ?? '{}').data.map((r: { name: string }) => r.name)).toEqual([
      'stmlprod',
      'kv-ml-prod',
      'acrmlprod',
      'ai-ml-prod',
      'uai-train',
    ]);
    expect(JSON.parse(files['graph/group-eeeeeeee-0000-4000-8000-000000000001.json'] ?? '[]')).toHaveLength(2);
    // The 429 was waited out as its Retry-After said; the 500 was retried.
    expect(waits).toContain(1000);
    const computeCalls = manifest.calls.filter((c: { url: string }) => c.url.includes('/computes?'));
    expect(computeCalls).toEqual([expect.objectContaining({ outcome: 'ok', attempts: 2, status: 200 })]);
    expect(manifest.calls.find((c: { url: string }) => c.url.includes('/connections?'))).toMatchObject({ outcome: 'malformed' });
    // The malformed body is one line on stderr, with its URL.
    expect(m.stderr()).toMatch(/connections at \S+ws-prod: malformed JSON .*\(http:\/\/127\.0\.0\.1:\d+\/subscriptions\/.*\/connections\?api-version=2024-10-01\)/);
  });

  it('never calls a list* action, sends each token only to its own service, and writes no token or secret anywhere', async () => {
    await serve(smallTenant());
    const out = join(work, 'estate');
    const m = capturingIo();
    await runCollect(['-o', out, ...urls()], m.io, deps());
    const requests = [...arm.requests, ...graph.requests];
    expect(requests.length).toBeGreaterThan(15);
    for (const request of requests) expect(request.url.split('?')[0]).not.toMatch(/\/list[A-Z]|listkeys|listsecrets|listcredentials/i);
    expect(arm.requests.every((r) => r.headers.authorization === `Bearer ${ARM_TOKEN}`)).toBe(true);
    expect(graph.requests.every((r) => r.headers.authorization === `Bearer ${GRAPH_TOKEN}`)).toBe(true);
    const everything = [...Object.values(await filesUnder(out)), m.stdout(), m.stderr()].join('\n');
    for (const secret of [ARM_TOKEN, GRAPH_TOKEN, 'arm-token-under-test', 'graph-token-under-test', ...PLANTED_SECRETS]) expect(everything).not.toContain(secret);
    // The datastore kept what kind of credential it uses.
    expect(everything).toContain('"credentialsType": "AccountKey"');
  });

  it('reads back through the CLI as one estate: grants judged, findings located in the collected files', async () => {
    await serve(smallTenant());
    const out = join(work, 'estate');
    await runCollect(['-o', out, '--quiet', ...urls()], capturingIo().io, deps());
    const m = capturingIo();
    const code = await run(['check', out, '--format', 'json'], m.io);
    expect(m.stderr()).not.toMatch(/error:/);
    expect([0, 1]).toContain(code);
    const report = JSON.parse(m.stdout());
    const rules = report.findings.map((f: { ruleId: string }) => f.ruleId);
    // The endpoint's AcrPull, which Azure ML grants by itself, is absent from the exported assignments.
    expect(rules).toContain('AML-EPI-002');
    expect(rules).toContain('AML-ACR-004');
    expect(m.stdout()).toContain('alice@contoso.example');
    const validate = capturingIo();
    expect(await run(['validate', out], validate.io)).toBe(0);
    expect(validate.stdout()).toMatch(/1 workspace, 1 compute, 1 endpoint, 1 datastore, 0 jobs, \d+ principals, 7 role assignments/);
    // The manifest tells the analysis grants were exported, and which scope was not readable.
    expect(validate.stderr() + validate.stdout()).not.toContain('no role assignments are in this import');
    expect(validate.stderr()).toContain(`could not read everything at /subscriptions/${SUB_B} (403 AuthorizationFailed)`);
  });

  it('replaces a previous collection whole and leaves no staging folder behind', async () => {
    await serve(smallTenant());
    const out = join(work, 'estate');
    await runCollect(['-o', out, '--quiet', ...urls()], capturingIo().io, deps());
    await writeFile(join(out, 'stale.json'), '{}');
    await arm.close();
    await graph.close();
    await serve(smallTenant());
    await runCollect(['-o', out, '--quiet', ...urls()], capturingIo().io, deps());
    expect(Object.keys(await filesUnder(out))).not.toContain('stale.json');
    expect(await readdir(work)).toEqual(['estate']);
  });

  it('refuses to replace a folder that is not a collection', async () => {
    await serve(smallTenant());
    const out = join(work, 'project');
    await mkdir(out);
    await writeFile(join(out, 'main.bicep'), 'resource x');
    const m = capturingIo();
    expect(await runCollect(['-o', out, '--quiet', ...urls()], m.io, deps())).toBe(2);
    expect(m.stderr()).toContain('holds files but no manifest.json');
    expect(await readdir(out)).toEqual(['main.bicep']);
  });

  it('reads only the subscriptions asked for; exits 1 with nothing written when none is readable', async () => {
    await serve(smallTenant());
    const only = join(work, 'a');
    expect(await runCollect(['-o', only, '--subscription', SUB_A, '--quiet', ...urls()], capturingIo().io, deps())).toBe(3);
    const manifest = JSON.parse(await readFile(join(only, 'manifest.json'), 'utf8'));
    expect(manifest.scopes.asked).toEqual([`/subscriptions/${SUB_A}`]);
    expect(arm.requests.some((r) => r.url.includes(SUB_B))).toBe(false);

    const denied = join(work, 'b');
    const m = capturingIo();
    expect(await runCollect(['-o', denied, '--subscription', SUB_B, ...urls()], m.io, deps())).toBe(1);
    expect(m.stderr()).toContain(`cannot read everything at /subscriptions/${SUB_B}: 403 AuthorizationFailed`);
    expect(await readdir(work)).toEqual(['a']);
  });

  it('reads a management group through Resource Graph, and narrows Azure ML to the workspaces asked for', async () => {
    await serve(smallTenant());
    const out = join(work, 'mg');
    const m = capturingIo();
    expect(await runCollect(['-o', out, '--management-group', 'mg-ml', '--workspace', 'ws-other', ...urls()], m.io, deps())).toBe(0);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.scopes.asked).toEqual(['/providers/Microsoft.Management/managementGroups/mg-ml']);
    expect(manifest.scopes.reached).toEqual(['/providers/Microsoft.Management/managementGroups/mg-ml', `/subscriptions/${SUB_A}`]);
    const graphQueries = arm.requests.filter((r) => r.url.startsWith('/providers/Microsoft.ResourceGraph/'));
    expect(graphQueries.map((r) => JSON.parse(r.body).managementGroups)).toEqual([['mg-ml'], ['mg-ml'], ['mg-ml']]);
    // ws-prod is not among the workspaces asked for: none of its children is read.
    expect(arm.requests.some((r) => r.url.includes('/workspaces/ws-prod/'))).toBe(false);
    expect(m.stderr()).toMatch(/\[\d+\.\d s\] reading .* \(\d+ call\(s\) made, \d+ in flight or queued\)/);
  });

  it('goes on through ARM when Resource Graph refuses, and says the resources were not read', async () => {
    const tenant = smallTenant();
    for (const key of [...tenant.arm.keys()]) if (key.includes('ResourceGraph')) tenant.arm.delete(key);
    tenant.arm.set('POST /providers/Microsoft.ResourceGraph/resources#resourcecontainers#', { status: 403, body: { error: { code: 'AuthorizationFailed', message: 'no' } } });
    await serve(tenant);
    const out = join(work, 'estate');
    expect(await runCollect(['-o', out, '--quiet', '--subscription', SUB_A, ...urls()], capturingIo().io, deps())).toBe(3);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.scopes.unreadable).toContainEqual({ scope: 'tenant', what: 'Resource Graph (resourcecontainers)', reason: '403 AuthorizationFailed' });
    expect(manifest.exported).toEqual(['role-assignments', 'identities']);
    expect(Object.keys(await filesUnder(out))).toContain(`arm/${SUB_A}/role-assignments.json`);
  });

  it('exits 1 for an empty tenant and writes nothing', async () => {
    await serve(emptyTenant());
    const m = capturingIo();
    expect(await runCollect(['-o', join(work, 'estate'), ...urls()], m.io, deps())).toBe(1);
    expect(m.stderr()).toContain('nothing readable: the token sees no subscription');
    expect(await readdir(work)).toEqual([]);
  });

  it('gets tokens from the az CLI when the environment has none, and says so when az cannot give one', async () => {
    await serve(smallTenant());
    const asked: string[] = [];
    const azToken = async (resource: string) => {
      asked.push(resource);
      return resource.startsWith(arm.base) ? ARM_TOKEN : GRAPH_TOKEN;
    };
    expect(await runCollect(['-o', join(work, 'e'), '--quiet', ...urls()], capturingIo().io, deps({ env: {}, azToken }))).toBe(3);
    expect(asked).toEqual([`${arm.base}/`, `${graph.base}/`]);
    const m = capturingIo();
    const failing = () => Promise.reject(new Error("Please run 'az login' to setup account."));
    expect(await runCollect(['-o', join(work, 'f'), ...urls()], m.io, deps({ env: {}, azToken: failing }))).toBe(1);
    expect(m.stderr()).toContain("no access token for");
    expect(m.stderr()).toContain("Please run 'az login'");
  });

  it('exits 2 on usage errors before any call', async () => {
    await serve(smallTenant());
    const cases = [
      [],
      ['-o', join(work, 'x'), '--subscription', 'not-a-guid'],
      ['-o', join(work, 'x'), '--subscription', SUB_A, '--management-group', 'mg'],
      ['-o', join(work, 'x'), '--concurrency', '0'],
      ['-o', join(work, 'x'), '--arm-url', 'http://example.com'],
      ['-o', join(work, 'x'), 'extra.json'],
      ['-o', join(work, 'x'), '--bogus'],
    ];
    for (const argv of cases) {
      const m = capturingIo();
      expect(await runCollect(argv, m.io, deps()), argv.join(' ')).toBe(2);
      expect(m.stderr(), argv.join(' ')).toMatch(/^aml-access-map collect: /);
    }
    expect(arm.requests).toEqual([]);
  });
});

describe('a recorded tenant of the M tier', () => {
  it('collects completely and reads back as one estate', async () => {
    const { sizedTenant, TENANT_SIZES } = await import('./test-sized-tenant');
    await serve(sizedTenant(TENANT_SIZES.M));
    const out = join(work, 'estate');
    expect(await runCollect(['-o', out, '--quiet', ...urls()], capturingIo().io, deps())).toBe(0);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.scopes.reached).toHaveLength(5);
    expect(manifest.exported).toEqual(['role-assignments', 'resources', 'identities']);
    const m = capturingIo();
    expect(await run(['validate', out], m.io)).toBe(0);
    expect(m.stdout()).toMatch(/10 workspaces, 200 computes, 50 endpoints, 60 datastores, 0 jobs, \d+ principals, 4900 role assignments/);
  }, 60_000);
});
