import { describe, expect, it } from 'vitest';
import { setStorageAccess } from '../../engine/edits';
import { entityId } from '../../engine/model/ids';
import type { Estate } from '../../engine/model/types';
import { starterEstate } from '../testing/estates';
import { PIECE_PREFIX, sessionFrom } from './persistence';
import { createPacker, piecesOf } from './persistence-pieces';

const estate = starterEstate();
const storage0 = estate.storageAccounts[0]!.id;

/** An estate with `count` role assignments (one item in 256 ends a run on average: this makes dozens of runs). */
function withAssignments(count: number): Estate {
  const template = estate.roleAssignments[0]!;
  const roleAssignments = Array.from({ length: count }, (_, i) => ({ ...template, id: entityId(`${template.id}-${i}`) }));
  return { ...estate, roleAssignments };
}

/** Stores what a pack names the way IndexedDB would: a structured clone per piece, new keys only. */
function store(stored: Map<string, unknown>, packed: ReturnType<ReturnType<typeof createPacker>['pack']>): string[] {
  const written: string[] = [];
  for (const [key, items] of packed.pieces)
    if (!stored.has(key)) {
      stored.set(key, structuredClone(items));
      written.push(key);
    }
  return written;
}

describe('session pieces', () => {
  it('round-trips a session, keeping a collection shared between steps one array', () => {
    const packer = createPacker();
    const edited = setStorageAccess(estate, { storageAccount: storage0, allowSharedKeyAccess: false });
    const session = sessionFrom({ estate: edited, baseline: estate, past: [{ estate, label: 'open' }], future: [], view: { focusMode: false } });
    const packed = packer.pack(session);
    const stored = new Map<string, unknown>();
    store(stored, packed);
    expect([...stored.keys()].every((key) => key.startsWith(PIECE_PREFIX))).toBe(true);
    expect(piecesOf(packed.record).sort()).toEqual([...packed.pieces.keys()].sort());
    // The record itself holds no items any more.
    expect(JSON.stringify(packed.record)).not.toContain(storage0);

    const back = createPacker().unpack(structuredClone(packed.record), (key) => stored.get(key)) as typeof session;
    expect(back).toEqual(session);
    expect(back.baseline!.workspaces).toBe(back.past[0]!.estate.workspaces);
    expect(back.estate.workspaces).toBe(back.baseline!.workspaces);
  });

  it('after an edit, names the unchanged runs by their keys and gives only the changed run a new one', () => {
    const packer = createPacker();
    const before = withAssignments(8_000);
    const stored = new Map<string, unknown>();
    const first = store(stored, packer.pack(sessionFrom({ estate: before, past: [], future: [], view: { focusMode: false } })));
    expect(first.length).toBeGreaterThan(10);

    // One assignment replaced in the middle, one added at the start: two runs change, the others do not.
    const assignments = [...before.roleAssignments];
    assignments[4_000] = { ...assignments[4_000]!, scope: '/subscriptions/someone-else' };
    assignments.unshift({ ...assignments[0]!, id: entityId('added') });
    const after = { ...before, roleAssignments: assignments };
    const session = sessionFrom({ estate: after, past: [{ estate: before, label: 'edit' }], future: [], view: { focusMode: false } });
    const written = store(stored, packer.pack(session));
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThanOrEqual(4);

    const back = createPacker().unpack(structuredClone(packer.pack(session).record), (key) => stored.get(key)) as typeof session;
    expect(back.estate.roleAssignments).toEqual(assignments);
    expect(back.past[0]!.estate.roleAssignments).toEqual(before.roleAssignments);
  });

  it('writes nothing new for a session read back and saved again', () => {
    const stored = new Map<string, unknown>();
    const session = sessionFrom({ estate: withAssignments(500), past: [], future: [], view: { focusMode: false } });
    const packed = createPacker().pack(session);
    store(stored, packed);
    const reader = createPacker();
    const back = reader.unpack(structuredClone(packed.record), (key) => stored.get(key));
    expect(back).toEqual(session);
    expect(store(stored, reader.pack(back))).toEqual([]);
  });

  it('leaves records that are not sessions as they are, and says when a piece is missing', () => {
    const packer = createPacker();
    const other = { format: 'something else', estate };
    expect(packer.pack(other).record).toBe(other);
    expect(piecesOf(other)).toEqual([]);
    const packed = packer.pack(sessionFrom({ estate, past: [], future: [], view: { focusMode: false } }));
    const missing = [...packed.pieces.keys()][0]!;
    expect(() => createPacker().unpack(packed.record, () => undefined)).toThrow(`the saved piece ${missing} is missing`);
  });
});
