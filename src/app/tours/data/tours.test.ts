import { describe, expect, it } from 'vitest';
import index from '../../../../public/samples/index.json';
import type { Estate } from '../../../engine/model/types';
import { RULES } from '../../../engine/rules/all-rules';
import { actionEdit, actionView, setupEdits } from '../engine/engine';
import { describeRef, entitiesNamed, resolveFindings, resolvePaths, tourRefs } from '../engine/refs';
import { analysed as analyse, sampleEstate as loadSample } from '../../testing/tours';
import type { Tour, TourContext, TourRefs } from '../engine/types';
import { TOURS, tourById } from './index';

/*
 * The tours keep their promises against the real sample files: every entity, path and finding a step names
 * exists in the estate as it is at that step, every waiting step is not yet done when it opens and is done
 * after its "Do it for me", and the outcomes the last steps describe are what the analysis reports.
 */

const SAMPLES = index as { id: string; file: string }[];
const RULE_IDS = new Set(RULES.map((rule) => rule.id));

/** The estate a deep link to step `index` sets up on the fresh sample. */
async function estateAtStep(tour: Tour, index: number): Promise<Estate> {
  let estate = loadSample(tour.sample);
  for (const edit of await setupEdits(tour, index, estate, analyse)) estate = edit.apply(estate);
  return estate;
}

/** What is wrong with a set of refs in this estate; empty when all resolve. */
function problems(refs: Partial<TourRefs>, estate: Estate): string[] {
  const analysis = analyse(estate);
  const found: string[] = [];
  for (const entity of refs.entities ?? []) {
    const count = entitiesNamed(estate, entity).length;
    if (count !== 1) found.push(`${describeRef(entity)} matches ${count} entities`);
  }
  for (const path of refs.paths ?? [])
    if (resolvePaths(estate, analysis, path).length === 0)
      found.push(`no ${path.kind} path from "${path.actor.name}" to "${path.target.name}"`);
  for (const finding of refs.findings ?? []) {
    if (!RULE_IDS.has(finding.rule)) found.push(`no rule ${finding.rule}`);
    else if (resolveFindings(estate, analysis, finding).length === 0)
      found.push(`no ${finding.rule} finding${finding.subject ? ` about "${finding.subject.name}"` : ''}`);
  }
  return found;
}

function contextFor(
  estate: Estate,
  view: Partial<Pick<TourContext, 'selection' | 'panelTab'>> = {},
): TourContext {
  return {
    estate,
    analysis: analyse(estate),
    selection: view.selection,
    panelTab: view.panelTab ?? 'findings',
  };
}

describe('the tour catalogue', () => {
  it('has the six tours the issue asks for, with unique ids', () => {
    expect(TOURS.map((tour) => tour.title)).toEqual(
      expect.arrayContaining([
        'What identity does my training job use?',
        'Why can’t my endpoint pull its image?',
        'System versus user-assigned identity for a workspace',
        'Private registry base images',
        'Calling and managing an online endpoint',
        'Secret injection and the enforce flag',
      ]),
    );
    expect(new Set(TOURS.map((tour) => tour.id)).size).toBe(TOURS.length);
    expect(tourById('endpoint-image-pull')?.sample).toBe('endpoint-user-assigned');
    expect(tourById('no-such-tour')).toBeUndefined();
  });
});

describe.each(TOURS.map((tour) => [tour.id, tour] as const))('tour %s', (_id, tour) => {
  it('opens a sample that exists and has well-formed steps', () => {
    expect(SAMPLES.map((sample) => sample.id)).toContain(tour.sample);
    expect(tour.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(tour.steps.length).toBeGreaterThanOrEqual(4);
    const stepIds = tour.steps.map((step) => step.id);
    expect(new Set(stepIds).size).toBe(stepIds.length);
    for (const step of tour.steps) {
      expect(step.id, step.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      const sentences = step.text
        .join(' ')
        .split(/[.!?](?=\s|$)/)
        .filter((part) => part.trim() !== '').length;
      expect(sentences, `${step.id} has ${sentences} sentences`).toBeGreaterThanOrEqual(1);
      expect(sentences, `${step.id} has ${sentences} sentences`).toBeLessThanOrEqual(3);
      for (const link of step.sources ?? []) expect(link.url).toMatch(/^https:\/\//);
      // A step that asks for an action can always be done for the person.
      if (step.waitFor)
        expect(step.doIt?.length, `${step.id} waits but cannot be done for you`).toBeGreaterThan(0);
    }
    // Every tour asks the person to change the estate at least once, not only to click around.
    expect(
      tour.steps.some((step) =>
        step.doIt?.some((action) => action.kind === 'assign-role' || action.kind === 'set-identity'),
      ),
    ).toBe(true);
  });

  it('names only entities, paths and findings that exist in its sample at that step', async () => {
    const refs = tourRefs(tour);
    expect(refs.entities.length + refs.paths.length).toBeGreaterThan(0);
    for (const [index, step] of tour.steps.entries()) {
      const estate = await estateAtStep(tour, index);
      expect(problems(step.highlight ?? {}, estate), `highlight of ${step.id}`).toEqual([]);
      expect(problems(step.waitFor?.refs ?? {}, estate), `condition of ${step.id}`).toEqual([]);
    }
  });

  it('waits at each action step until the action is done, and "Do it for me" does it', async () => {
    for (const [index, step] of tour.steps.entries()) {
      if (!step.waitFor) continue;
      const estate = await estateAtStep(tour, index);
      expect(step.waitFor.holds(contextFor(estate)), `${step.id} holds before anything was done`).toBe(false);
      let after = estate;
      let view: Partial<Pick<TourContext, 'selection' | 'panelTab'>> = {};
      for (const action of step.doIt ?? []) {
        const edit = actionEdit(action, after);
        if (edit) after = edit.apply(after);
        const change = actionView(action, after, analyse(after));
        if (change) view = { ...view, ...change };
        expect(edit !== undefined || change !== undefined, `${step.id}: an action resolves to nothing`).toBe(
          true,
        );
      }
      expect(
        step.waitFor.holds(contextFor(after, view)),
        `${step.id} does not hold after "Do it for me"`,
      ).toBe(true);
    }
  });
});

describe('what the last steps say happened', () => {
  const last = (id: string) => {
    const tour = tourById(id)!;
    return estateAtStep(tour, tour.steps.length - 1);
  };
  const pathsOf = (estate: Estate, kind: string, actor: string) => {
    const names = new Map([...entitiesNamedAll(estate)].map((entity) => [entity.id as string, entity.name]));
    return analyse(estate)
      .paths.filter((path) => path.kind === kind && names.get(path.actor) === actor)
      .map((path) => ({
        target: names.get(path.target as string),
        identity:
          path.identity.principal === undefined ? path.identity.kind : names.get(path.identity.principal),
        status: path.status,
      }));
  };

  it('the baseline job reads shelf_images as id-vision-train once the cluster switched', async () => {
    expect(pathsOf(await last('training-job-identity'), 'job-datastore', 'train-baseline')).toEqual([
      { target: 'shelf_images', identity: 'id-vision-train', status: 'granted' },
    ]);
  });

  it('the image pull is granted and the model and secret paths are still missing', async () => {
    const paths = pathsOf(await last('endpoint-image-pull'), 'deployment-image-pull', 'scorecard-v7');
    expect(paths.map((path) => path.status)).toEqual(['granted']);
    const model = pathsOf(await last('endpoint-image-pull'), 'deployment-model-storage', 'scorecard-v7');
    expect(model.map((path) => path.status)).toEqual(['missing']);
  });

  it('the managed build and the routing secrets are no longer missing', async () => {
    const build = pathsOf(
      await last('private-base-images'),
      'environment-build-private-registry',
      'mlw-recommender',
    );
    expect(build.length).toBeGreaterThan(0);
    expect(build.every((path) => path.status !== 'missing')).toBe(true);
    const secrets = pathsOf(await last('secret-injection'), 'deployment-connection-secret', 'router-v2');
    expect(secrets.length).toBe(2);
    expect(secrets.every((path) => path.status !== 'missing')).toBe(true);
  });
});

function* entitiesNamedAll(estate: Estate) {
  for (const value of Object.values(estate))
    if (Array.isArray(value))
      for (const item of value as { id?: string; name?: string }[])
        if (item.id && item.name) yield item as { id: string; name: string };
}
