import { ACTIONS } from '../../context/actions';
import type { EntityId } from '../../model/ids';
import type { OnlineEndpoint, Workspace } from '../../model/types';
import { parseSecretReference, type SecretReference } from '../../paths/secret-references';
import type { AccessPath } from '../../paths/types';
import type { Decision } from '../../rbac/types';
import type { RuleContext } from '../types';
import { pathPrincipals } from '../../paths/types';

/**
 * Helpers shared by the endpoint rules (areas endpoint-control, endpoint-data, endpoint-identity and secrets).
 * They live here rather than in rules/helpers.ts because no other area needs them.
 */

/** The endpoint a deployment path runs through (the resolver puts it first in `via`). */
export function endpointOfPath(context: RuleContext, path: AccessPath): OnlineEndpoint | undefined {
  return context.topology.getOfKind(path.via[0], 'onlineEndpoint');
}

/** How an endpoint's deployments authenticate: its system identity, a user-assigned one, or nothing. */
export function endpointIdentityKind(endpoint: OnlineEndpoint): 'system' | 'user' | 'none' {
  if (endpoint.identity.system) return 'system';
  return endpoint.identity.userAssigned.length > 0 ? 'user' : 'none';
}

/** A principal that creates an endpoint or one of its deployments, and what it creates. */
export interface EndpointCreator {
  principal: EntityId;
  endpoint: OnlineEndpoint;
  workspace: Workspace;
  /** Absent for the endpoint's own creator. */
  deployment?: { id: EntityId; name: string };
}

/** The endpoint's creator, then each deployment's creator, for every endpoint whose workspace is known. */
export function endpointCreators(context: RuleContext): EndpointCreator[] {
  const { topology } = context;
  const creators: EndpointCreator[] = [];
  for (const endpoint of context.estate.onlineEndpoints) {
    const workspace = topology.getOfKind(endpoint.workspace, 'workspace');
    if (!workspace) continue;
    if (endpoint.createdBy) creators.push({ principal: endpoint.createdBy, endpoint, workspace });
    for (const deployment of topology.deploymentsOf(endpoint.id)) {
      if (deployment.createdBy)
        creators.push({
          principal: deployment.createdBy,
          endpoint,
          workspace,
          deployment: { id: deployment.id, name: deployment.name },
        });
    }
  }
  return creators;
}

/** The id of the path that explains how `principal` manages or calls `endpoint`, when the resolver made one. */
export function endpointPathId(
  context: RuleContext,
  kind: 'endpoint-manage' | 'endpoint-invoke',
  principal: EntityId,
  endpoint: EntityId,
): string[] {
  const path = context.pathsTo(endpoint).find((p) => p.kind === kind && pathPrincipals(p).includes(principal));
  return path ? [path.id] : [];
}

/** Groups items by a string key, keeping first-seen order. */
export function groupBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** `a`, `a and b`, `a, b and c`. */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

/**
 * The environment variable and parsed reference behind a secret-injection path. The resolver makes one path per
 * variable and puts the variable last in the path id, so matching on the whole id is exact.
 */
export function secretReferenceOfPath(
  context: RuleContext,
  path: AccessPath,
): { variable: string; reference: SecretReference } | undefined {
  const deployment = context.topology.getOfKind(path.actor, 'onlineDeployment');
  if (!deployment) return undefined;
  for (const [variable, value] of Object.entries(deployment.environmentVariables)) {
    if (path.id !== `${path.kind}|${path.actor}|${String(path.target)}|${variable}`) continue;
    const reference = parseSecretReference(value);
    if (reference) return { variable, reference };
  }
  return undefined;
}

/** `API_KEY (secret openai-key)` or `AOAI (connection aoai)` for each path, joined. */
export function referencesText(context: RuleContext, paths: readonly AccessPath[]): string {
  return listText(
    paths.map((p) => {
      const found = secretReferenceOfPath(context, p);
      if (!found) return p.title;
      const { variable, reference } = found;
      return reference.kind === 'key-vault'
        ? `${variable} (secret ${reference.secret})`
        : `${variable} (connection ${reference.connection})`;
    }),
  );
}

/**
 * For a planned system-identity endpoint created with the enforce flag: the decision showing that its creator may
 * not read connection secrets, in which case Azure ML rejects the endpoint (R77) and the secrets grant it would
 * have made never happens. Undefined when that is not the situation, or the creator is unknown.
 */
export function creatorBlocksEnforcedEndpoint(
  context: RuleContext,
  endpoint: OnlineEndpoint,
): Decision | undefined {
  if (!endpoint.identity.system || !endpoint.enforceAccessToDefaultSecretStores || !endpoint.createdBy)
    return undefined;
  const workspace = context.topology.getOfKind(endpoint.workspace, 'workspace');
  if (!workspace) return undefined;
  const decision = context.can(endpoint.createdBy, ACTIONS.connectionListSecrets, workspace.armId);
  return decision.allowed || decision.unknown?.principal !== undefined ? undefined : decision;
}

/**
 * Opens a message with a capital where the principal description starts with an article ("the system-assigned
 * identity of ..."); names such as `alice@contoso.com` or `uai-ep` are left exactly as written.
 */
export function sentence(text: string): string {
  return text.startsWith('the ') ? `The ${text.slice(4)}` : text;
}
