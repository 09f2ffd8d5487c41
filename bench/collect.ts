// The collection benchmark row (`npm run bench -- --collect`, or alone: `tsx bench/collect.ts [M|tiny]`):
// `aml-access-map collect` against a recorded tenant of the M tier's size served from 127.0.0.1, against the floor,
// which is the time the same server needs to serve the same requests' bytes to a bare client that knows every
// request in advance (no paging chain, no parsing, no writing), both at 8 concurrent requests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { startRecordedServer, type RecordedServer } from '../src/cli/collect/test-server';
import { sizedTenant, TENANT_SIZES } from '../src/cli/collect/test-sized-tenant';
import type { CliIo } from '../src/cli/io';

export const COLLECT_TARGET = 3;
const CONCURRENCY = 8;
const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.bench-token.c2lnbmF0dXJl';

export interface CollectBench {
  size: keyof typeof TENANT_SIZES;
  requests: number;
  megabytes: number;
  collectMs: number;
  floorMs: number;
  ratio: number;
  exitCode: number;
}

const silent = (): CliIo => ({
  readText: () => Promise.reject(new Error('unused')),
  listFolder: async () => undefined,
  writeText: async () => undefined,
  writeFiles: async () => undefined,
  stdout: () => undefined,
  stderr: () => undefined,
});

/** Fetches every request at most `concurrency` at a time, reading each body: what serving the bytes costs. */
async function floor(requests: { base: string; method: string; url: string; body: string }[], concurrency: number): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests.length) {
        const r = requests[next++] as (typeof requests)[number];
        await (await fetch(`${r.base}${r.url}`, { method: r.method, ...(r.method === 'POST' ? { body: r.body } : {}), headers: { authorization: `Bearer ${TOKEN}` } })).text();
      }
    }),
  );
  return performance.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** The CLI's collect, loaded once the `?raw` hooks are in place (tsx alone does not know Vite's `?raw`). */
async function loadCollect() {
  register('./raw-hooks.mjs', import.meta.url);
  return (await import('../src/cli/collect/command')).runCollect;
}

/** Collects the tenant `repeats` times and measures the floor as often; medians of both. */
export async function benchCollect(size: keyof typeof TENANT_SIZES = 'M', repeats = 3): Promise<CollectBench> {
  const runCollect = await loadCollect();
  const tenant = sizedTenant(TENANT_SIZES[size]);
  const servers: RecordedServer[] = [await startRecordedServer(tenant.arm), await startRecordedServer(tenant.graph)];
  const [arm, graph] = servers as [RecordedServer, RecordedServer];
  const work = await mkdtemp(join(tmpdir(), 'aml-collect-bench-'));
  try {
    const collects: number[] = [];
    const floors: number[] = [];
    let exitCode = -1;
    let requests: { base: string; method: string; url: string; body: string }[] = [];
    let bytes = 0;
    for (let i = 0; i <= repeats; i++) {
      arm.requests.length = 0;
      graph.requests.length = 0;
      const servedBefore = arm.servedBytes + graph.servedBytes;
      const started = performance.now();
      exitCode = await runCollect(
        ['-o', join(work, `estate-${i}`), '--quiet', '--concurrency', String(CONCURRENCY), '--arm-url', arm.base, '--graph-url', graph.base],
        silent(),
        { env: { AML_ACCESS_MAP_ARM_TOKEN: TOKEN, AML_ACCESS_MAP_GRAPH_TOKEN: TOKEN }, fetch: (url, init) => fetch(url, init), azToken: () => Promise.reject(new Error('unused')), sleep: async () => undefined },
      );
      const elapsed = performance.now() - started;
      bytes = arm.servedBytes + graph.servedBytes - servedBefore;
      requests = [...arm.requests.map((r) => ({ base: arm.base, ...r })), ...graph.requests.map((r) => ({ base: graph.base, ...r }))];
      const floorMs = await floor(requests, CONCURRENCY);
      // The first round warms the JIT and the sockets; it is not counted.
      if (i > 0) {
        collects.push(elapsed);
        floors.push(floorMs);
      }
    }
    const collectMs = median(collects);
    const floorMs = median(floors);
    return { size, requests: requests.length, megabytes: bytes / 1e6, collectMs, floorMs, ratio: collectMs / floorMs, exitCode };
  } finally {
    await Promise.all(servers.map((s) => s.close()));
    await rm(work, { recursive: true, force: true });
  }
}

/** The bench table's row. */
export function collectRow(b: CollectBench): [string, string, string, string] {
  return [
    `collect from a recorded ${b.size} tenant (${b.requests} requests, ${b.megabytes.toFixed(1)} MB, ${CONCURRENCY} concurrent)`,
    `${b.collectMs.toFixed(0)} ms vs serving floor ${b.floorMs.toFixed(0)} ms = ${b.ratio.toFixed(2)}×${b.exitCode === 0 ? '' : `; exit ${b.exitCode}`}`,
    `≤ ${COLLECT_TARGET}× floor`,
    b.ratio <= COLLECT_TARGET && b.exitCode === 0 ? 'met' : 'MISSED',
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const size = (process.argv[2] ?? 'M') as keyof typeof TENANT_SIZES;
  const result = await benchCollect(size);
  console.log(JSON.stringify(result, null, 2));
  console.log(collectRow(result).join(' | '));
}
