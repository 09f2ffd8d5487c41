// The estate translated into Cedar, so that the same questions can be put to Cedar's own authorizer.
// docs/performance.md explains the translation; in short:
//   - every principal and every group is an `Az::Principal`; a principal's parents are the groups that list it;
//   - every scope is an `Az::Scope` whose parent is its parent scope (tenant root `/` at the top);
//   - every role becomes one template per plane, `permit (principal in ?principal, action == Az::Action::"control"
//     | "data", resource in ?resource) when { <its Actions minus NotActions, as `like` tests on context.op> }`,
//     leaving out the permission blocks that carry their own ABAC condition;
//   - every unconditioned role assignment becomes a link of its role's template;
//   - every deny assignment becomes a `forbid` policy.
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import type { EntityJson, StatefulAuthorizationCall, TemplateLink } from '@cedar-policy/cedar-wasm/nodejs';
import { scopeKey, type ScopeKey } from '../src/engine/model/ids';
import type { DenyAssignment, Estate, Permission, RoleDefinition } from '../src/engine/model/types';
import type { AccessQuestion, Decision } from '../src/engine/rbac';
import { ROOT, type ScopeHierarchy } from './questions';

const PRINCIPAL = 'Az::Principal';
const SCOPE = 'Az::Scope';
const ACTION = 'Az::Action';
const ACTIVE = 'active';

/**
 * Azure lets a star standing alone between two slashes vanish with one of them (`workspaces/* /read` also
 * covers `workspaces/read`); Cedar's `like` has no such rule, so each such star segment doubles the pattern:
 * once kept, once dropped.
 */
export function likePatterns(pattern: string): string[] {
  if (/["\\]/.test(pattern))
    throw new Error(`pattern ${pattern} has a character the translation does not escape`);
  const segments = pattern.toLowerCase().split('/');
  let variants: string[][] = [[]];
  segments.forEach((segment, i) => {
    const droppable = segment === '*' && i > 0 && i < segments.length - 1;
    variants = variants.flatMap((v) => (droppable ? [[...v, segment], v] : [[...v, segment]]));
  });
  return [...new Set(variants.map((v) => v.join('/')))];
}

function anyOf(patterns: readonly string[]): string {
  const tests = patterns
    .flatMap(likePatterns)
    .map((p) => (/^\*+$/.test(p) ? 'true' : `context.op like "${p}"`));
  return tests.length === 0 ? 'false' : balancedOr(tests);
}

// Cedar's parser recurses once per `||` operand: a built-in role with hundreds of actions overflows its stack
// as one flat chain, so long chains are nested in groups of 16 (depth grows with the logarithm instead).
function balancedOr(tests: readonly string[]): string {
  if (tests.length <= 16) return `(${tests.join(' || ')})`;
  const groups: string[] = [];
  for (let i = 0; i < tests.length; i += 16) groups.push(balancedOr(tests.slice(i, i + 16)));
  return balancedOr(groups);
}

/** The condition under which one permission block grants an operation of the plane, or undefined when it grants none. */
function blockCondition(perm: Permission, data: boolean): string | undefined {
  const allow = data ? perm.dataActions : perm.actions;
  const not = data ? perm.notDataActions : perm.notActions;
  if (allow.length === 0) return undefined;
  return not.length === 0 ? anyOf(allow) : `(${anyOf(allow)} && !${anyOf(not)})`;
}

// A block with its own ABAC condition grants only where that holds; Cedar answers allow or deny, so it is left
// out, as conditioned assignments are (cedarDisagreement compares unconditioned grants only).
function planeCondition(permissions: readonly (Permission & { condition?: string })[], data: boolean): string | undefined {
  const blocks = permissions
    .filter((p) => p.condition === undefined || p.condition.trim() === '')
    .map((p) => blockCondition(p, data))
    .filter((c): c is string => c !== undefined);
  return blocks.length === 0 ? undefined : blocks.join(' || ');
}

const entity = (type: string, id: string) => ({ type, id });
const plane = (data: boolean): string => (data ? 'data' : 'control');
const literal = (text: string): string => JSON.stringify(text);

function forbidPolicy(deny: DenyAssignment, data: boolean): string | undefined {
  const condition = blockCondition(deny.permissions, data);
  if (condition === undefined) return undefined;
  const scope = `${SCOPE}::${literal(scopeKey(deny.scope))}`;
  const who =
    deny.principals === 'everyone'
      ? ''
      : ` && principal in [${deny.principals.map((p) => `${PRINCIPAL}::${literal(p)}`).join(', ')}]`;
  const spared =
    deny.excludePrincipals.length === 0
      ? ''
      : ` unless { principal in [${deny.excludePrincipals.map((p) => `${PRINCIPAL}::${literal(p)}`).join(', ')}] }`;
  return (
    `forbid (principal, action == ${ACTION}::"${plane(data)}", resource ${deny.doNotApplyToChildScopes ? '==' : 'in'} ${scope}) ` +
    `when { ${condition}${who} }${spared};`
  );
}

export interface CedarTranslation {
  templates: Record<string, string>;
  /** Template links, each tagged with the scope its assignment was made at. */
  links: { link: TemplateLink; scope: ScopeKey }[];
  forbids: Record<string, string>;
  /** Assignments left out because they carry an ABAC condition. */
  conditionedSkipped: number;
}

/** Translates the estate's roles, assignments and deny assignments into Cedar policies. */
export function translate(estate: Estate, roles: readonly RoleDefinition[]): CedarTranslation {
  const templates: Record<string, string> = {};
  const templateOf = new Map<string, string>();
  // Only the roles some assignment names become templates: the complete built-in catalog holds roles with
  // hundreds of actions whose conditions overflow Cedar's parser, and an unassigned role decides nothing.
  const assigned = new Set(estate.roleAssignments.map((a) => a.role.toLowerCase()));
  for (const role of roles) {
    if (!assigned.has(role.id.toLowerCase())) continue;
    for (const data of [false, true]) {
      const condition = planeCondition(role.permissions, data);
      if (condition === undefined) continue;
      const id = `role:${role.id.toLowerCase()}:${plane(data)}`;
      templates[id] =
        `permit (principal in ?principal, action == ${ACTION}::"${plane(data)}", resource in ?resource) when { ${condition} };`;
      templateOf.set(`${role.id.toLowerCase()}|${data}`, id);
    }
  }
  const links: CedarTranslation['links'] = [];
  let conditionedSkipped = 0;
  for (const a of estate.roleAssignments) {
    // Cedar answers allow or deny; a grant that holds only under an ABAC condition is not an unconditional allow.
    if (a.condition !== undefined && a.condition.trim() !== '') {
      conditionedSkipped++;
      continue;
    }
    for (const data of [false, true]) {
      const templateId = templateOf.get(`${a.role.toLowerCase()}|${data}`);
      if (templateId === undefined) continue;
      links.push({
        scope: scopeKey(a.scope),
        link: {
          templateId,
          newId: `${plane(data)}|${a.id}`,
          values: {
            '?principal': entity(PRINCIPAL, a.principal),
            '?resource': entity(SCOPE, scopeKey(a.scope)),
          },
        },
      });
    }
  }
  const forbids: Record<string, string> = {};
  for (const d of estate.denyAssignments) {
    for (const data of [false, true]) {
      const policy = forbidPolicy(d, data);
      if (policy !== undefined) forbids[`deny|${plane(data)}|${d.id}`] = policy;
    }
  }
  return { templates, links, forbids, conditionedSkipped };
}

/** A Cedar answer, reduced to what can be compared with ours. */
export interface CedarAnswer {
  allowed: boolean;
  /** Assignment ids of the satisfied permits (reported by Cedar only when it allows). */
  permits: string[];
  /** Deny assignment ids of the satisfied forbids. */
  forbids: string[];
}

export interface CedarAuthorizer {
  /** Number of policies (template links plus forbids) in the largest policy set a question can meet. */
  readonly policies: number;
  /** The prepared call for a question (entities sliced for it), and the policy set it needs. */
  prepare(question: AccessQuestion): { setId: string; call: StatefulAuthorizationCall };
  /** Makes `setId` the loaded policy set; questions of that set can then be authorised. */
  activate(setId: string): void;
  /** One Cedar authorization; the part the benchmark times. */
  authorize(call: StatefulAuthorizationCall): CedarAnswer;
}

/**
 * Compiles Cedar's code paths once with a one-policy set, so that the first real load or question does not pay
 * for WebAssembly compilation (V8 compiles each function on first call).
 */
export function warmCedar(): void {
  const policies = {
    templates: {
      t: `permit (principal in ?principal, action, resource in ?resource) when { context.op like "a*" };`,
    },
    templateLinks: [],
  };
  cedar.preparsePolicySet('warm', policies);
  for (let i = 0; i < 50; i++) {
    cedar.statefulIsAuthorized({
      principal: entity(PRINCIPAL, 'p'),
      action: entity(ACTION, 'control'),
      resource: entity(SCOPE, ROOT),
      context: { op: 'a' },
      preparsedPolicySetId: 'warm',
      entities: [{ uid: entity(PRINCIPAL, 'p'), attrs: {}, parents: [] }],
    });
  }
}

/**
 * Loads the translation into Cedar. With `partition: 'subscription'` there is one policy set per subscription
 * (its assignments plus those above it), which is how a deployment with one policy store per tenant slice
 * keeps Cedar's per-request work bounded; with `'none'` one set holds every policy.
 */
export function loadCedar(
  estate: Estate,
  hierarchy: ScopeHierarchy,
  translation: CedarTranslation,
  partition: 'none' | 'subscription',
): CedarAuthorizer {
  // The subscription a scope sits in, or undefined above subscription level (management groups, root).
  const subscriptionOf = (scope: ScopeKey): ScopeKey | undefined => {
    const m = /^\/subscriptions\/[^/]+/.exec(scope);
    return m === null ? undefined : (m[0] as ScopeKey);
  };
  // A subscription's set holds the assignments inside it and those on its management-group chain: no other
  // assignment can apply to a scope in it. Questions above subscription level go to a set of everything there.
  const sets = new Map<string, TemplateLink[]>();
  if (partition === 'none')
    sets.set(
      'all',
      translation.links.map((l) => l.link),
    );
  else {
    sets.set(
      'tenant',
      translation.links.filter((l) => subscriptionOf(l.scope) === undefined).map((l) => l.link),
    );
    const above = new Map<ScopeKey, ScopeKey[]>();
    for (const s of estate.subscriptions) {
      const sub = scopeKey(s.armId);
      sets.set(sub, []);
      for (let at = hierarchy.parent.get(sub); at !== undefined; at = hierarchy.parent.get(at)) {
        if (above.has(at)) above.get(at)?.push(sub);
        else above.set(at, [sub]);
      }
    }
    for (const { link, scope } of translation.links) {
      const sub = subscriptionOf(scope);
      for (const target of sub !== undefined ? [sub] : (above.get(scope) ?? [])) sets.get(target)?.push(link);
    }
  }
  // One set is loaded at a time, under one id: Cedar keeps every preparsed set in WebAssembly memory, and
  // holding all of L's sets at once made each further load slower.
  let largest = 0;
  for (const links of sets.values())
    largest = Math.max(largest, links.length + Object.keys(translation.forbids).length);
  let active: string | undefined;
  const activate = (setId: string): void => {
    if (active === setId) return;
    const templateLinks = sets.get(setId) ?? [];
    // Only the templates the set links, so that each set does not parse every role.
    const templates = Object.fromEntries(
      [...new Set(templateLinks.map((l) => l.templateId))].map((t) => [
        t,
        translation.templates[t] as string,
      ]),
    );
    const answer = cedar.preparsePolicySet(ACTIVE, {
      staticPolicies: translation.forbids,
      templates,
      templateLinks,
    });
    if (answer.type !== 'success')
      throw new Error(
        `Cedar rejected policy set ${setId}: ${answer.errors.map((e) => e.message).join('; ')}`,
      );
    active = setId;
  };

  const memberOf = new Map<string, string[]>();
  for (const g of estate.groups) {
    for (const m of g.members) {
      const list = memberOf.get(m);
      if (list === undefined) memberOf.set(m, [g.id]);
      else list.push(g.id);
    }
  }
  // The entities a request needs: the principal with every group above it, the scope with every scope above it.
  // Cedar computes the transitive closure itself from these parent edges.
  const principalEntities = (principal: string): EntityJson[] => {
    const out: EntityJson[] = [];
    const seen = new Set<string>();
    const queue = [principal];
    while (queue.length > 0) {
      const id = queue.pop() as string;
      if (seen.has(id)) continue;
      seen.add(id);
      const parents = memberOf.get(id) ?? [];
      out.push({ uid: entity(PRINCIPAL, id), attrs: {}, parents: parents.map((p) => entity(PRINCIPAL, p)) });
      queue.push(...parents);
    }
    return out;
  };
  const scopeEntities = (scope: ScopeKey): EntityJson[] => {
    const out: EntityJson[] = [];
    for (let at: ScopeKey | undefined = scope; at !== undefined; at = hierarchy.parent.get(at)) {
      const parent = at === ROOT ? undefined : (hierarchy.parent.get(at) ?? ROOT);
      out.push({
        uid: entity(SCOPE, at),
        attrs: {},
        parents: parent === undefined ? [] : [entity(SCOPE, parent)],
      });
      if (at === ROOT) break;
    }
    return out;
  };

  return {
    policies: largest,
    activate,
    prepare(question) {
      const scope = scopeKey(question.scope);
      const setId = partition === 'none' ? 'all' : (subscriptionOf(scope) ?? 'tenant');
      const call: StatefulAuthorizationCall = {
        principal: entity(PRINCIPAL, question.principal),
        action: entity(ACTION, plane(question.dataAction === true)),
        resource: entity(SCOPE, scope),
        context: { op: question.action.trim().toLowerCase() },
        preparsedPolicySetId: ACTIVE,
        entities: [...principalEntities(question.principal), ...scopeEntities(scope)],
      };
      return { setId, call };
    },
    authorize(call) {
      const answer = cedar.statefulIsAuthorized(call);
      if (answer.type !== 'success')
        throw new Error(`Cedar failed: ${answer.errors.map((e) => e.message).join('; ')}`);
      const { decision, diagnostics } = answer.response;
      if (diagnostics.errors.length > 0)
        throw new Error(`Cedar policy errors: ${diagnostics.errors.map((e) => e.error.message).join('; ')}`);
      const permits: string[] = [];
      const forbids: string[] = [];
      for (const id of diagnostics.reason) {
        if (id.startsWith('deny|')) forbids.push(id.slice(id.indexOf('|', 5) + 1));
        else permits.push(id.slice(id.indexOf('|') + 1));
      }
      return { allowed: decision === 'allow', permits, forbids };
    },
  };
}

/** Why Cedar and the indexed evaluator differ on a question, or undefined when they agree. */
export function cedarDisagreement(ours: Decision, theirs: CedarAnswer): string | undefined {
  // Cedar is given no condition (neither an assignment's nor a role definition's), so only our unconditioned
  // grants can allow on its side.
  const unconditioned = ours.grants.some((g) => g.condition === undefined);
  const oursAllowed = unconditioned && ours.deniedBy === undefined && ours.possibleDenies === undefined;
  if (oursAllowed !== theirs.allowed) return `allowed ${oursAllowed} vs Cedar ${theirs.allowed}`;
  const sorted = (ids: readonly string[]): string => [...new Set(ids)].sort().join(',');
  // Cedar lists the satisfied permits only when it allows; when a forbid wins it lists the forbids.
  if (
    theirs.allowed &&
    sorted(ours.grants.filter((g) => g.condition === undefined).map((g) => g.assignmentId)) !==
      sorted(theirs.permits)
  ) {
    return 'granting assignments differ';
  }
  const denied = ours.deniedBy?.denyAssignmentId;
  if ((denied === undefined) !== (theirs.forbids.length === 0)) return 'deny differs';
  if (denied !== undefined && !theirs.forbids.includes(denied)) return 'blocking deny differs';
  return undefined;
}
