import { describe, expect, it } from 'vitest';
import type { Analysis, Decision, EntityId, Finding, Topology } from '../../engine';
import { findingsJson, findingsJsonChunks, pathsJson } from './analysis-output';

const topology = { estate: {}, nameOf: (id: string) => `name of ${id}` } as unknown as Topology;

function decision(principal: string, role: string, assignment: string): Decision {
  return {
    question: {
      principal,
      action: 'Microsoft.Storage/storageAccounts/listKeys/action',
      scope: '/subscriptions/s/resourceGroups/rg',
      dataAction: false,
    },
    effect: 'allowed',
    allowed: true,
    grants: [
      {
        assignmentId: assignment,
        roleId: role,
        roleName: role,
        assignedScope: '/subscriptions/s',
        viaGroups: [],
        matchedPattern: '*',
        origin: 'observed',
      },
    ],
    exclusions: [],
  } as unknown as Decision;
}

function analysisWith(finding: Partial<Finding>, paths: Analysis['paths'] = []): Analysis {
  return {
    findings: [{ id: 'f', evidence: [], subjects: [], ...finding } as unknown as Finding],
    paths,
    automaticAssignments: [],
    summary: { findings: { error: 0, warning: 0, info: 1 }, paths: {} },
  };
}

describe('check --format json', () => {
  it("keeps the rules in the analysis' order and puts each rule's findings by id, in whatever order they came", () => {
    const finding = (id: string, ruleId: string) => ({ id, ruleId, severity: 'warning', subjects: [], message: id, consequence: 'c', evidence: [], pathIds: [] });
    const of = (findings: ReturnType<typeof finding>[]): string[] =>
      findingsJson(
        { findings: findings as unknown as Finding[], paths: [], automaticAssignments: [], summary: { findings: { error: 0, warning: findings.length, info: 0 }, paths: {} } },
        topology,
      ).findings.map((f) => f.id);
    const expected = ['AML-NET-001|b', 'AML-NET-001|c', 'AML-DS-005|a', 'AML-DS-005|d'];
    expect(of([finding('AML-NET-001|c', 'AML-NET-001'), finding('AML-NET-001|b', 'AML-NET-001'), finding('AML-DS-005|d', 'AML-DS-005'), finding('AML-DS-005|a', 'AML-DS-005')])).toEqual(expected);
    expect(of([finding('AML-NET-001|b', 'AML-NET-001'), finding('AML-NET-001|c', 'AML-NET-001'), finding('AML-DS-005|a', 'AML-DS-005'), finding('AML-DS-005|d', 'AML-DS-005')])).toEqual(expected);
  });

  it('tells the decisions of many principals on one question once, each grant once with the principals it covers', () => {
    const json = findingsJson(
      analysisWith({
        evidence: [
          { kind: 'note', label: 'a note' },
          { kind: 'decision', label: 'name of user:alice: listKeys on rg', decision: decision('user:alice', 'Owner', 'a1') },
          { kind: 'decision', label: 'name of user:bob: listKeys on rg', decision: decision('user:bob', 'Owner', 'a2') },
          { kind: 'decision', label: 'name of user:carol: listKeys on rg', decision: decision('user:carol', 'Owner', 'a1') },
        ],
      }),
      topology,
    );
    expect(json.version).toBe(2);
    const evidence = json.findings[0]?.evidence ?? [];
    expect(evidence).toHaveLength(2);
    expect(evidence[0]).toEqual({ kind: 'note', label: 'a note' });
    expect(evidence[1]).toMatchObject({
      kind: 'access',
      label: 'listKeys on rg',
      question: { action: 'Microsoft.Storage/storageAccounts/listKeys/action', scope: '/subscriptions/s/resourceGroups/rg', dataAction: false },
      effect: 'allowed',
      principals: ['user:alice', 'user:bob', 'user:carol'],
      // By position in `principals`: alice and carol hold a1, bob holds a2.
      grants: [
        { grant: 0, principals: [0, 2] },
        { grant: 1, principals: [1] },
      ],
    });
    expect(json.grants.map((g) => g.assignmentId)).toEqual(['a1', 'a2']);
    expect(json.grants[0]).toMatchObject({ roleName: 'Owner', assignedScope: '/subscriptions/s', viaGroups: [], matchedPattern: '*' });
    expect(json.names).toMatchObject({ 'user:alice': 'name of user:alice', 'user:bob': 'name of user:bob', 'user:carol': 'name of user:carol' });
  });

  it('writes what every finding of a rule shares once, in rules, and an identical fix once, in fixes', () => {
    const fix = { summary: 'Assign AcrPull', actions: [], az: ['az role assignment create ...'], bicep: 'resource ...', terraform: 'resource ...' };
    const finding = (id: string, subject: string, consequence: string, withFix = fix) => ({
      id,
      ruleId: 'AML-ACR-001',
      title: 'Compute cannot pull',
      area: 'registry',
      severity: 'error',
      confidence: 'documented',
      subjects: [subject],
      message: `m ${id}`,
      consequence,
      evidence: [],
      fix: withFix,
      pathIds: [],
      sources: ['https://learn.microsoft.com/x'],
    });
    const analysis: Analysis = {
      findings: [
        finding('f1', 'c1', 'Jobs fail.'),
        finding('f2', 'c2', 'Jobs fail.'),
        finding('f3', 'c3', 'Jobs fail.', { ...fix, summary: 'Assign AcrPull elsewhere' }),
      ] as unknown as Finding[],
      paths: [],
      automaticAssignments: [],
      summary: { findings: { error: 3, warning: 0, info: 0 }, paths: {} },
    };
    const json = findingsJson(analysis, topology);
    expect(json.rules).toEqual({
      'AML-ACR-001': { title: 'Compute cannot pull', area: 'registry', confidence: 'documented', sources: ['https://learn.microsoft.com/x'], consequence: 'Jobs fail.' },
    });
    expect(json.findings.map((f) => f.fix)).toEqual([0, 0, 1]);
    expect(json.fixes).toEqual([fix, { ...fix, summary: 'Assign AcrPull elsewhere' }]);
    // The rule's title, sources and shared consequence are not repeated per finding; subjects are ids, named in names.
    expect(json.findings[0]).toEqual({ id: 'f1', ruleId: 'AML-ACR-001', severity: 'error', subjects: ['c1'], message: 'm f1', evidence: [], fix: 0, pathIds: [] });
    expect(json.names).toEqual({ c1: 'name of c1', c2: 'name of c2', c3: 'name of c3' });
  });

  it('keeps the consequence on each finding when the rule\'s findings say different things, or there is one', () => {
    const analysis = (consequences: string[]): Analysis => ({
      findings: consequences.map((consequence, i) => ({ id: `f${i}`, ruleId: 'R', title: 't', subjects: [], evidence: [], pathIds: [], sources: [], consequence })) as unknown as Finding[],
      paths: [],
      automaticAssignments: [],
      summary: { findings: { error: 0, warning: 0, info: 0 }, paths: {} },
    });
    const varied = findingsJson(analysis(['a', 'b']), topology);
    expect(varied.rules.R).not.toHaveProperty('consequence');
    expect(varied.findings.map((f) => f.consequence)).toEqual(['a', 'b']);
    const lone = findingsJson(analysis(['about job-1 only']), topology);
    expect(lone.rules.R).not.toHaveProperty('consequence');
    expect(lone.findings[0]?.consequence).toBe('about job-1 only');
  });

  it('prints one finding per line, as JSON that reads back to the document', () => {
    const analysis = analysisWith({ ruleId: 'R', subjects: ['s' as EntityId], evidence: [{ kind: 'note', label: 'a "quoted" note' }], pathIds: ['p1'] });
    const text = [...findingsJsonChunks(analysis, topology)].join('');
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(findingsJson(analysis, topology))));
    const findingLines = text.split('\n').filter((line) => line.startsWith('    {"id":'));
    expect(findingLines).toHaveLength(1);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('writes a trace, a requirement, a decision and a grant that paths share once, and refers to them by index', () => {
    const trace = [{ text: 'a caller needs listKeys', entity: 'ep', fact: 'R68' }];
    const requirement = (principal: string) => ({
      label: 'list keys',
      action: 'Microsoft.Storage/storageAccounts/listKeys/action',
      dataAction: false,
      scope: '/subscriptions/s/resourceGroups/rg',
      suggestedRole: 'r',
      decision: decision(principal, 'Reader', 'a1'),
    });
    const path = (principal: string) => ({
      id: `p|${principal}`,
      kind: 'endpoint-manage',
      title: `${principal} manages ep`,
      actor: principal,
      target: 'ep',
      via: [],
      identity: { kind: 'user', principal, label: principal, chosen: 'explicit' },
      trace,
      requirements: [requirement(principal)],
      status: 'granted',
      confidence: 'documented',
      findingIds: [],
    });
    // The third path's decision is about someone other than its identity: its question is written out.
    const other = { ...path('user:carol'), requirements: [requirement('user:dave')] };
    const json = pathsJson(analysisWith({}, [path('user:alice'), path('user:bob'), other] as never), topology);
    expect(json.version).toBe(2);
    expect(json.paths.map((p) => [p.actor, p.trace, p.requirements])).toEqual([
      ['user:alice', 0, [0]],
      ['user:bob', 0, [0]],
      ['user:carol', 0, [1]],
    ]);
    expect(json.traces).toEqual([trace]);
    expect(json.requirements).toEqual([
      { ...requirement('x'), decision: 0 },
      { ...requirement('x'), decision: 1 },
    ]);
    expect(json.decisions[0]).toEqual({ effect: 'allowed', allowed: true, grants: [0], exclusions: [] });
    expect(json.decisions[1]).toMatchObject({ question: { principal: 'user:dave' }, grants: [0] });
    expect(json.grants).toHaveLength(1);
    expect(json.names).toMatchObject({ 'user:alice': 'name of user:alice', 'user:dave': 'name of user:dave', ep: 'name of ep' });
    expect(json.paths[0]).not.toHaveProperty('identity.principalName');
  });

  it('names every principal a merged path covers in paths --format json', () => {
    const path = {
      id: 'p',
      actor: 'user:alice',
      target: 'ep',
      identity: { kind: 'user', label: '2 users', chosen: 'explicit' },
      principals: ['user:alice', 'user:bob'],
    };
    const json = pathsJson(analysisWith({}, [{ ...path, via: [], trace: [], requirements: [] } as never]), topology);
    expect(json.paths[0]?.principals).toEqual(['user:alice', 'user:bob']);
    expect(json.names).toMatchObject({ 'user:alice': 'name of user:alice', 'user:bob': 'name of user:bob' });
  });
});
