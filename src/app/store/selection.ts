import type { EntityId } from '../../engine';

/** What the user is looking at: an entity, a finding or an access path (finding and path ids come from the analysis). */
export type Selection =
  { kind: 'entity'; id: EntityId } | { kind: 'finding'; id: string } | { kind: 'path'; id: string };
