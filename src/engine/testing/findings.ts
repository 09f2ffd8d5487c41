import { expect } from 'vitest';
import type { EntityId, RoleId } from '../model/ids';
import type { Confidence } from '../context/sources';
import type { Finding, FixAction, Severity } from '../rules/types';

/**
 * What a rule test expects of one finding. Every field given is checked and the others are not: exact fields
 * with `toEqual`/`toBe`, text fields by the substrings they must contain (in any order), so a table of
 * expectations asserts exactly what the hand-written `expect` lines did.
 */
export interface FindingExpectation {
  severity?: Severity;
  confidence?: Confidence;
  /** The subjects, in order (ids as the test spells them). */
  subjects?: readonly (string | undefined)[];
  /** Substrings of the message. */
  message?: readonly string[];
  /** Substrings of the consequence. */
  consequence?: readonly string[];
  /** Substrings of the fix summary. */
  fixSummary?: readonly string[];
  /** The fix's structured actions, in order. */
  fixActions?: readonly FixAction[];
  /** The fix's az commands, exactly. */
  az?: readonly string[];
  /** Substrings of the fix's Bicep. */
  bicep?: readonly string[];
  /** Substrings of the fix's Terraform. */
  terraform?: readonly string[];
  /** How many access paths the finding explains. */
  pathCount?: number;
}

/** Checks one finding against an expectation and returns it, so that a test can go on asserting. */
export function expectFinding(finding: Finding | undefined, expected: FindingExpectation): Finding {
  expect(finding).toBeDefined();
  const actual = finding as Finding;
  if (expected.severity !== undefined) expect(actual.severity).toBe(expected.severity);
  if (expected.confidence !== undefined) expect(actual.confidence).toBe(expected.confidence);
  if (expected.subjects !== undefined) expect(actual.subjects).toEqual(expected.subjects);
  for (const text of expected.message ?? []) expect(actual.message).toContain(text);
  for (const text of expected.consequence ?? []) expect(actual.consequence).toContain(text);
  for (const text of expected.fixSummary ?? []) expect(actual.fix?.summary).toContain(text);
  if (expected.fixActions !== undefined) expect(actual.fix?.actions).toEqual(expected.fixActions);
  if (expected.az !== undefined) expect(actual.fix?.az).toEqual(expected.az);
  for (const text of expected.bicep ?? []) expect(actual.fix?.bicep).toContain(text);
  for (const text of expected.terraform ?? []) expect(actual.fix?.terraform).toContain(text);
  if (expected.pathCount !== undefined) expect(actual.pathIds).toHaveLength(expected.pathCount);
  return actual;
}

/** Checks that a rule produced exactly one finding, and that it meets the expectation; returns it. */
export function expectOnlyFinding(findings: readonly Finding[], expected: FindingExpectation): Finding {
  expect(findings).toHaveLength(1);
  return expectFinding(findings[0], expected);
}

/** The fix action that assigns `role` to `principal` at `scope`, as rules emit it. */
export function assignRole(principal: EntityId | string, role: RoleId | string, scope: string): FixAction {
  return { kind: 'assign-role', principal: principal as EntityId, role: role as RoleId, scope };
}

/**
 * Checks that a finding's fix assigns a role with az: `--role <role id>`, `--assignee-object-id <assignee>`, and a
 * `--scope` that matches `scope` (a pattern, or the scope itself).
 */
export function expectAzRoleAssignment(
  finding: Finding | undefined,
  role: string,
  assignee: string,
  scope: RegExp | string,
): void {
  const az = finding?.fix?.az.join('\n') ?? '';
  expect(az).toContain(`--role ${role}`);
  expect(az).toContain(`--assignee-object-id ${assignee}`);
  if (typeof scope === 'string') expect(az).toContain(`--scope ${scope}`);
  else expect(az).toMatch(scope);
}
