import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/analysis/analyze';
import { analyzeTracked, reanalyze } from '../../src/engine/analysis/incremental';
import { addRoleAssignment, setResourceIdentity } from '../../src/engine/edits';
import { forEachRandomEdit, random, ROLES } from '../../src/engine/testing/random-edits';
import type { RoleId } from '../../src/engine/model/ids';
import { generateEstate } from '../generate';
import { pathGrantsToken, readTracker } from '../../src/engine/context/read-tracking';
import { leastPrivilegeGrant } from '../../src/engine/rules/governance/least-privilege';
import type { Rule } from '../../src/engine/rules/types';

const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

// The generated tiers have what the samples lack in number: nested groups, custom roles, deny assignments,
// assignments at every level of a management-group tree. The UI bench's what-if edits run on these.
describe('incremental analysis on a generated estate', () => {
  it('gives what analyze() gives after each of a run of random edits', { timeout: 120_000 }, () => {
    const next = random(2026);
    const start = generateEstate('tiny');
    let tracked = analyzeTracked(start);
    let rerunRules = 0;
    const steps = forEachRandomEdit(start, next, 10, (estate, labels) => {
      tracked = reanalyze(tracked, estate);
      rerunRules += tracked.rerun.rules;
      expect(plain(tracked.analysis), labels.join(' → ')).toEqual(plain(analyze(estate)));
    });
    // Not a timing assertion: incremental means most rules are kept across these edits.
    expect(rerunRules).toBeLessThan(steps.length * tracked.ruleSet.length);
  });

  it('follows a grant to a group to what its members may do', { timeout: 120_000 }, () => {
    const next = random(16);
    let estate = generateEstate('tiny');
    let tracked = analyzeTracked(estate);
    const groups = estate.groups.filter((g) => g.members.length > 0);
    const scopes = [...estate.subscriptions, ...estate.storageAccounts, ...estate.onlineEndpoints, ...estate.workspaces];
    const steps: string[] = [];
    for (let step = 0; step < 8; step++) {
      const group = groups[Math.floor(next() * groups.length)];
      const scope = scopes[Math.floor(next() * scopes.length)];
      const role = ROLES[Math.floor(next() * ROLES.length)];
      if (!group || !scope || !role) throw new Error('the tiny tier has groups with members, and resources');
      steps.push(`grant ${role} to ${group.name} on ${scope.name}`);
      estate = addRoleAssignment(estate, { principal: group.id, role, scope: scope.armId });
      tracked = reanalyze(tracked, estate);
      expect(plain(tracked.analysis), steps.join(' → ')).toEqual(plain(analyze(estate)));
    }
  });

  it('follows a grant to a group to the paths of a member it does not enumerate assignments for', () => {
    // Job paths ask about the submitting user of each job: a grant to a group that user is in changes them.
    const estate = generateEstate('tiny');
    const tracked = analyzeTracked(estate);
    // The path resolvers that read no assignments by scope (those would be re-run for the grant anyway).
    const asked = new Set(
      tracked.paths
        .filter((part) => ![...part.reads].some((r) => r.startsWith('a:') || r === 'c:roleAssignments'))
        .flatMap((part) => [...part.reads].filter((r) => r.startsWith('p:')).map((r) => r.slice(2))),
    );
    const group = estate.groups.find((g) => g.members.some((member) => asked.has(member)));
    if (!group) throw new Error('the tiny tier has a group with a member the path resolvers ask about');
    let edited = estate;
    for (const subscription of estate.subscriptions)
      for (const role of ROLES) edited = addRoleAssignment(edited, { principal: group.id, role, scope: subscription.armId });
    expect(plain(reanalyze(tracked, edited).analysis)).toEqual(plain(analyze(edited)));
  });

  it("redoes the endpoints of the workspaces under a subscription whose grants changed, and keeps the others'", { timeout: 120_000 }, () => {
    // The tiny tier has two subscriptions, a workspace with endpoints in each.
    const estate = generateEstate('tiny');
    const tracked = analyzeTracked(estate);
    const [edited, kept] = estate.subscriptions;
    // Someone who holds nothing yet, directly or through a group: no endpoint asks about them before the grant.
    const holders = new Set<string>([...estate.roleAssignments.map((a) => a.principal as string), ...estate.groups.flatMap((g) => g.members as string[])]);
    const user = estate.users.find((u) => !holders.has(u.id));
    if (!edited || !kept || !user) throw new Error('the tiny tier has two subscriptions and a user who holds nothing');
    const workspacesUnder = (subscription: string) =>
      new Set(estate.workspaces.filter((w) => w.armId.toLowerCase().startsWith(`${subscription.toLowerCase()}/`)).map((w) => w.id as string));
    const editedWorkspaces = workspacesUnder(edited.armId);
    const keptWorkspaces = workspacesUnder(kept.armId);
    const endpointParts = (t: typeof tracked, workspaces: Set<string>) => t.paths.filter((part) => part.workspace !== undefined && workspaces.has(part.workspace));
    expect(endpointParts(tracked, editedWorkspaces).length).toBeGreaterThan(0);
    expect(endpointParts(tracked, keptWorkspaces).length).toBeGreaterThan(0);

    const next = reanalyze(tracked, addRoleAssignment(estate, { principal: user.id, role: ROLES[5] as RoleId, scope: edited.armId }));
    expect(plain(next.analysis)).toEqual(plain(analyze(next.estate)));
    // The other subscription's endpoints are the same parts; the edited one's were resolved again.
    endpointParts(next, keptWorkspaces).forEach((part, i) => expect(part).toBe(endpointParts(tracked, keptWorkspaces)[i]));
    endpointParts(next, editedWorkspaces).forEach((part, i) => expect(part).not.toBe(endpointParts(tracked, editedWorkspaces)[i]));
  });
  it("keeps the endpoints of the workspaces a removed identity's grants never reached", { timeout: 120_000 }, () => {
    // Turning a compute's system identity off removes that principal and its grants. Before, any change to the
    // set of principals re-ran every workspace's endpoint paths, because each looked principals up by reference.
    const estate = generateEstate('tiny');
    const tracked = analyzeTracked(estate);
    const underSubscription = (armId: string, subscription: string) => armId.toLowerCase().startsWith(`${subscription.toLowerCase()}/`);
    const compute = estate.computes.find((c) => {
      if (!c.identity?.system) return false;
      const identity = estate.systemAssignedIdentities.find((s) => s.owner === c.id);
      const subscription = estate.subscriptions.find((s) => underSubscription(c.armId, s.armId));
      const grants = estate.roleAssignments.filter((a) => a.principal === identity?.id);
      return subscription !== undefined && grants.every((a) => underSubscription(a.scope, subscription.armId));
    });
    if (!compute) throw new Error('the tiny tier has a compute whose system identity holds no grant outside its own subscription');
    const own = estate.subscriptions.find((s) => underSubscription(compute.armId, s.armId));
    const other = estate.subscriptions.find((s) => s !== own);
    if (!other) throw new Error('the tiny tier has two subscriptions');
    const otherWorkspaces = new Set(estate.workspaces.filter((w) => underSubscription(w.armId, other.armId)).map((w) => w.id as string));
    const endpointParts = (t: typeof tracked) => t.paths.filter((part) => part.workspace !== undefined && otherWorkspaces.has(part.workspace));
    expect(endpointParts(tracked).length).toBeGreaterThan(0);

    const next = reanalyze(tracked, setResourceIdentity(estate, { resource: compute.id, system: false, userAssigned: compute.identity?.userAssigned ?? [] }));
    expect(next.estate.systemAssignedIdentities.length).toBe(estate.systemAssignedIdentities.length - 1);
    expect(plain(next.analysis)).toEqual(plain(analyze(next.estate)));
    endpointParts(next).forEach((part, i) => expect(part).toBe(endpointParts(tracked)[i]));
  });

  it('keeps the rules that ask who may do an action when a grant at a subscription cannot do it, and redoes them when it can', { timeout: 120_000 }, () => {
    // The storage and datastore rules ask who holds a role granting one action on each resource, which walks
    // every role holder of the subscription above it. A grant there whose role does not grant that action
    // (AcrPull: list no keys or secrets, write no jobs, read no workspace) changes none of their answers.
    const generated = generateEstate('tiny');
    // One workspace's storage refusing shared keys, for the rule about people's data roles there (AML-DS-010).
    const refusing = generated.workspaces[0]?.storageAccount;
    const estate = { ...generated, storageAccounts: generated.storageAccounts.map((a) => (a.id === refusing ? { ...a, allowSharedKeyAccess: false } : a)) };
    const tracked = analyzeTracked(estate);
    const holders = new Set<string>([...estate.roleAssignments.map((a) => a.principal as string), ...estate.groups.flatMap((g) => g.members as string[])]);
    const user = estate.users.find((u) => !holders.has(u.id));
    const under = (armId: string, scope: string) => armId.toLowerCase().startsWith(`${scope.toLowerCase()}/`);
    const subscription = estate.subscriptions.find(
      (s) => estate.storageAccounts.some((a) => a.allowSharedKeyAccess && under(a.armId, s.armId)) && under(estate.workspaces[0]?.armId ?? '', s.armId),
    );
    if (!user || !subscription) throw new Error('the tiny tier has a user who holds nothing, and shared-key storage in the subscription of its first workspace');
    const asking = ['AML-DS-001', 'AML-DS-007', 'AML-DS-010'];
    const part = (t: typeof tracked, id: string) => t.rules[t.ruleSet.findIndex((rule) => rule.id === id)];
    const subscriptionKey = subscription.armId.toLowerCase();
    // Each asked about the subscription's holders (so a coarser read would have re-run it).
    for (const id of asking) expect([...(part(tracked, id)?.reads ?? [])].some((r) => r.startsWith('ag:') && r.endsWith(`|${subscriptionKey}`)), id).toBe(true);

    const acrPull = reanalyze(tracked, addRoleAssignment(estate, { principal: user.id, role: ROLES[4] as RoleId, scope: subscription.armId }));
    expect(plain(acrPull.analysis)).toEqual(plain(analyze(acrPull.estate)));
    for (const id of asking) expect(part(acrPull, id), id).toBe(part(tracked, id));

    // Contributor lists storage keys: the rule asking who may is re-run.
    const contributor = reanalyze(tracked, addRoleAssignment(estate, { principal: user.id, role: ROLES[1] as RoleId, scope: subscription.armId }));
    expect(plain(contributor.analysis)).toEqual(plain(analyze(contributor.estate)));
    expect(part(contributor, 'AML-DS-007')).not.toBe(part(tracked, 'AML-DS-007'));
  });

  it("keeps every workspace's endpoint paths when a compute identity holding a role at their subscription goes", { timeout: 120_000 }, () => {
    // Endpoint paths list the people, groups, applications and user-assigned identities holding a role at or
    // above each endpoint; a compute's system identity is none of those, so its grants change no endpoint path.
    const generated = generateEstate('tiny');
    const compute = generated.computes.find((c) => c.identity?.system);
    const subscription = generated.subscriptions.find((s) =>
      generated.onlineEndpoints.some((e) => e.armId.toLowerCase().startsWith(`${s.armId.toLowerCase()}/`)),
    );
    if (!compute || !subscription) throw new Error('the tiny tier has a compute with a system identity and endpoints in a subscription');
    const identity = generated.systemAssignedIdentities.find((s) => s.owner === compute.id);
    if (!identity) throw new Error('the compute has its system identity');
    const estate = addRoleAssignment(generated, { principal: identity.id, role: ROLES[0] as RoleId, scope: subscription.armId });
    const tracked = analyzeTracked(estate);
    const endpointParts = (t: typeof tracked) => t.paths.filter((part) => part.workspace !== undefined);
    expect(endpointParts(tracked).length).toBeGreaterThan(0);

    const next = reanalyze(tracked, setResourceIdentity(estate, { resource: compute.id, system: false, userAssigned: compute.identity?.userAssigned ?? [] }));
    expect(next.estate.roleAssignments.length).toBeLessThan(estate.roleAssignments.length);
    expect(plain(next.analysis)).toEqual(plain(analyze(next.estate)));
    endpointParts(next).forEach((part, i) => expect(part).toBe(endpointParts(tracked)[i]));
  });

  it('re-runs a rule written per subject for the subjects an edit touched only', { timeout: 120_000 }, () => {
    // AML-CMP-005 runs per workspace: turning off one compute's system identity changes that workspace's computes,
    // and the grants of that identity change no workspace's people, so every other workspace's subject is kept.
    const estate = generateEstate('tiny');
    const tracked = analyzeTracked(estate);
    const compute = estate.computes.find((c) => c.identity?.system);
    if (!compute) throw new Error('the tiny tier has a compute with a system identity');
    const subjects = (t: typeof tracked) => t.rules[t.ruleSet.findIndex((rule) => rule.id === 'AML-CMP-005')]?.bySubject;
    const before = subjects(tracked);
    expect(before?.subjects.length).toBe(estate.workspaces.length);

    const next = reanalyze(tracked, setResourceIdentity(estate, { resource: compute.id, system: false, userAssigned: compute.identity?.userAssigned ?? [] }));
    expect(plain(next.analysis)).toEqual(plain(analyze(next.estate)));
    const after = subjects(next);
    after?.subjects.forEach((workspace, i) => {
      if (workspace === compute.workspace) expect(after.parts[i], workspace).not.toBe(before?.parts[i]);
      else expect(after.parts[i], workspace).toBe(before?.parts[i]);
    });
  });

  it('keeps a rule that asks for the paths to endpoints when only compute paths were resolved again', { timeout: 120_000 }, () => {
    // AML-EPC-004 looks at the paths to each endpoint (pathsTo). Turning off a compute's system identity redoes the
    // compute paths, none of which leads to an endpoint; before, any path resolved again re-ran every such rule.
    const estate = generateEstate('tiny');
    const tracked = analyzeTracked(estate);
    const compute = estate.computes.find((c) => c.identity?.system);
    if (!compute) throw new Error('the tiny tier has a compute with a system identity');
    const part = (t: typeof tracked) => t.rules[t.ruleSet.findIndex((rule) => rule.id === 'AML-EPC-004')];
    expect([...(part(tracked)?.reads ?? [])].some((token) => token.startsWith('kt:'))).toBe(true);

    const next = reanalyze(tracked, setResourceIdentity(estate, { resource: compute.id, system: false, userAssigned: compute.identity?.userAssigned ?? [] }));
    expect(plain(next.analysis)).toEqual(plain(analyze(next.estate)));
    expect(next.paths.some((p, i) => p !== tracked.paths[i])).toBe(true);
    expect(part(next)).toBe(part(tracked));
  });

  it('re-runs the check of who may write the planned assignments only at the scopes whose planned assignments changed', { timeout: 120_000 }, () => {
    // AML-WS-012 runs per planned scope. Turning off a compute's system identity removes its planned grants: the
    // scopes they were planned at are checked again; the others keep their part, since the identity was never
    // one who could write them and its roles grant no role assignment writes.
    const estate = generateEstate('tiny');
    const tracked = analyzeTracked(estate);
    const compute = estate.computes.find((c) => c.identity?.system && estate.roleAssignments.some((a) => a.principal === `${c.id}#system-identity`));
    if (!compute) throw new Error('the tiny tier has a compute whose system identity holds a planned grant');
    const removedAt = new Set(estate.roleAssignments.filter((a) => a.principal === `${compute.id}#system-identity`).map((a) => a.scope.toLowerCase()));
    const subjects = (t: typeof tracked) => t.rules[t.ruleSet.findIndex((rule) => rule.id === 'AML-WS-012')]?.bySubject;
    const before = subjects(tracked);
    expect(before?.subjects.length).toBeGreaterThan(removedAt.size);

    const next = reanalyze(tracked, setResourceIdentity(estate, { resource: compute.id, system: false, userAssigned: compute.identity?.userAssigned ?? [] }));
    expect(plain(next.analysis)).toEqual(plain(analyze(next.estate)));
    const after = subjects(next);
    const keptParts = new Map(before?.subjects.map((scope, i) => [scope, before.parts[i]]));
    after?.subjects.forEach((scope, i) => {
      if (removedAt.has(scope)) expect(after.parts[i], scope).not.toBe(keptParts.get(scope));
      else expect(after.parts[i], scope).toBe(keptParts.get(scope));
    });
  });

  it('gives what analyze() gives when a role holder leaves the directory but its grants stay', { timeout: 120_000 }, () => {
    // No assignment changes, yet the user is no longer a user: the endpoint paths that listed it as a holder at
    // its subscription, and the rules that counted it, must see that. (The ak: reads of holders by kind are
    // dirtied at the scopes where a changed principal holds a role; its other reads, e:/p:, re-run them too.)
    const estate = generateEstate('tiny');
    const tracked = analyzeTracked(estate);
    const subscriptionKeys = new Set(estate.subscriptions.map((s) => s.armId.toLowerCase()));
    const users = new Set(estate.users.map((u) => u.id as string));
    const grant = estate.roleAssignments.find((a) => users.has(a.principal) && subscriptionKeys.has(a.scope.toLowerCase()));
    if (!grant) throw new Error('the tiny tier has a user holding a role at a subscription');
    const edited = { ...estate, users: estate.users.filter((u) => u.id !== grant.principal) };
    const next = reanalyze(tracked, edited);
    expect(plain(next.analysis)).toEqual(plain(analyze(edited)));
    expect(next.paths.filter((part) => part.workspace !== undefined).some((part, i) => part !== tracked.paths.filter((p) => p.workspace !== undefined)[i])).toBe(true);
  });

  it("re-runs AML-GOV-009 only for the identities whose assignments or served paths changed", { timeout: 120_000 }, () => {
    // AML-GOV-009 runs per managed identity and reads the paths that carry its assignments' grants (kg:), not every
    // path: turning off one compute's system identity re-resolves every compute's paths, yet no other identity's
    // grants are on a path that changed.
    const estate = generateEstate('tiny');
    const tracked = analyzeTracked(estate);
    const compute = estate.computes.find((c) => c.identity?.system);
    if (!compute) throw new Error('the tiny tier has a compute with a system identity');
    const subjects = (t: typeof tracked) => t.rules[t.ruleSet.findIndex((rule) => rule.id === 'AML-GOV-009')]?.bySubject;
    const before = subjects(tracked);
    expect(before?.subjects.length).toBeGreaterThan(1);
    expect(tracked.analysis.findings.some((f) => f.ruleId === 'AML-GOV-009')).toBe(true);

    const next = reanalyze(tracked, setResourceIdentity(estate, { resource: compute.id, system: false, userAssigned: compute.identity?.userAssigned ?? [] }));
    expect(plain(next.analysis)).toEqual(plain(analyze(next.estate)));
    expect(next.paths.some((part, i) => part !== tracked.paths[i])).toBe(true);
    const kept = new Map(before?.subjects.map((identity, i) => [identity, before.parts[i]]));
    const after = subjects(next);
    after?.subjects.forEach((identity, i) => {
      if (identity !== `${compute.id}#system-identity`) expect(after.parts[i], identity).toBe(kept.get(identity));
    });
  });

  it('re-runs a rule that noted the paths carrying one grant (kg:) when those paths change, and only then', { timeout: 120_000 }, () => {
    // A rule that reads the paths raw and notes only kg:<assignment>, as AML-GOV-009 does: turning off a compute's
    // system identity removes the grant from that compute's paths, which must re-run it; another compute's edit must not.
    const estate = generateEstate('tiny');
    const tracked0 = analyzeTracked(estate);
    const grants = tracked0.rawPaths.flatMap((path) => path.requirements.flatMap((r) => r.decision?.grants ?? []));
    const grantOf = (c: (typeof estate.computes)[number]) =>
      grants.find((g) => estate.roleAssignments.some((a) => a.id === g.assignmentId && a.principal === `${c.id}#system-identity`));
    const compute = estate.computes.find((c) => c.identity?.system && grantOf(c));
    const other = estate.computes.find((c) => c.identity?.system && c !== compute);
    const grant = compute && grantOf(compute);
    if (!compute || !other || !grant) throw new Error("the tiny tier has a path carrying a grant of a compute's system identity, and another such compute");
    const rule = { ...(leastPrivilegeGrant as Rule), bySubject: undefined };
    rule.check = function* (context) {
      readTracker(context)?.note(pathGrantsToken(grant.assignmentId));
      const paths = (readTracker(context)?.raw ?? context).paths;
      const carrying = paths.filter((path) => path.requirements.some((r) => r.decision?.grants.some((g) => g.assignmentId === grant.assignmentId)));
      yield { subjects: [compute.id], message: `${carrying.length} paths carry the grant`, consequence: 'none' };
    };
    const tracked = analyzeTracked(estate, { rules: [rule] });
    expect(tracked.analysis.findings[0]?.message).not.toBe('0 paths carry the grant');

    const untouched = reanalyze(tracked, setResourceIdentity(estate, { resource: other.id, system: false, userAssigned: other.identity?.userAssigned ?? [] }));
    expect(untouched.rules[0]).toBe(tracked.rules[0]);
    const off = setResourceIdentity(estate, { resource: compute.id, system: false, userAssigned: compute.identity?.userAssigned ?? [] });
    const next = reanalyze(tracked, off);
    expect(next.analysis.findings[0]?.message).toBe('0 paths carry the grant');
    expect(plain(next.analysis)).toEqual(plain(analyzeTracked(off, { rules: [rule] }).analysis));
  });

  it('keeps the rules reading a kind of path that the re-run resolvers gave again unchanged', { timeout: 120_000 }, () => {
    // The compute resolver re-runs as a whole for one compute's identity; only the paths that differ dirty their
    // kind. AML-ACR-004 reads the image-pull paths, which this edit leaves as they were.
    const estate = generateEstate('tiny');
    const tracked = analyzeTracked(estate);
    const compute = estate.computes.find((c) => c.identity?.system);
    if (!compute) throw new Error('the tiny tier has a compute with a system identity');
    const part = (t: typeof tracked) => t.rules[t.ruleSet.findIndex((rule) => rule.id === 'AML-ACR-004')];
    expect(part(tracked)?.reads.has('k:compute-image-pull')).toBe(true);

    const next = reanalyze(tracked, setResourceIdentity(estate, { resource: compute.id, system: false, userAssigned: compute.identity?.userAssigned ?? [] }));
    expect(plain(next.analysis)).toEqual(plain(analyze(next.estate)));
    const rerunKinds = new Set(next.paths.filter((p, i) => p !== tracked.paths[i]).flatMap((p) => p.output.map((path) => path.kind)));
    expect(rerunKinds.has('compute-image-pull')).toBe(true);
    expect(part(next)).toBe(part(tracked));
  });
});
