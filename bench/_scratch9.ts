import { generateEstate } from './generate';
import { scopeHierarchy, sampleQuestions } from './questions';
import { buildRbacIndex, check } from '../src/engine/rbac';
import { scopeKey, type ScopeKey, type EntityId } from '../src/engine/model/ids';
const e = generateEstate('L');
const idx = buildRbacIndex(e);
const qs = sampleQuestions(e, scopeHierarchy(e), 50000, 1);
for (const q of qs) check(idx, q);
const bench = (label: string, fn: (q: (typeof qs)[number]) => unknown) => {
  for (const q of qs) fn(q);
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) { const t = performance.now(); for (const q of qs) fn(q); runs.push((performance.now() - t) * 1000 / qs.length); }
  runs.sort((a, b) => a - b);
  console.log(label.padEnd(50), runs[2]!.toFixed(2), 'µs');
};
bench('check() whole', (q) => check(idx, q));
bench('scopeKey(scope) once', (q) => scopeKey(q.scope));
bench('isKnownScope + ancestors (2 more scopeKey)', (q) => { idx.isKnownScope(q.scope); return idx.ancestors(q.scope); });
bench('groupsOf + holders + Map', (q) => { const h = [{ id: q.principal }]; for (const g of idx.groupsOf(q.principal)) h.push({ id: g.group }); return new Map(h.map((x) => [x.id, x])); });
bench('chain walk: Map gets only', (q) => { const holders = [q.principal, ...idx.groupsOf(q.principal).map((g) => g.group)]; let n = 0; for (const at of idx.ancestors(q.scope)) { const m = idx.assignmentsByPrincipalAt(at); if (!m) continue; for (const h of holders) n += m.get(h as EntityId)?.length ?? 0; } return n; });
bench('matchRole per held assignment', (q) => { const holders = [q.principal, ...idx.groupsOf(q.principal).map((g) => g.group)]; let n = 0; for (const at of idx.ancestors(q.scope)) { const m = idx.assignmentsByPrincipalAt(at); if (!m) continue; for (const h of holders) for (const a of m.get(h as EntityId) ?? []) if (idx.matchRole(a.role, q.action, q.dataAction === true).kind === 'granted') n++; } return n; });
bench('deny loop (denyAssignmentsAt per ancestor)', (q) => { let n = 0; for (const at of idx.ancestors(q.scope)) n += idx.denyAssignmentsAt(at as ScopeKey).length; return n; });
let held = 0; for (const q of qs) { const holders = [q.principal, ...idx.groupsOf(q.principal).map((g) => g.group)]; for (const at of idx.ancestors(q.scope)) { const m = idx.assignmentsByPrincipalAt(at); if (m) for (const h of holders) held += m.get(h as EntityId)?.length ?? 0; } }
console.log('held assignments per question', held / qs.length);
