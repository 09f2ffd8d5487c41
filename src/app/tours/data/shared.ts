import { type RoleId, type SourceId, SOURCES } from '../../../engine';
import { selected, selectedPath } from '../engine/conditions';
import type { Condition, EntityRef, PathRef, TourAction, TourSource, TourStep } from '../engine/types';

/** What a step says; the builders below add what it highlights and waits for. */
type StepWords = Pick<TourStep, 'id' | 'title' | 'text' | 'sources'>;

/** Built-in role GUIDs the tours grant (names and ids from Azure's built-in roles page, S14). */
export const ROLES = {
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d' as RoleId,
  contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c' as RoleId,
  managedIdentityOperator: 'f1a07417-d97a-45cb-824c-7a7467783830' as RoleId,
  azureMlDataScientist: 'f6c7c914-8db3-469d-8ca1-694a8f32e121' as RoleId,
  connectionSecretsReader: 'ea01e6af-a1c1-4350-9563-ad00f8c72ec5' as RoleId,
} as const;

/** A source of the fact sheet, as the rules cite it. */
export function source(id: SourceId): TourSource {
  return SOURCES[id];
}

/**
 * A step the reader completes by doing something: `highlight` is brought forward meanwhile, the step moves on once
 * `waitFor` holds, and "Do it for me" (or a deep link past the step) performs `action`.
 */
function actionStep(
  words: StepWords,
  highlight: TourStep['highlight'],
  waitFor: Condition,
  action: TourAction,
): TourStep {
  return { ...words, highlight, waitFor, doIt: [action] };
}

/** A step that waits for the reader to select one entity, brought forward meanwhile; "Do it for me" selects it. */
export function selectEntityStep(entity: EntityRef, words: StepWords): TourStep {
  return actionStep(words, { entities: [entity] }, selected(entity), { kind: 'select', entity });
}

/** A step that waits for the reader to open one access path, brought forward meanwhile; "Do it for me" opens it. */
export function openPathStep(path: PathRef, words: StepWords): TourStep {
  return actionStep(words, { paths: [path] }, selectedPath(path), { kind: 'select-path', path });
}

/**
 * A step that asks the reader to assign `role` to `principal` on `scope` (both brought forward) and waits for
 * `waitFor`, the effect of the grant; "Do it for me" plans the assignment.
 */
export function assignRoleStep(
  grant: { principal: EntityRef; role: RoleId; scope: EntityRef },
  waitFor: Condition,
  words: StepWords,
): TourStep {
  const { principal, role, scope } = grant;
  return actionStep(words, { entities: [principal, scope] }, waitFor, {
    kind: 'assign-role',
    principal,
    role,
    scope,
  });
}

/** A step that points at what one rule reports about `subject`, bringing the subject forward with the finding. */
export function findingStep(rule: string, subject: EntityRef, words: StepWords): TourStep {
  return { ...words, highlight: { entities: [subject], findings: [{ rule, subject }] } };
}
