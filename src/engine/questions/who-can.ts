import { ACTIONS } from '../context/actions';
import type { AnalysisContext } from '../context/analysis-context';
import { isConfirmedFact } from '../context/sources';
import { scopeKey, systemIdentityId, type EntityId } from '../model/ids';
import type { Compute, Datastore, ManagedIdentitySetting, OnlineEndpoint } from '../model/types';
import type { Decision } from '../rbac/types';

/** How a route reaches the operation. */
export type RouteKind =
  | 'direct'
  | 'group'
  | 'inherited'
  | 'compute-identity'
  | 'datastore-credential'
  | 'endpoint-identity';

/** One step of a route, with the fact sheet entries it rests on and the RBAC decision where one decides it. */
export interface RouteStep {
  text: string;
  entity?: EntityId;
  facts?: string[];
  decision?: Decision;
}

/** One way a principal reaches the operation. `possible` when a step rests on something the estate cannot settle. */
export interface AccessRoute {
  principal: EntityId;
  kind: RouteKind;
  certainty: 'certain' | 'possible';
  steps: RouteStep[];
  /** For `possible` routes: what keeps it from being certain. */
  because?: string;
}

/** The answer to "who can do A on S?". */
export interface WhoCanAnswer {
  action: string;
  dataAction: boolean;
  scope: string;
  /** Every principal with at least one route, by name; each with its routes. */
  principals: { principal: EntityId; routes: AccessRoute[] }[];
  /** Principals a role would allow but a deny assignment blocks. */
  blocked: { principal: EntityId; decision: Decision }[];
}

interface Question {
  action: string;
  dataAction: boolean;
  scope: string;
}

function allPrincipals(context: AnalysisContext): EntityId[] {
  const { estate, rbac } = context;
  const ids = new Set<EntityId>();
  for (const list of [estate.users, estate.groups, estate.servicePrincipals, estate.userAssignedIdentities, estate.systemAssignedIdentities])
    for (const p of list) ids.add(p.id);
  for (const a of rbac.assignments) ids.add(a.principal);
  return [...ids];
}

const holds = (d: Decision) => d.effect !== 'denied';

function grantText(context: AnalysisContext, decision: Decision): string {
  const { rbac } = context;
  const grant = decision.grants[0];
  if (grant === undefined) return 'no grant';
  const via = grant.viaGroups.length > 0 ? ` through ${grant.viaGroups.map((g) => rbac.nameOf(g)).join(' > ')}` : '';
  return `${grant.roleName} on ${rbac.scopeLabel(grant.assignedScope)}${via}`;
}

// Direct, group and inherited routes: one per assignment that grants it.
function rbacRoutes(context: AnalysisContext, principal: EntityId, decision: Decision, q: Question): AccessRoute[] {
  const { rbac } = context;
  const at = scopeKey(q.scope);
  return decision.grants.map((grant) => {
    const inherited = scopeKey(grant.assignedScope) !== at;
    const kind: RouteKind = grant.viaGroups.length > 0 ? 'group' : inherited ? 'inherited' : 'direct';
    const steps: RouteStep[] = grant.viaGroups.map((group, i) => ({
      text: `${i === 0 ? rbac.nameOf(principal) : rbac.nameOf(grant.viaGroups[i - 1] as EntityId)} is a member of ${rbac.nameOf(group)}`,
      entity: group,
    }));
    steps.push({
      text: `${rbac.nameOf(grant.viaGroups.at(-1) ?? principal)} holds ${grant.roleName} on ${rbac.scopeLabel(grant.assignedScope)}${inherited ? `, inherited by ${rbac.scopeLabel(q.scope)}` : ''} (pattern ${grant.matchedPattern})`,
      decision,
    });
    const conditional = grant.condition !== undefined && grant.conditionVerdict?.outcome !== 'holds';
    const route: AccessRoute = { principal, kind, certainty: conditional || decision.effect !== 'allowed' ? 'possible' : 'certain', steps };
    if (route.certainty === 'possible') route.because = conditional ? 'the grant carries an ABAC condition this question does not settle' : 'a deny assignment with an undecided condition may block it';
    return route;
  });
}

function identitiesOf(owner: EntityId, setting: ManagedIdentitySetting): EntityId[] {
  return [...(setting.system ? [systemIdentityId(owner)] : []), ...setting.userAssigned];
}

// A fact the route cites that the fact sheet leaves unconfirmed makes the route only possible.
function certaintyOf(facts: readonly string[], alsoPossible: string | undefined): Pick<AccessRoute, 'certainty' | 'because'> {
  const unconfirmed = facts.filter((f) => !isConfirmedFact(f));
  if (unconfirmed.length > 0) return { certainty: 'possible', because: `it rests on unconfirmed fact ${unconfirmed.join(', ')}` };
  if (alsoPossible !== undefined) return { certainty: 'possible', because: alsoPossible };
  return { certainty: 'certain' };
}

function computeRoutes(context: AnalysisContext, q: Question, principals: readonly EntityId[], compute: Compute): AccessRoute[] {
  const { rbac, topology } = context;
  const workspace = topology.getOfKind(compute.workspace, 'workspace');
  if (workspace === undefined) return [];
  const routes: AccessRoute[] = [];
  const facts = compute.computeType === 'kubernetes' ? ['R51', 'R33', 'R48', 'R28'] : ['R51', 'R48', 'R27', 'R28'];
  for (const identity of identitiesOf(compute.id, compute.identity)) {
    const reach = context.can(identity, q.action, q.scope, q.dataAction);
    if (!holds(reach)) continue;
    for (const principal of principals) {
      if (principal === identity || !context.mayGrant(principal, ACTIONS.jobsWrite, workspace.armId)) continue;
      const submit = context.can(principal, ACTIONS.jobsWrite, workspace.armId);
      if (!holds(submit)) continue;
      // A compute instance belongs to its assigned user; whether others may run jobs on it the fact sheet does not say.
      const instanceOfOther = compute.computeType === 'computeinstance' && compute.assignedUser !== principal;
      const open = submit.effect !== 'allowed' || reach.effect !== 'allowed' ? 'a condition on one of the grants is undecided' : undefined;
      routes.push({
        principal,
        kind: 'compute-identity',
        ...certaintyOf(facts, instanceOfOther ? `${compute.name} is a compute instance assigned to another user` : open),
        steps: [
          { text: `${rbac.nameOf(principal)} may submit jobs to ${workspace.name} (${grantText(context, submit)})`, entity: workspace.id, facts: ['R51'], decision: submit },
          {
            text: `a job on ${compute.name} that sets identity type managed (with the client id of ${rbac.nameOf(identity)}) runs as ${rbac.nameOf(identity)}, and its code can take that identity's tokens`,
            entity: compute.id,
            facts: facts.slice(1),
          },
          { text: `${rbac.nameOf(identity)} may do ${q.action} on ${rbac.scopeLabel(q.scope)} (${grantText(context, reach)})`, entity: identity, decision: reach },
        ],
      });
    }
  }
  return routes;
}

const STORED_SECRETS = new Set(['account_key', 'sas', 'service_principal', 'certificate']);

function datastoreRoutes(context: AnalysisContext, q: Question, principals: readonly EntityId[], datastore: Datastore): AccessRoute[] {
  const { rbac, topology } = context;
  if (!STORED_SECRETS.has(datastore.credentialKind) || !q.dataAction) return [];
  const account = topology.getOfKind(datastore.storageAccount, 'storageAccount');
  if (account === undefined) return [];
  const at = scopeKey(q.scope);
  const accountKey = scopeKey(account.armId);
  if (at !== accountKey && !at.startsWith(`${accountKey}/`)) return [];

  // What the stored secret reaches: an account key all of the account's data, a SAS whatever it was made for,
  // a service principal what RBAC gives it.
  let reach: { text: string; decision?: Decision; possible?: string } | undefined;
  if (datastore.credentialKind === 'account_key' || datastore.credentialKind === 'sas') {
    if (!account.allowSharedKeyAccess) return []; // R43: the account refuses keys and SAS tokens.
    reach =
      datastore.credentialKind === 'account_key'
        ? { text: `the account key of ${account.name} opens every container of it` }
        : { text: `a SAS token for ${account.name} opens what it was issued for`, possible: 'the estate does not hold the SAS token permissions, containers or expiry' };
  } else if (datastore.credentialPrincipal !== undefined) {
    const decision = context.can(datastore.credentialPrincipal, q.action, q.scope, true);
    if (!holds(decision)) return [];
    reach = { text: `${rbac.nameOf(datastore.credentialPrincipal)}, whose secret it is, may do ${q.action} (${grantText(context, decision)})`, decision };
  }
  if (reach === undefined) return [];

  const routes: AccessRoute[] = [];
  for (const principal of principals) {
    if (!context.mayGrant(principal, ACTIONS.datastoreListSecrets, datastore.armId)) continue;
    const list = context.can(principal, ACTIONS.datastoreListSecrets, datastore.armId);
    if (!holds(list)) continue;
    const facts = ['R37', 'R42'];
    routes.push({
      principal,
      kind: 'datastore-credential',
      ...certaintyOf(facts, reach.possible ?? (list.effect !== 'allowed' ? 'a condition on the list-secrets grant is undecided' : undefined)),
      steps: [
        { text: `${rbac.nameOf(principal)} may read the secrets of datastore ${datastore.name} (${grantText(context, list)})`, entity: datastore.id, facts, decision: list },
        { text: `${datastore.name} stores ${datastore.credentialKind.replace('_', ' ')} credentials for ${account.name}; ${reach.text}`, entity: account.id, facts: ['R42'], ...(reach.decision ? { decision: reach.decision } : {}) },
      ],
    });
  }
  return routes;
}

// Who can make an endpoint run: aad_token callers need score/action (R69); a key or an aml_token is a
// credential of its own (R68), held by whoever may list the keys or ask for a token.
function callAction(endpoint: OnlineEndpoint): { action: string; how: string } {
  if (endpoint.authMode === 'aad_token') return { action: ACTIONS.endpointScore, how: 'may call it with an Entra token' };
  if (endpoint.authMode === 'key') return { action: ACTIONS.endpointListKeys, how: 'may read its keys and call it' };
  return { action: ACTIONS.endpointToken, how: 'may get an aml_token and call it' };
}

function endpointRoutes(context: AnalysisContext, q: Question, principals: readonly EntityId[], endpoint: OnlineEndpoint): AccessRoute[] {
  const { rbac } = context;
  const routes: AccessRoute[] = [];
  const { action, how } = callAction(endpoint);
  for (const identity of identitiesOf(endpoint.id, endpoint.identity)) {
    const reach = context.can(identity, q.action, q.scope, q.dataAction);
    if (!holds(reach)) continue;
    for (const principal of principals) {
      if (principal === identity || !context.mayGrant(principal, action, endpoint.armId)) continue;
      const call = context.can(principal, action, endpoint.armId);
      if (!holds(call)) continue;
      const facts = [endpoint.authMode === 'aad_token' ? 'R69' : 'R68', 'R70'];
      routes.push({
        principal,
        kind: 'endpoint-identity',
        // The caller reaches only what the deployed scoring code does with the identity.
        ...certaintyOf(facts, 'what the caller reaches depends on what the deployed scoring code does with the identity'),
        steps: [
          { text: `${rbac.nameOf(principal)} ${how} (${endpoint.name}, auth ${endpoint.authMode}; ${grantText(context, call)})`, entity: endpoint.id, facts: facts.slice(0, 1), decision: call },
          { text: `the deployments of ${endpoint.name} run as ${rbac.nameOf(identity)}`, entity: endpoint.id, facts: ['R70'] },
          { text: `${rbac.nameOf(identity)} may do ${q.action} on ${rbac.scopeLabel(q.scope)} (${grantText(context, reach)})`, entity: identity, decision: reach },
        ],
      });
    }
  }
  return routes;
}

/**
 * A datastore named as the scope ("who can read training_data") stands for what it points at: its container
 * in the storage account, or the account when it names no container. Undefined for anything else, or for a
 * datastore whose account the estate does not hold (its data cannot be placed: unknown, not nobody).
 */
function datastoreScope(context: AnalysisContext, ref: string): string | undefined {
  const wanted = ref.trim().toLowerCase();
  const datastore = context.estate.datastores.find((d) => d.name.toLowerCase() === wanted || d.id.toLowerCase() === wanted);
  const account = context.topology.getOfKind(datastore?.storageAccount, 'storageAccount');
  if (datastore === undefined || account === undefined) return undefined;
  return datastore.containerName ? `${account.armId}/blobServices/default/containers/${datastore.containerName}` : account.armId;
}

/**
 * Every principal that can do `action` at `scope`: directly, through nested groups, by inheritance, and with
 * `routes: 'all'` (the default) through Azure ML too: as the identity of a compute it may submit jobs to, with
 * the stored credential of a datastore whose secrets it may read, or as the identity of an online endpoint it
 * may call. Each route lists its steps with the facts (R-numbers) and decisions behind them; a route that
 * rests on an unconfirmed fact, an undecided condition or something the estate does not hold is `possible`.
 * Undefined when the scope is not in the estate.
 */
export function whoCan(
  context: AnalysisContext,
  question: { action: string; dataAction?: boolean; scope: string },
  options: { routes?: 'all' | 'direct' } = {},
): WhoCanAnswer | undefined {
  const scope = datastoreScope(context, question.scope) ?? context.rbac.resolveScope(question.scope);
  if (scope === undefined || !context.rbac.isKnownScope(scope)) return undefined;
  const q: Question = { action: question.action.trim(), dataAction: question.dataAction === true, scope };
  const principals = allPrincipals(context);
  const routes = new Map<EntityId, AccessRoute[]>();
  const add = (list: AccessRoute[]) => {
    for (const r of list) routes.set(r.principal, [...(routes.get(r.principal) ?? []), r]);
  };
  const blocked: WhoCanAnswer['blocked'] = [];
  for (const principal of principals) {
    if (!context.mayGrant(principal, q.action, scope, q.dataAction)) continue;
    const decision = context.can(principal, q.action, scope, q.dataAction);
    if (decision.deniedBy !== undefined) blocked.push({ principal, decision });
    else if (holds(decision)) add(rbacRoutes(context, principal, decision, q));
  }
  if (options.routes !== 'direct') {
    for (const compute of context.estate.computes) add(computeRoutes(context, q, principals, compute));
    for (const datastore of context.estate.datastores) add(datastoreRoutes(context, q, principals, datastore));
    for (const endpoint of context.estate.onlineEndpoints) add(endpointRoutes(context, q, principals, endpoint));
  }
  const name = (id: EntityId) => context.rbac.nameOf(id);
  return {
    action: q.action,
    dataAction: q.dataAction,
    scope,
    principals: [...routes.entries()].map(([principal, list]) => ({ principal, routes: list })).sort((a, b) => name(a.principal).localeCompare(name(b.principal))),
    blocked,
  };
}
