import { dropCredentials, type CollectedFact, type UnreadableScope } from '../../engine';
import containersQuery from '../../../public/queries/containers.kql?raw';
import resourcesQuery from '../../../public/queries/resources.kql?raw';
import { API } from './api';
import type { CallResult, HttpClient } from './http';

/**
 * What `collect` reads, in order: the scopes (subscriptions asked, under a management group, or all the token
 * sees), the scope tree and the non-Azure-ML resources through Resource Graph, then per subscription through
 * ARM REST the role assignments (inherited ones included), custom role definitions, deny assignments and
 * Azure ML workspaces, per workspace its computes, online endpoints and their deployments, datastores and
 * connections, and last through Microsoft Graph the principals that hold roles and the transitive members of
 * the groups among them. Every response loses its credentials before it is kept.
 */


/** `$filter=type eq 'CustomRole'`, spelled as `fetch` sends it. */
const CUSTOM_ROLES = 'type%20eq%20%27CustomRole%27';

/** Rows of these types come from ARM REST (with their children), so Resource Graph's copies are left out. */
const ARM_REST_PROVIDER = 'microsoft.machinelearningservices/';

export interface CollectScope {
  subscriptions: string[];
  managementGroup?: string;
  /** Workspace names or ARM ids to narrow the Azure ML part to; empty for all. */
  workspaces: string[];
}

export interface CollectOptions {
  armUrl: string;
  graphUrl: string;
  scope: CollectScope;
  /** Why Microsoft Graph cannot be read (no token), when it cannot. */
  graphUnavailable?: string;
  progress: (line: string) => void;
  /** One line per fault (malformed body, failed call), with its URL. */
  fault: (line: string) => void;
}

/** The files of a collection (relative path → JSON value) and what the manifest says about them. */
export interface Collection {
  files: Map<string, unknown>;
  tenantId?: string;
  asked: string[];
  reached: string[];
  unreadable: UnreadableScope[];
  exported: CollectedFact[];
  redacted: number;
}

type Item = Record<string, unknown>;

const isItem = (value: unknown): value is Item => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Runs the collection; HTTP faults become `unreadable` entries, never exceptions. */
export async function collect(http: HttpClient, options: CollectOptions): Promise<Collection> {
  const arm = options.armUrl.replace(/\/+$/, '');
  const graph = options.graphUrl.replace(/\/+$/, '');
  const { scope } = options;
  const out: Collection = { files: new Map(), asked: [], reached: [], unreadable: [], exported: [], redacted: 0 };
  const unreadable = (at: string, what: string, result: Extract<CallResult, { ok: false }>, url: string) => {
    out.unreadable.push({ scope: at, what, reason: result.note });
    if (result.outcome !== 'forbidden' && result.outcome !== 'not-found') options.fault(`${what} at ${at}: ${result.note} (${url})`);
  };
  const clean = (items: Item[]): Item[] => {
    const { value, dropped } = dropCredentials(items);
    out.redacted += dropped;
    return value as Item[];
  };

  /** Every page of an ARM or Graph list (`nextLink` / `@odata.nextLink`); undefined when a page failed. */
  const list = async (url: string, at: string, what: string): Promise<Item[] | undefined> => {
    const items: Item[] = [];
    for (let next: string | undefined = url; next !== undefined; ) {
      const result = await http.json('GET', next);
      if (!result.ok) {
        unreadable(at, what, result, next);
        return undefined;
      }
      const page = result.body;
      if (!isItem(page) || !Array.isArray(page.value)) {
        unreadable(at, what, { ok: false, outcome: 'malformed', note: 'unexpected shape: no `value` list' }, next);
        markMalformed(http, next);
        return undefined;
      }
      items.push(...page.value.filter(isItem));
      const link = page.nextLink ?? page['@odata.nextLink'];
      next = typeof link === 'string' && link !== '' ? link : undefined;
    }
    return clean(items);
  };

  // 1. Scopes.
  let subscriptions: Item[] = [];
  if (scope.subscriptions.length > 0) {
    out.asked = scope.subscriptions.map((id) => `/subscriptions/${id}`);
    const found = await Promise.all(
      scope.subscriptions.map(async (id) => {
        const url = `${arm}/subscriptions/${id}?api-version=${API.subscriptions}`;
        const result = await http.json('GET', url);
        if (result.ok && isItem(result.body)) return result.body;
        if (!result.ok) unreadable(`/subscriptions/${id}`, 'everything', result, url);
        else unreadable(`/subscriptions/${id}`, 'everything', { ok: false, outcome: 'malformed', note: 'unexpected shape' }, url);
        return undefined;
      }),
    );
    subscriptions = found.filter((s): s is Item => s !== undefined);
  } else if (scope.managementGroup !== undefined) {
    out.asked = [`/providers/Microsoft.Management/managementGroups/${scope.managementGroup}`];
  } else {
    out.asked = ['tenant'];
    subscriptions = (await list(`${arm}/subscriptions?api-version=${API.subscriptions}`, 'tenant', 'subscriptions')) ?? [];
  }
  const tenantOf = subscriptions.find((s) => typeof s.tenantId === 'string')?.tenantId;
  if (typeof tenantOf === 'string') out.tenantId = tenantOf;

  // 2. Resource Graph: the scope tree, then the resources. A management group's subscriptions come from the tree.
  const graphScope =
    scope.managementGroup !== undefined
      ? { managementGroups: [scope.managementGroup] }
      : { subscriptions: subscriptions.map((s) => String(s.subscriptionId ?? '')).filter((id) => id !== '') };
  if (scope.managementGroup === undefined && graphScope.subscriptions?.length === 0) return out;
  options.progress(`reading the scope tree and resources through Resource Graph`);
  // Without the scope tree a management group has no subscriptions to read; subscriptions listed or asked for
  // are still read through ARM (their resource groups then known only by reference).
  const containers = await resourceGraph(http, arm, containersQuery, graphScope, out, options);
  if (containers === undefined && scope.managementGroup !== undefined) return out;
  if (containers !== undefined && scope.managementGroup !== undefined) {
    subscriptions = containers
      .filter((row) => String(row.type).toLowerCase() === 'microsoft.resources/subscriptions')
      .map((row) => ({ subscriptionId: row.subscriptionId, tenantId: row.tenantId }));
    const tenant = containers.find((row) => typeof row.tenantId === 'string' && row.tenantId !== '')?.tenantId;
    if (typeof tenant === 'string') out.tenantId = tenant;
    if (containers.length === 0) {
      out.unreadable.push({ scope: out.asked[0] ?? '', what: 'everything', reason: 'the management group shows no scope to this token' });
      return out;
    }
  }
  if (scope.managementGroup !== undefined) out.reached.push(out.asked[0] ?? '');
  if (subscriptions.length === 0 && scope.managementGroup === undefined) return out;
  if (containers !== undefined) out.files.set('resource-graph/containers.json', { data: clean(containers), count: containers.length });
  const resources = containers === undefined ? undefined : await resourceGraph(http, arm, resourcesQuery, graphScope, out, options);
  if (resources !== undefined) {
    const kept = resources.filter((row) => !String(row.type).toLowerCase().startsWith(ARM_REST_PROVIDER));
    out.files.set('resource-graph/resources.json', { data: clean(kept), count: kept.length });
  }

  // 3. ARM REST per subscription. A subscription is reached when any of its calls answered; what failed in it is
  // listed as unreadable there, so the analysis concludes nothing about that part of it.
  let grantsRead = false;
  let resourcesComplete = resources !== undefined;
  const assignments: Item[] = [];
  const workspaces: Item[] = [];
  await Promise.all(
    subscriptions.map(async (subscription) => {
      const id = String(subscription.subscriptionId);
      const at = `/subscriptions/${id}`;
      const auth = `${arm}${at}/providers/Microsoft.Authorization`;
      options.progress(`reading role assignments, role definitions, deny assignments and workspaces of ${at}`);
      const [grants, roles, denies, spaces] = await Promise.all([
        list(`${auth}/roleAssignments?api-version=${API.authorization}`, at, 'role assignments'),
        list(`${auth}/roleDefinitions?$filter=${CUSTOM_ROLES}&api-version=${API.authorization}`, at, 'role definitions'),
        list(`${auth}/denyAssignments?api-version=${API.authorization}`, at, 'deny assignments'),
        list(`${arm}${at}/providers/Microsoft.MachineLearningServices/workspaces?api-version=${API.machineLearning}`, at, 'Azure ML workspaces'),
      ]);
      if ([grants, roles, denies, spaces].some((part) => part !== undefined)) out.reached.push(at);
      if (spaces === undefined) resourcesComplete = false;
      if (grants) {
        grantsRead = true;
        assignments.push(...grants);
        out.files.set(`arm/${id}/role-assignments.json`, { value: grants });
      }
      if (roles && roles.length > 0) out.files.set(`arm/${id}/role-definitions.json`, { value: roles });
      if (denies && denies.length > 0) out.files.set(`arm/${id}/deny-assignments.json`, { value: denies });
      if (spaces) workspaces.push(...spaces.filter((ws) => wanted(ws, scope.workspaces)));
    }),
  );
  // A subscription none of whose calls answered is unreadable as a whole.
  for (const subscription of subscriptions) {
    const at = `/subscriptions/${String(subscription.subscriptionId)}`;
    if (!out.reached.includes(at)) {
      const reasons = out.unreadable.filter((u) => u.scope === at);
      out.unreadable = out.unreadable.filter((u) => u.scope !== at);
      out.unreadable.push({ scope: at, what: 'everything', reason: reasons[0]?.reason ?? 'no call answered' });
    }
  }

  // 4. Azure ML workspaces and what they hold.
  await Promise.all(
    workspaces.map(async (workspace) => {
      const wsId = String(workspace.id ?? '');
      const folder = `arm/${armPathFolder(wsId)}`;
      options.progress(`reading computes, endpoints, datastores and connections of ${String(workspace.name ?? wsId)}`);
      const children = (kind: string, what: string) => list(`${arm}${wsId}/${kind}?api-version=${API.machineLearning}`, wsId, what);
      const [computes, endpoints, datastores, connections] = await Promise.all([
        children('computes', 'computes'),
        children('onlineEndpoints', 'online endpoints'),
        children('datastores', 'datastores'),
        children('connections', 'connections'),
      ]);
      const deployments = await Promise.all(
        (endpoints ?? []).map((endpoint) =>
          list(`${arm}${String(endpoint.id)}/deployments?api-version=${API.machineLearning}`, String(endpoint.id), 'online deployments'),
        ),
      );
      if ([computes, endpoints, datastores, connections, ...deployments].some((part) => part === undefined)) resourcesComplete = false;
      const all = [workspace, ...(computes ?? []), ...(endpoints ?? []), ...deployments.flatMap((d) => d ?? []), ...(datastores ?? []), ...(connections ?? [])];
      out.files.set(`${folder}/workspace.json`, { value: all });
    }),
  );

  // 5. Microsoft Graph: who the role holders are, and the transitive members of the groups among them.
  const identitiesComplete = await collectDirectory(http, graph, assignments, out, list, clean, options);

  const seen = new Set<string>();
  for (const grant of assignments) seen.add(String(grant.id).toLowerCase());
  if (grantsRead) out.exported.push('role-assignments');
  if (resourcesComplete) out.exported.push('resources');
  if (identitiesComplete) out.exported.push('identities');
  options.progress(`${seen.size} role assignment(s), ${workspaces.length} workspace(s), ${out.files.size} file(s)`);
  return out;
}

/** A workspace's folder under `arm/`: `<subscription>/<resource group>/<workspace>`. */
function armPathFolder(id: string): string {
  const match = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/.*\/workspaces\/([^/]+)$/i.exec(id);
  return match ? `${match[1]}/${match[2]}/${match[3]}` : id.replace(/[^A-Za-z0-9._-]+/g, '_');
}

/** True when the workspace is among those asked for (by name or ARM id), or none were. */
function wanted(workspace: Item, asked: readonly string[]): boolean {
  if (asked.length === 0) return true;
  const name = String(workspace.name ?? '').toLowerCase();
  const id = String(workspace.id ?? '').toLowerCase();
  return asked.some((a) => a.toLowerCase() === name || a.toLowerCase() === id);
}

/** Marks the last record of `url` as malformed (a body that parsed but is not the documented shape). */
function markMalformed(http: HttpClient, url: string): void {
  const record = [...http.calls].reverse().find((call) => call.url === url);
  if (record) {
    record.outcome = 'malformed';
    record.note = 'unexpected shape';
  }
}

/** Runs one KQL query over every page (`$skipToken`); undefined when a page failed. */
async function resourceGraph(
  http: HttpClient,
  arm: string,
  query: string,
  scope: { subscriptions?: string[]; managementGroups?: string[] },
  out: Collection,
  options: CollectOptions,
): Promise<Item[] | undefined> {
  const url = `${arm}/providers/Microsoft.ResourceGraph/resources?api-version=${API.resourceGraph}`;
  const rows: Item[] = [];
  const what = `Resource Graph (${/^\s*(\w+)/m.exec(query.replace(/^\/\/.*$/gm, ''))?.[1] ?? 'query'})`;
  const at = scope.managementGroups?.[0] !== undefined ? `/providers/Microsoft.Management/managementGroups/${scope.managementGroups[0]}` : 'tenant';
  let skipToken: string | undefined;
  do {
    const body = { ...scope, query, options: { resultFormat: 'objectArray', $top: 1000, ...(skipToken !== undefined ? { $skipToken: skipToken } : {}) } };
    const result = await http.json('POST', url, body);
    if (!result.ok) {
      out.unreadable.push({ scope: at, what, reason: result.note });
      if (result.outcome !== 'forbidden') options.fault(`${what}: ${result.note} (${url})`);
      return undefined;
    }
    const page = result.body;
    if (!isItem(page) || !Array.isArray(page.data)) {
      out.unreadable.push({ scope: at, what, reason: 'unexpected shape: no `data` list' });
      options.fault(`${what}: unexpected shape: no \`data\` list (${url})`);
      markMalformed(http, url);
      return undefined;
    }
    rows.push(...page.data.filter(isItem));
    skipToken = typeof page.$skipToken === 'string' && page.$skipToken !== '' ? page.$skipToken : undefined;
  } while (skipToken !== undefined);
  return rows;
}

/** Graph takes at most 1000 ids per `getByIds` call. */
const GET_BY_IDS_BATCH = 1000;

async function collectDirectory(
  http: HttpClient,
  graph: string,
  assignments: readonly Item[],
  out: Collection,
  list: (url: string, at: string, what: string) => Promise<Item[] | undefined>,
  clean: (items: Item[]) => Item[],
  options: CollectOptions,
): Promise<boolean> {
  const ids = [...new Set(assignments.map((a) => (isItem(a.properties) ? a.properties.principalId : undefined)).filter((id): id is string => typeof id === 'string'))].sort();
  if (ids.length === 0) return true;
  if (options.graphUnavailable !== undefined) {
    out.unreadable.push({ scope: 'tenant', what: 'principals (Microsoft Graph)', reason: options.graphUnavailable });
    return false;
  }
  options.progress(`reading ${ids.length} principal(s) and their groups through Microsoft Graph`);
  let complete = true;
  const principals: Item[] = [];
  const url = `${graph}/v1.0/directoryObjects/getByIds`;
  for (let i = 0; i < ids.length; i += GET_BY_IDS_BATCH) {
    const result = await http.json('POST', url, { ids: ids.slice(i, i + GET_BY_IDS_BATCH), types: ['user', 'group', 'servicePrincipal'] });
    if (!result.ok || !isItem(result.body) || !Array.isArray(result.body.value)) {
      complete = false;
      out.unreadable.push({ scope: 'tenant', what: 'principals (Microsoft Graph)', reason: result.ok ? 'unexpected shape: no `value` list' : result.note });
      if (!result.ok && result.outcome === 'forbidden') continue;
      options.fault(`principals (Microsoft Graph): ${result.ok ? 'unexpected shape' : result.note} (${url})`);
      continue;
    }
    principals.push(...result.body.value.filter(isItem));
  }
  if (principals.length > 0) out.files.set('graph/directory.json', { value: clean(principals) });
  const groups = principals.filter((p) => String(p['@odata.type'] ?? '').toLowerCase().endsWith('.group'));
  await Promise.all(
    groups.map(async (group) => {
      const id = String(group.id);
      const members = await list(`${graph}/v1.0/groups/${id}/transitiveMembers`, `group ${id}`, 'group members (Microsoft Graph)');
      if (members === undefined) complete = false;
      // `group-<object id>.json` is how the az CLI reader knows which group a member list describes.
      else out.files.set(`graph/group-${id}.json`, members);
    }),
  );
  return complete;
}
