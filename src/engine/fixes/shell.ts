import type { EntityId } from '../model/ids';
import type { Topology } from '../model/topology';

/**
 * Quotes one word for a POSIX shell. Words made only of safe characters stay as they are so that fixes
 * stay readable; anything else (a display name from an export, say) is single-quoted, so that a name can
 * never turn into shell syntax.
 */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@=,+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The name of the resource group an entity lives in, or a placeholder a person must fill in. */
export function resourceGroupName(topology: Topology, id: EntityId): string {
  return topology.resourceGroupOf(id)?.name ?? '<resource-group>';
}
