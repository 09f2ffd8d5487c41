import { type RoleId, type SourceId, SOURCES } from '../../../engine';
import { selected, selectedPath } from '../engine/conditions';
import type { EntityRef, PathRef, TourSource, TourStep } from '../engine/types';

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

/** A step that waits for the reader to select one entity, brought forward meanwhile; "Do it for me" selects it. */
export function selectEntityStep(entity: EntityRef, words: StepWords): TourStep {
  return {
    ...words,
    highlight: { entities: [entity] },
    waitFor: selected(entity),
    doIt: [{ kind: 'select', entity }],
  };
}

/** A step that waits for the reader to open one access path, brought forward meanwhile; "Do it for me" opens it. */
export function openPathStep(path: PathRef, words: StepWords): TourStep {
  return {
    ...words,
    highlight: { paths: [path] },
    waitFor: selectedPath(path),
    doIt: [{ kind: 'select-path', path }],
  };
}
