import { execFile } from 'node:child_process';
import { parseArgs } from 'node:util';
import { COLLECTION_MANIFEST_KIND, type CollectionManifest } from '../../engine';
import packageJson from '../../../package.json';
import type { CliIo } from '../io';
import { collect, type CollectScope } from './collector';
import { HttpClient, type Fetch } from './http';
import { FolderError, writeCollectionFolder } from './output';

export const COLLECT_USAGE = `aml-access-map collect -o <folder> [--subscription <id>]... [--management-group <name>] [--workspace <name|id>]...
                       [--concurrency <n>] [--quiet] [--arm-url <url>] [--graph-url <url>]

  Reads what the signed-in user may read of the estate (Resource Graph, ARM REST, Microsoft Graph) into a folder
  the other commands and the app read as one estate, with a manifest.json of what was read and what was not.
  Needs the az CLI, signed in (\`az login\`), or tokens in AML_ACCESS_MAP_ARM_TOKEN and AML_ACCESS_MAP_GRAPH_TOKEN.
  Never calls listKeys/listSecrets/listCredentials; credential fields are dropped before anything is written.
  Without --subscription or --management-group, every subscription the token sees is read.
  Exit codes: 0 complete, 3 partial (some scopes unreadable; see the manifest), 2 usage, 1 nothing readable.
`;

/** Exit codes of `collect` (docs/cli.md). */
export const COLLECT_EXIT = { complete: 0, nothingReadable: 1, usage: 2, partial: 3 } as const;

const OPTIONS = {
  subscription: { type: 'string', multiple: true },
  'management-group': { type: 'string' },
  workspace: { type: 'string', multiple: true },
  output: { type: 'string', short: 'o' },
  concurrency: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  'arm-url': { type: 'string' },
  'graph-url': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** What `collect` needs from the outside beyond the CLI's io; tests pass their own. */
export interface CollectDeps {
  env: Readonly<Record<string, string | undefined>>;
  fetch: Fetch;
  /** An access token for `resource` from the az CLI; rejects with az's message when there is none. */
  azToken: (resource: string) => Promise<string>;
  sleep: (ms: number) => Promise<void>;
  /** First backoff of a retried call; tests shorten it. */
  backoffMs?: number;
}

/** The real outside world: environment, Node's fetch, the az CLI. */
export const nodeCollectDeps: CollectDeps = {
  env: process.env,
  fetch: (url, init) => fetch(url, init),
  azToken: (resource) =>
    new Promise((resolve, reject) => {
      execFile('az', ['account', 'get-access-token', '--resource', resource, '--query', 'accessToken', '-o', 'tsv'], { timeout: 60_000, windowsHide: true }, (error, stdout, stderr) => {
        const token = stdout.trim();
        if (error || token === '') reject(new Error(firstLine(stderr) || (error as NodeJS.ErrnoException | null)?.code || 'no token'));
        else resolve(token);
      });
    }),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const firstLine = (text: string) => text.split('\n').find((line) => line.trim() !== '')?.trim().slice(0, 200) ?? '';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `collect`: reads the estate over HTTPS into a folder; see {@link COLLECT_USAGE}. */
export async function runCollect(argv: readonly string[], io: CliIo, deps: CollectDeps = nodeCollectDeps): Promise<number> {
  let values: ReturnType<typeof parse>;
  try {
    values = parse(argv);
  } catch (error) {
    io.stderr(`aml-access-map collect: ${(error as Error).message}\n`);
    return COLLECT_EXIT.usage;
  }
  if (values.help) {
    io.stdout(COLLECT_USAGE);
    return COLLECT_EXIT.complete;
  }
  const started = Date.now();
  const secrets: string[] = [];
  // Every line leaves through here: should a token ever reach a message, it is cut out.
  // (A string too short to be a token would cut ordinary words, so only token-length strings are looked for.)
  const scrub = (text: string) => secrets.reduce((t, secret) => (secret.length < 16 ? t : t.split(secret).join('<token>')), text);
  const say = (line: string) => io.stderr(`${scrub(line)}\n`);
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

  const armResource = `${values.armUrl}/`;
  const graphResource = `${values.graphUrl}/`;
  let armToken: string;
  try {
    armToken = await tokenFor('AML_ACCESS_MAP_ARM_TOKEN', armResource, deps);
  } catch (error) {
    say(`aml-access-map collect: no access token for ${armResource}: ${(error as Error).message}. Run \`az login\` (or set AML_ACCESS_MAP_ARM_TOKEN in CI)`);
    return COLLECT_EXIT.nothingReadable;
  }
  secrets.push(armToken);
  let graphToken: string | undefined;
  let graphUnavailable: string | undefined;
  try {
    graphToken = await tokenFor('AML_ACCESS_MAP_GRAPH_TOKEN', graphResource, deps);
    secrets.push(graphToken);
  } catch (error) {
    graphUnavailable = `no Microsoft Graph token (${(error as Error).message})`;
    say(`aml-access-map collect: ${graphUnavailable}; principals and group members are not read`);
  }

  const tokens = new Map<string, () => Promise<string>>([[new URL(values.armUrl).origin, async () => armToken]]);
  if (graphToken !== undefined) tokens.set(new URL(values.graphUrl).origin, async () => graphToken);
  const http = new HttpClient(
    { fetch: deps.fetch, concurrency: values.concurrency, maxAttempts: 5, backoffMs: deps.backoffMs ?? 500, maxWaitMs: 60_000, sleep: deps.sleep },
    tokens,
  );
  const collection = await collect(http, {
    armUrl: values.armUrl,
    graphUrl: values.graphUrl,
    scope: values.scope,
    ...(graphUnavailable !== undefined ? { graphUnavailable } : {}),
    progress: (line) => {
      if (!values.quiet) say(`[${elapsed()}] ${line} (${http.calls.length} call(s) made, ${http.pending} in flight or queued)`);
    },
    fault: (line) => say(`aml-access-map collect: ${line}`),
  });
  if (collection.reached.length === 0) {
    for (const u of collection.unreadable) say(`aml-access-map collect: cannot read ${u.what} at ${u.scope}: ${u.reason}`);
    say(`aml-access-map collect: nothing readable${collection.unreadable.length === 0 ? ': the token sees no subscription' : ''}; nothing was written`);
    return COLLECT_EXIT.nothingReadable;
  }
  collection.unreadable.sort((a, b) => a.scope.localeCompare(b.scope) || a.what.localeCompare(b.what));
  const files = new Map<string, string>();
  for (const [path, value] of collection.files) files.set(path, `${JSON.stringify(value, null, 2)}\n`);
  const manifest: CollectionManifest = {
    kind: COLLECTION_MANIFEST_KIND,
    version: 1,
    tool: { name: 'aml-access-map', version: packageJson.version },
    ...(collection.tenantId !== undefined ? { tenantId: collection.tenantId } : {}),
    collectedAt: new Date(started).toISOString(),
    scopes: { asked: collection.asked, reached: collection.reached, unreadable: collection.unreadable },
    exported: collection.exported,
    files: [...files.keys()].sort(),
    calls: http.calls,
  };
  files.set('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [path, text] of files) if (scrub(text) !== text) files.set(path, scrub(text));
  try {
    await writeCollectionFolder(values.output, files);
  } catch (error) {
    if (!(error instanceof FolderError)) throw error;
    say(`aml-access-map collect: ${error.message}`);
    return COLLECT_EXIT.usage;
  }
  const partial = collection.unreadable.length > 0;
  for (const u of collection.unreadable) say(`aml-access-map collect: cannot read ${u.what} at ${u.scope}: ${u.reason}`);
  if (!values.quiet || partial)
    say(
      `aml-access-map collect: wrote ${files.size} file(s) to ${values.output} in ${elapsed()} (${http.calls.length} call(s), ${collection.redacted} credential field(s) dropped)` +
        (partial ? `; partial: ${collection.unreadable.length} part(s) unreadable (see manifest.json)` : ''),
    );
  return partial ? COLLECT_EXIT.partial : COLLECT_EXIT.complete;
}

async function tokenFor(variable: string, resource: string, deps: CollectDeps): Promise<string> {
  const fromEnv = deps.env[variable]?.trim();
  if (fromEnv) return fromEnv;
  return deps.azToken(resource);
}

function parse(argv: readonly string[]) {
  const { values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  if (values.help) return { help: true as const };
  if (positionals.length > 0) throw new Error(`collect takes no files (found "${positionals[0]}"); use -o <folder> for the output`);
  if (values.output === undefined || values.output.trim() === '') throw new Error('collect needs -o <folder> for the output');
  const subscriptions = (values.subscription ?? []).map((s) => s.trim().replace(/^\/subscriptions\//i, ''));
  for (const s of subscriptions) if (!GUID.test(s)) throw new Error(`--subscription takes a subscription id (a GUID), not "${s}"`);
  if (subscriptions.length > 0 && values['management-group'] !== undefined) throw new Error('give --subscription or --management-group, not both');
  const group = values['management-group']?.trim();
  if (group !== undefined && !/^[\w().-]{1,90}$/.test(group)) throw new Error(`--management-group takes a management group name (its id), not "${group}"`);
  const concurrency = values.concurrency === undefined ? 8 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new Error(`--concurrency takes a whole number from 1 to 64, not "${values.concurrency}"`);
  const url = (flag: string, value: string | undefined, fallback: string) => {
    const text = (value ?? fallback).replace(/\/+$/, '');
    let parsed: URL;
    try {
      parsed = new URL(text);
    } catch {
      throw new Error(`--${flag} takes a URL, not "${value}"`);
    }
    // Tokens go over HTTPS only; plain HTTP is for the recorded-response server on this machine.
    if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname)))
      throw new Error(`--${flag} must be an https URL (http only for 127.0.0.1), not "${value}"`);
    return text;
  };
  const scope: CollectScope = { subscriptions, workspaces: (values.workspace ?? []).map((w) => w.trim()).filter((w) => w !== '') };
  if (group !== undefined) scope.managementGroup = group;
  return {
    help: false as const,
    output: values.output,
    scope,
    concurrency,
    quiet: values.quiet === true,
    armUrl: url('arm-url', values['arm-url'], 'https://management.azure.com'),
    graphUrl: url('graph-url', values['graph-url'], 'https://graph.microsoft.com'),
  };
}
