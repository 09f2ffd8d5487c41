import { PIECE_PREFIX, SESSION_FORMAT } from './persistence';

/*
 * A saved session stores its estates' collections as separate records ("pieces"), so that a save writes only
 * what an edit changed. IndexedDB encodes a value as a structured clone on the main thread when it is put:
 * a business unit's session (the estate, the one it was opened as, a hundred undo steps) took 200-300 ms to
 * encode on every save, although an edit replaces one collection and a few items in it. Here each collection
 * is cut into runs of items, and a run already stored (the same item objects, in the same order) is named by
 * its key instead of being written again.
 *
 * Runs end where an item's id hashes to a boundary (or at MAX_PIECE items), so their ends depend on the items,
 * not on positions: adding or removing one item changes the run it is in, not every run after it. Where a
 * collection goes on with a run stored before, that run is taken as it is.
 */

/** Marks a collection in a stored record that lists its pieces instead of holding its items. */
const PIECES_MARK = 'aml.pieces';
const MAX_PIECE = 1_024;
// One item in 256, on average, ends a run: a business unit's session is a few hundred pieces (each save looks
// each of them up), and an edit rewrites a run of a few hundred items (a millisecond or two to encode).
const BOUNDARY_MASK = 255;

type Items = readonly unknown[];
type Piece = { key: string; items: Items };
type PackedCollection = { [PIECES_MARK]: string[] };
type Loose = Record<string, unknown>;

const isRecord = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);

function endsRun(item: unknown): boolean {
  const id = isRecord(item) ? item.id : undefined;
  if (typeof id !== 'string') return false;
  // The tail of an id is what tells items apart (resource ids share long prefixes).
  let hash = 0;
  for (let i = Math.max(0, id.length - 24); i < id.length; i++) hash = (Math.imul(hash, 31) + id.charCodeAt(i)) | 0;
  return (hash & BOUNDARY_MASK) === BOUNDARY_MASK;
}

function isPackedCollection(value: unknown): value is PackedCollection {
  if (!isRecord(value)) return false;
  const keys = value[PIECES_MARK];
  return Array.isArray(keys) && keys.every((key) => typeof key === 'string');
}

/** What to store for a record: the record with its collections named by piece, and every piece it names. */
export interface PackedRecord {
  record: unknown;
  /** Every piece the record names, by key, with its items (stored already or not). */
  pieces: Map<string, Items>;
}

/** Packs records for storage, remembering which runs of items have a key (per storage). */
export interface Packer {
  pack(record: unknown): PackedRecord;
  /** Rebuilds a stored record from its pieces; the rebuilt collections are remembered as stored. */
  unpack(record: unknown, pieceOf: (key: string) => unknown): unknown;
}

/** The piece keys a stored record names (none for a record saved before pieces, or for anything else). */
export function piecesOf(record: unknown): string[] {
  const keys = new Set<string>();
  for (const estate of estatesOf(record)) for (const value of Object.values(estate)) if (isPackedCollection(value)) for (const key of value[PIECES_MARK]) keys.add(key);
  return [...keys];
}

/** The estates in a session record: its estate, its baseline and those of its undo and redo steps. */
function estatesOf(record: unknown): Loose[] {
  if (!isRecord(record) || record.format !== SESSION_FORMAT) return [];
  const estates: Loose[] = [];
  if (isRecord(record.estate)) estates.push(record.estate);
  if (isRecord(record.baseline)) estates.push(record.baseline);
  for (const steps of [record.past, record.future])
    if (Array.isArray(steps)) for (const step of steps) if (isRecord(step) && isRecord(step.estate)) estates.push(step.estate);
  return estates;
}

/** Copies a session record with each estate replaced by `convert(estate)` (the same estate, the same copy). */
function mapEstates(record: unknown, convert: (estate: Loose) => Loose): unknown {
  if (!isRecord(record) || record.format !== SESSION_FORMAT) return record;
  const done = new Map<Loose, Loose>();
  const once = (estate: unknown) => {
    if (!isRecord(estate)) return estate;
    let converted = done.get(estate);
    if (converted === undefined) {
      converted = convert(estate);
      done.set(estate, converted);
    }
    return converted;
  };
  const steps = (value: unknown) =>
    Array.isArray(value) ? value.map((step: unknown) => (isRecord(step) && 'estate' in step ? { ...step, estate: once(step.estate) } : step)) : value;
  const copy: Loose = { ...record, estate: once(record.estate), past: steps(record.past), future: steps(record.future) };
  if ('baseline' in record) copy.baseline = once(record.baseline);
  return copy;
}

/** A packer with its own memory of keys; `newKey` names new pieces (random by default). */
export function createPacker(newKey: () => string = randomPieceKey): Packer {
  // The pieces of each collection array already cut, and the stored runs by their first item.
  const cutsOf = new WeakMap<Items, Piece[]>();
  const runsStartingWith = new WeakMap<object, Piece[]>();
  const packedEstates = new WeakMap<Loose, { packed: Loose; pieces: Piece[] }>();

  const remember = (piece: Piece) => {
    const first = piece.items[0];
    if (typeof first !== 'object' || first === null) return;
    const runs = runsStartingWith.get(first);
    if (runs === undefined) runsStartingWith.set(first, [piece]);
    else if (!runs.includes(piece)) runs.push(piece);
  };

  // The stored run that `items` go on with from `start`, if any: the same item objects, in the same order.
  const knownRunAt = (items: Items, start: number): Piece | undefined => {
    const first = items[start];
    if (typeof first !== 'object' || first === null) return undefined;
    search: for (const run of runsStartingWith.get(first) ?? []) {
      if (start + run.items.length > items.length) continue;
      for (let i = 1; i < run.items.length; i++) if (run.items[i] !== items[start + i]) continue search;
      return run;
    }
    return undefined;
  };

  const cut = (items: Items): Piece[] => {
    let pieces = cutsOf.get(items);
    if (pieces !== undefined) return pieces;
    pieces = [];
    let start = 0;
    while (start < items.length) {
      // A run stored before is taken whole, without hashing its ids: an edited collection is mostly those.
      let piece = knownRunAt(items, start);
      if (piece === undefined) {
        let end = start + 1;
        while (end < items.length && end - start < MAX_PIECE && !endsRun(items[end - 1])) end++;
        piece = { key: newKey(), items: items.slice(start, end) };
        remember(piece);
      }
      pieces.push(piece);
      start += piece.items.length;
    }
    cutsOf.set(items, pieces);
    return pieces;
  };

  const packEstate = (estate: Loose) => {
    let known = packedEstates.get(estate);
    if (known === undefined) {
      const packed: Loose = { ...estate };
      const pieces: Piece[] = [];
      for (const [field, value] of Object.entries(estate)) {
        if (!Array.isArray(value) || value.length === 0) continue;
        const cutInto = cut(value);
        packed[field] = { [PIECES_MARK]: cutInto.map((piece) => piece.key) };
        pieces.push(...cutInto);
      }
      known = { packed, pieces };
      packedEstates.set(estate, known);
    }
    return known;
  };

  return {
    pack(record) {
      const pieces = new Map<string, Items>();
      const packed = mapEstates(record, (estate) => {
        const known = packEstate(estate);
        for (const piece of known.pieces) pieces.set(piece.key, piece.items);
        return known.packed;
      });
      return { record: packed, pieces };
    },
    unpack(record, pieceOf) {
      // The same list of pieces is the same collection array, as it was when saved.
      const collections = new Map<string, unknown[]>();
      const collection = (keys: string[]) => {
        const joined = keys.join(' ');
        let items = collections.get(joined);
        if (items === undefined) {
          const pieces: Piece[] = [];
          items = [];
          for (const key of keys) {
            const stored = pieceOf(key);
            if (!Array.isArray(stored)) throw new Error(`the saved piece ${key} is missing`);
            pieces.push({ key, items: stored });
            items.push(...(stored as unknown[]));
          }
          pieces.forEach(remember);
          cutsOf.set(items, pieces);
          collections.set(joined, items);
        }
        return items;
      };
      return mapEstates(record, (estate) => {
        let packs = false;
        const unpacked: Loose = { ...estate };
        for (const [field, value] of Object.entries(estate))
          if (isPackedCollection(value)) {
            unpacked[field] = collection(value[PIECES_MARK]);
            packs = true;
          }
        return packs ? unpacked : estate;
      });
    },
  };
}

function randomPieceKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `${PIECE_PREFIX}${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
