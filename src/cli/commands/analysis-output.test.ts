import { describe, expect, it } from 'vitest';
import type { Analysis, Decision, Finding, Topology } from '../../engine';
import { findingsJson, pathsJson } from './analysis-output';

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
  it('tells decisions of principals holding the same role at the same scope once, listing them', () => {
    const json = findingsJson(
      analysisWith({
        evidence: [
          { kind: 'note', label: 'a note' },
          { kind: 'decision', label: 'alice', decision: decision('user:alice', 'Owner', 'a1') },
          { kind: 'decision', label: 'bob', decision: decision('user:bob', 'Owner', 'a2') },
          { kind: 'decision', label: 'carol', decision: decision('user:carol', 'Contributor', 'a3') },
        ],
      }),
      topology,
    );
    const evidence = json.findings[0]?.evidence ?? [];
    expect(evidence.map((e) => e.label)).toEqual(['a note', 'alice', 'carol']);
    expect(evidence[1]).toMatchObject({
      principals: [
        { id: 'user:alice', name: 'name of user:alice' },
        { id: 'user:bob', name: 'name of user:bob' },
      ],
    });
    // A decision no one else shares is written as before, without a list.
    expect(evidence[2]).not.toHaveProperty('principals');
  });

  it('names every principal a merged path covers in paths --format json', () => {
    const path = {
      id: 'p',
      actor: 'user:alice',
      target: 'ep',
      identity: { kind: 'user', label: '2 users', chosen: 'explicit' },
      principals: ['user:alice', 'user:bob'],
    };
    const json = pathsJson(analysisWith({}, [path as never]), topology);
    expect(json.paths[0]?.principals).toEqual([
      { id: 'user:alice', name: 'name of user:alice' },
      { id: 'user:bob', name: 'name of user:bob' },
    ]);
  });
});
