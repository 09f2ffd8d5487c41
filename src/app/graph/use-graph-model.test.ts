import { describe, expect, it } from 'vitest';
import type { Analysis, Estate } from '../../engine';
import { editsTestEstate } from '../../engine/testing/edits';
import { addRoleAssignment } from '../../engine/edits';
import { buildGraphModel, GraphModelMemo } from './graph-model';
import { keepUnchangedSpecs, nextShownPair, type ShownPair } from './use-graph-model';

// Stand-ins: the function only compares objects by identity.
const estate = (name: string) => ({ name }) as unknown as Estate;
const analysis = (name: string) => ({ name }) as unknown as Analysis;

describe('which estate and analysis the graph shows', () => {
  const before: ShownPair = { estate: estate('v1'), analysis: analysis('a1') };

  it('keeps the pair it shows while an edit is analysed in the worker (the analysis at hand is stale)', () => {
    const during = { estate: estate('v2'), analysis: before.analysis };
    expect(nextShownPair(before, during, true)).toBe(before);
  });

  it('shows the edited estate with its own analysis once that arrives', () => {
    const after = { estate: estate('v2'), analysis: analysis('a2') };
    expect(nextShownPair(before, after, false)).toBe(after);
  });

  it('shows the new estate at once when the analysis is current (a small estate analysed in place)', () => {
    const current = { estate: estate('v2'), analysis: analysis('a2') };
    expect(nextShownPair(before, current, false)).toBe(current);
  });

  it('shows an estate without analysis while the engine loads, and keeps the same pair object when nothing changed', () => {
    const loading = { estate: estate('v1'), analysis: undefined };
    const shown = nextShownPair(undefined, loading, false);
    expect(shown).toBe(loading);
    expect(nextShownPair(shown, { ...loading }, false)).toBe(shown);
  });

  it('draws the current pair when it has shown nothing yet, stale or not', () => {
    const current = { estate: estate('v2'), analysis: analysis('a1') };
    expect(nextShownPair(undefined, current, true)).toBe(current);
  });
});

describe('the graph model of an edit', () => {
  const before = editsTestEstate();
  // As the graph builds them: with one memo, which gives a box that comes out the same its last object.
  const memo = new GraphModelMemo();
  const previous = buildGraphModel(before, undefined, undefined, memo);
  const [principal] = before.users;
  const [workspace] = before.workspaces;
  if (!principal || !workspace) throw new Error('the edits test estate has a user and a workspace');

  it('keeps the node list of the model before when the boxes are the same, with the new edges', () => {
    const granted = addRoleAssignment(before, { principal: principal.id, role: 'acdd72a7-3385-48ef-bd42-f606fba81ae7' as never, scope: workspace.armId });
    const built = buildGraphModel(granted, undefined, undefined, memo);
    const next = keepUnchangedSpecs(previous, built);
    expect(next.nodes).toBe(previous.nodes);
    expect(next.edges).toBe(built.edges);
    expect(next.edges.length).toBe(previous.edges.length + 1);
  });

  it('keeps the node list when an edit gives an entity a new object but the same box', () => {
    // A copy of the user: its box is built again, comes out the same, and is last time's object.
    const copied = { ...before, users: before.users.map((user) => (user.id === principal.id ? { ...user } : user)) };
    expect(keepUnchangedSpecs(previous, buildGraphModel(copied, undefined, undefined, memo)).nodes).toBe(previous.nodes);
    // Renamed, its box is new, and so is the list.
    const renamed = { ...before, users: before.users.map((user) => (user.id === principal.id ? { ...user, name: 'renamed' } : user)) };
    expect(keepUnchangedSpecs(previous, buildGraphModel(renamed, undefined, undefined, memo)).nodes).not.toBe(previous.nodes);
  });

  it('gives a new node list when a box comes or goes, keeping the boxes that stayed', () => {
    const fewer = { ...before, users: before.users.filter((user) => user.id !== principal.id) };
    const next = keepUnchangedSpecs(previous, buildGraphModel(fewer, undefined, undefined, memo));
    expect(next.nodes).not.toBe(previous.nodes);
    const kept = new Set(previous.nodes);
    expect(next.nodes.every((node) => kept.has(node))).toBe(true);
  });
});
