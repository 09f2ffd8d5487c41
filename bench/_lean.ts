import { generateEstate } from './generate';
import { scopeHierarchy, sampleQuestions } from './questions';
import { buildRbacIndex, check, type AccessQuestion } from '../src/engine/rbac';
import { scopeKey, type EntityId, type RoleId, type ScopeKey } from '../src/engine/model/ids';
import type { RoleAssignment } from '../src/engine/model/types';
const e = generateEstate((process.argv[2] ?? 'L') as 'L');
const idx = buildRbacIndex(e);
const qs = sampleQuestions(e, scopeHierarchy(e), 50000, 1);
// Same index, same walk; the scope key and chain memoised by the raw string, holders memoised per principal,
// role matches memoised per (plane+action) then role id, no per-call closures or Map of holders.
const chainMemo = new Map<string, readonly ScopeKey[] | null>();
const holdersMemo = new Map<string, readonly EntityId[]>();
const matchMemo = new Map<string, Map<RoleId, boolean>>();
function lean(q: AccessQuestion): { allowed: boolean; grants: RoleAssignment[] } {
  let chain = chainMemo.get(q.scope);
  if (chain === undefined) { const k = scopeKey(q.scope); chain = idx.isKnownScope(k) ? idx.ancestors(k) : null; chainMemo.set(q.scope, chain); }
  let holders = holdersMemo.get(q.principal);
  if (holders === undefined) { holders = [q.principal, ...idx.groupsOf(q.principal).map((g) => g.group)]; holdersMemo.set(q.principal, holders); }
  const grants: RoleAssignment[] = [];
  if (chain === null || !idx.isKnownPrincipal(q.principal)) return { allowed: false, grants };
  const data = q.dataAction === true;
  const mk = (data ? 'd' : 'c') + q.action;
  let roles = matchMemo.get(mk);
  if (roles === undefined) matchMemo.set(mk, (roles = new Map()));
  let allowed = false;
  for (const at of chain) {
    const m = idx.assignmentsByPrincipalAt(at);
    if (m === undefined) continue;
    for (const h of holders) {
      const list = m.get(h);
      if (list === undefined) continue;
      for (const a of list) {
        let ok = roles.get(a.role);
        if (ok === undefined) roles.set(a.role, (ok = idx.matchRole(a.role, q.action, data).kind === 'granted'));
        if (ok) { grants.push(a); if (a.condition === undefined || a.condition.trim() === '') allowed = true; }
      }
    }
  }
  for (let d = 0; d < chain.length && allowed; d++) {
    for (const deny of idx.denyAssignmentsAt(chain[d]!)) {
      if (d > 0 && deny.doNotApplyToChildScopes) continue;
      const targeted = deny.principals === 'everyone' || deny.principals.some((p) => holders.includes(p));
      if (!targeted || deny.excludePrincipals.some((p) => holders.includes(p))) continue;
      if (idx.matchDeny(deny, q.action, data).kind === 'blocks') allowed = false;
    }
  }
  return { allowed, grants };
}
let mismatch = 0;
for (const q of qs) { const a = check(idx, q); const b = lean(q); if (a.allowed !== b.allowed || a.grants.length !== b.grants.length) mismatch++; }
const run = (label: string, fn: (q: AccessQuestion) => unknown) => {
  const runs: number[] = [];
  for (let r = 0; r < 7; r++) { const c = process.cpuUsage(); for (const q of qs) fn(q); const d = process.cpuUsage(c); runs.push((d.user + d.system) / qs.length); }
  return runs.sort((x, y) => x - y)[3]!;
};
for (let round = 0; round < 2; round++) {
  const a = run('check', (q) => check(idx, q));
  const b = run('lean', lean);
  console.log(`round ${round}: check() ${a.toFixed(2)} µs, lean walk ${b.toFixed(2)} µs, ratio ${(a / b).toFixed(1)}, mismatches ${mismatch}`);
}
