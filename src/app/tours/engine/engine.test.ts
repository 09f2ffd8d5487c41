import { describe, expect, it } from 'vitest';
import { endpointImagePullTour } from '../data/endpoint-image-pull';
import { trainingJobIdentityTour } from '../data/training-job-identity';
import {
  actionEdit,
  actionView,
  setupEdits,
  setupView,
  shouldAutoAdvance,
  stepHighlight,
  stepIndexOf,
  stepSatisfied,
} from './engine';
import { ref, resolveEntity } from './refs';
import { analysed, sampleEstate } from '../../testing/tours';
import type { TourStep } from './types';

const tour = endpointImagePullTour;
const fresh = sampleEstate(tour.sample);
const grantIndex = tour.steps.findIndex((step) => step.id === 'grant-acrpull');

describe('stepIndexOf', () => {
  it('finds a step by id and falls back to the first for an unknown one', () => {
    expect(stepIndexOf(tour, 'grant-acrpull')).toBe(grantIndex);
    expect(stepIndexOf(tour, 'no-such-step')).toBe(0);
    expect(stepIndexOf(tour, undefined)).toBe(0);
  });
});

describe('stepSatisfied and shouldAutoAdvance', () => {
  const waiting = tour.steps[grantIndex]!;
  const plain = tour.steps[0]!;
  const context = {
    estate: fresh,
    analysis: analysed(fresh),
    selection: undefined,
    panelTab: 'findings' as const,
  };
  it('lets a plain step go on at once and holds a waiting one back', () => {
    expect(stepSatisfied(plain, undefined)).toBe(true);
    expect(stepSatisfied(waiting, context)).toBe(false);
    expect(stepSatisfied(waiting, undefined)).toBe(false);
  });
  it('moves on only when the condition turns true while the step is shown', () => {
    expect(shouldAutoAdvance(waiting, false, true)).toBe(true);
    expect(shouldAutoAdvance(waiting, true, true)).toBe(false);
    expect(shouldAutoAdvance(waiting, false, false)).toBe(false);
    expect(shouldAutoAdvance(plain, false, true)).toBe(false);
  });
});

describe('setupEdits', () => {
  it('applies the earlier steps’ edits for a link past an action step', async () => {
    const edits = await setupEdits(tour, tour.steps.length - 1, fresh, analysed);
    expect(edits.map((edit) => edit.label)).toEqual(['Grant AcrPull to id-ep-credit-scoring on crlendingml']);
  });
  it('applies nothing for a link to the action step itself or before it', async () => {
    expect(await setupEdits(tour, grantIndex, fresh, analysed)).toEqual([]);
    expect(await setupEdits(tour, 0, fresh, analysed)).toEqual([]);
  });
  it('skips an edit whose step is already done', async () => {
    const [edit] = await setupEdits(tour, tour.steps.length - 1, fresh, analysed);
    const done = edit!.apply(fresh);
    expect(await setupEdits(tour, tour.steps.length - 1, done, analysed)).toEqual([]);
  });
});

describe('setupView', () => {
  it('restores the selection the latest earlier step made', () => {
    const view = setupView(tour, grantIndex, fresh, analysed(fresh));
    expect(view.selection?.kind).toBe('path');
    expect(view.selection?.id).toMatch(/^deployment-image-pull\|/);
  });
  it('restores nothing for the first step', () => {
    expect(setupView(tour, 0, fresh, analysed(fresh))).toEqual({});
  });
});

describe('actions', () => {
  it('turns a role grant into a labelled what-if edit and a select into a selection', () => {
    const edit = actionEdit(
      {
        kind: 'assign-role',
        principal: ref('userAssignedIdentity', 'id-ep-credit-scoring'),
        role: '7f951dda-4ed3-4680-a7ca-43fe172d538d' as never,
        scope: ref('containerRegistry', 'crlendingml'),
      },
      fresh,
    );
    expect(edit?.label).toBe('Grant AcrPull to id-ep-credit-scoring on crlendingml');
    expect(edit!.apply(fresh).roleAssignments.length).toBe(fresh.roleAssignments.length + 1);
    const view = actionView(
      { kind: 'select', entity: ref('containerRegistry', 'crlendingml') },
      fresh,
      analysed(fresh),
    );
    expect(view).toEqual({
      selection: { kind: 'entity', id: resolveEntity(fresh, ref('containerRegistry', 'crlendingml')) },
    });
    expect(actionView({ kind: 'show-panel', tab: 'paths' }, fresh, analysed(fresh))).toEqual({
      panelTab: 'paths',
    });
  });
  it('resolves nothing for refs the estate lacks', () => {
    expect(
      actionEdit(
        {
          kind: 'assign-role',
          principal: ref('user', 'nobody'),
          role: '7f951dda-4ed3-4680-a7ca-43fe172d538d' as never,
          scope: ref('containerRegistry', 'crlendingml'),
        },
        fresh,
      ),
    ).toBeUndefined();
    expect(
      actionEdit({ kind: 'select', entity: ref('containerRegistry', 'crlendingml') }, fresh),
    ).toBeUndefined();
    expect(
      actionView({ kind: 'select', entity: ref('user', 'nobody') }, fresh, analysed(fresh)),
    ).toBeUndefined();
  });
  it('switches a cluster’s identity with set-identity', () => {
    const vision = sampleEstate('compute-identities');
    const edit = actionEdit(
      {
        kind: 'set-identity',
        resource: ref('compute', 'cpu-cluster'),
        system: false,
        userAssigned: [ref('userAssignedIdentity', 'id-vision-train')],
      },
      vision,
    );
    expect(edit?.label).toBe('Set the identity of cpu-cluster to id-vision-train');
  });
});

describe('stepHighlight', () => {
  it('resolves entities, paths and finding subjects to graph ids', () => {
    const step: TourStep = {
      id: 's',
      title: 'S',
      text: ['x.'],
      highlight: {
        entities: [ref('onlineEndpoint', 'ep-credit-scoring')],
        findings: [{ rule: 'AML-EPI-002', subject: ref('containerRegistry', 'crlendingml') }],
      },
    };
    const lit = stepHighlight(step, fresh, analysed(fresh));
    expect(lit.nodes).toContain(resolveEntity(fresh, ref('onlineEndpoint', 'ep-credit-scoring')));
    expect(lit.nodes).toContain(resolveEntity(fresh, ref('containerRegistry', 'crlendingml')));
    expect(lit.paths.some((id) => id.startsWith('deployment-image-pull|'))).toBe(true);
  });
  it('is empty for a step without a highlight', () => {
    expect(stepHighlight(trainingJobIdentityTour.steps[0]!, fresh, analysed(fresh))).toEqual({
      nodes: [],
      paths: [],
    });
  });
});
