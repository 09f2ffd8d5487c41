import { allEntities, type Entity, type Estate } from '../../../engine';
import { KIND_ORDER, KIND_PRESENTATION } from '../../graph/entity-kinds';

/** Entities that pass `keep`, grouped by kind in the legend's order, each group sorted by name. */
export function entitiesByKind(estate: Estate, keep: (entity: Entity) => boolean): { label: string; entities: Entity[] }[] {
  const byKind = new Map<Entity['kind'], Entity[]>();
  for (const entity of allEntities(estate)) {
    if (!keep(entity)) continue;
    const list = byKind.get(entity.kind);
    if (list) list.push(entity);
    else byKind.set(entity.kind, [entity]);
  }
  return KIND_ORDER.filter((kind) => byKind.has(kind)).map((kind) => ({
    label: KIND_PRESENTATION[kind].label,
    entities: (byKind.get(kind) ?? []).sort((a, b) => a.name.localeCompare(b.name)),
  }));
}

/** `<optgroup>`s for a select of entities; option values are entity ids, or ARM ids when `value` says so. */
export function EntityOptions({
  groups,
  value = 'id',
}: {
  groups: readonly { label: string; entities: readonly Entity[] }[];
  value?: 'id' | 'armId';
}) {
  return (
    <>
      {groups.map((group) => (
        <optgroup key={group.label} label={group.label}>
          {group.entities.map((entity) => (
            <option key={entity.id} value={value === 'armId' && 'armId' in entity ? entity.armId : entity.id}>
              {entity.name}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}
