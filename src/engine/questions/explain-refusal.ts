import type { AnalysisContext } from '../context/analysis-context';
import { scopeKey, type EntityId } from '../model/ids';
import { resolvePaths } from '../paths';
import type { AccessPath } from '../paths/types';
import type { Decision } from '../rbac/types';
import { decodeRefusal, type DecodedRefusal } from './decode-text';
import { leastRole, type LeastRoleSuggestion } from './least-role';

/** A refusal read and matched against the estate. */
export interface ExplainedRefusal {
  refusal: DecodedRefusal;
  /** The principal the text names (or the one the caller supplied), resolved in the estate. */
  principal?: EntityId;
  /** The scope the refusal was about, as an ARM id (the narrowest one the text gives). */
  scope?: string;
  /** The estate's answer to the same question. */
  decision?: Decision;
  /** Access paths of the analysis that need exactly this permission of this principal. */
  paths: { id: string; title: string }[];
  /** The least built-in role that would allow it at the scope of the refusal. */
  leastRole?: LeastRoleSuggestion;
  /** Key Vault access-policy model: the permission an access policy must grant (roles do not apply). */
  accessPolicy?: { vault: EntityId; principal: EntityId; list: 'secrets' | 'keys' | 'certificates'; permission: string; granted: boolean };
  /** What the text leaves out and the answer therefore lacks, one sentence each. */
  missing: string[];
  /** Remarks: what the service's wording means, why the estate disagrees with the service, and so on. */
  notes: string[];
}

/** Either an explained refusal or the decoder's message saying which parts it found. */
export type RefusalAnswer = { ok: true; answer: ExplainedRefusal } | { ok: false; message: string; found: string[] };

function findByName<T extends { name: string }>(list: readonly T[], name: string | undefined): T | undefined {
  if (name === undefined) return undefined;
  const wanted = name.toLowerCase();
  return list.find((item) => item.name.toLowerCase() === wanted);
}

function resolveScope(context: AnalysisContext, refusal: DecodedRefusal): string | undefined {
  const { estate } = context;
  if (refusal.scope !== undefined) return refusal.scope;
  if (refusal.service === 'storage') {
    const account = findByName(estate.storageAccounts, refusal.resourceName);
    if (account === undefined) return undefined;
    return refusal.child === undefined ? account.armId : `${account.armId}/blobServices/default/containers/${refusal.child}`;
  }
  if (refusal.service === 'container-registry') {
    const name = refusal.resourceName;
    const registry = estate.containerRegistries.find(
      (r) => r.name.toLowerCase() === name || r.loginServer.toLowerCase() === `${name}.azurecr.io`,
    );
    return registry?.armId;
  }
  if (refusal.service === 'key-vault') return findByName(estate.keyVaults, refusal.resourceName)?.armId;
  return undefined;
}

// A merged caller or operator path acts as every principal it covers (paths/decision-shape.ts); any other path
// acts as its identity.
const actsAs = (path: AccessPath, principal: EntityId): boolean =>
  path.principals !== undefined ? path.principals.includes(principal) : path.identity.principal === principal;

// A path serves the refusal when its identity is the refused principal and one of its requirements is the
// refused operation at the refused scope, or at a scope that contains it (a container of the account).
function servingPaths(paths: readonly AccessPath[], principal: EntityId, action: string, scope: string): { id: string; title: string }[] {
  const key = scopeKey(scope);
  const wanted = action.toLowerCase();
  return paths
    .filter(
      (p) =>
        actsAs(p, principal) &&
        p.requirements.some((r) => {
          const at = scopeKey(r.scope);
          return r.action.toLowerCase() === wanted && (key === at || key.startsWith(`${at}/`) || at.startsWith(`${key}/`));
        }),
    )
    .map((p) => ({ id: p.id, title: p.title }));
}

/**
 * Reads an authorization failure (see {@link decodeRefusal}) and answers it from the estate: who was refused,
 * what, where, which access paths need that permission, what the estate's RBAC says about it with every
 * reason, and the least built-in role at the narrowest scope (the refusal's own) that would allow it. Under
 * a Key Vault access-policy model the answer is the access policy permission instead. `principal` stands in
 * for a caller the text does not name (Storage and ACR never print one); `paths` are the analysis's, when
 * the caller has them (they are resolved otherwise).
 */
export function explainRefusal(
  context: AnalysisContext,
  text: string,
  options: { principal?: string; paths?: readonly AccessPath[] } = {},
): RefusalAnswer {
  const decoded = decodeRefusal(text);
  if (!decoded.ok) return decoded;
  const { refusal } = decoded;
  const { rbac } = context;
  const answer: ExplainedRefusal = { refusal, paths: [], missing: [], notes: [...refusal.notes] };
  const paths = options.paths ?? resolvePaths(context);

  const named = [refusal.objectId, refusal.clientId].filter((ref): ref is string => ref !== undefined);
  let principal = named.map((ref) => rbac.resolvePrincipal(ref)).find((id) => id !== undefined);
  if (principal === undefined && options.principal !== undefined) {
    principal = rbac.resolvePrincipal(options.principal);
    if (principal === undefined) answer.missing.push(`No principal in the estate matches "${options.principal}".`);
  }
  if (principal !== undefined) answer.principal = principal;
  else if (named.length > 0) answer.missing.push(`The caller (${named.join(', ')}) is not a principal of the estate.`);
  else if (options.principal === undefined) answer.missing.push('The text names no caller; give the principal (--principal) to check it.');

  const scope = resolveScope(context, refusal);
  if (scope !== undefined) answer.scope = scope;
  else if (refusal.resourceName !== undefined) answer.missing.push(`The estate holds no resource named ${refusal.resourceName}.`);
  else answer.missing.push('The text names no scope or resource.');

  if (refusal.accessPolicy !== undefined) {
    const vault = findByName(context.estate.keyVaults, refusal.resourceName);
    if (vault !== undefined && principal !== undefined) {
      const holders = new Set<EntityId>([principal, ...rbac.groupsOf(principal).map((g) => g.group)]);
      const { list, permission } = refusal.accessPolicy;
      const granted = vault.accessPolicies
        .filter((p) => holders.has(p.principal))
        .some((p) => p[list].some((perm) => perm.toLowerCase() === permission || perm.toLowerCase() === 'all'));
      answer.accessPolicy = { vault: vault.id, principal, list, permission, granted };
      if (vault.enableRbacAuthorization)
        answer.notes.push(`The estate says ${vault.name} uses Azure RBAC, but the refusal is an access-policy one: the estate may be out of date.`);
    }
    answer.paths = principal === undefined ? [] : paths.filter((p) => actsAs(p, principal) && p.requirements.some((r) => r.accessPolicy?.vault === vault?.id)).map((p) => ({ id: p.id, title: p.title }));
    return { ok: true, answer };
  }

  if (refusal.action === undefined) answer.missing.push('The text does not say which operation was refused (no operation name, HTTP method or SDK call).');
  if (principal === undefined || scope === undefined || refusal.action === undefined) return { ok: true, answer };

  const dataAction = refusal.dataAction === true;
  answer.decision = context.can(principal, refusal.action, scopeKey(scope), dataAction);
  answer.paths = servingPaths(paths, principal, refusal.action, scope);
  const least = leastRole(principal, refusal.action, dataAction, scope);
  if (least !== undefined) answer.leastRole = least;
  if (answer.decision.allowed)
    answer.notes.push(
      'The estate allows this: the service may be refusing for another reason (a new assignment still propagating, a network rule, an ABAC condition on the request), or the estate is not what Azure holds.',
    );
  return { ok: true, answer };
}
