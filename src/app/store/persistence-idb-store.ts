import { PIECE_PREFIX, type KeyValueStorage } from './persistence';
import { createPacker, piecesOf, type PackedRecord } from './persistence-pieces';

const OBJECT_STORE = 'kv';

/**
 * A key-value store in IndexedDB (one object store, out-of-line keys). Values go in as structured clones,
 * which keep shared objects shared; a saved session's collections go in as pieces of their own (see
 * persistence-pieces.ts), so that a save encodes and writes only what changed since the last one.
 */
export function indexedDbStorage(name: string): KeyValueStorage {
  let opening: Promise<IDBDatabase> | undefined;
  const open = () => {
    opening ??= new Promise<IDBDatabase>((resolve, reject) => {
      if (typeof indexedDB === 'undefined') {
        reject(new Error('this browser offers no IndexedDB (a private window, perhaps)'));
        return;
      }
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => {
        if (!request.result.objectStoreNames.contains(OBJECT_STORE)) request.result.createObjectStore(OBJECT_STORE);
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
      request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab of this app'));
    });
    return opening;
  };
  const run = async <T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const db = await open();
    const transaction = db.transaction(OBJECT_STORE, mode);
    const request = act(transaction.objectStore(OBJECT_STORE));
    // A write is only safe once the transaction commits, and quota errors surface on the transaction, so
    // wait for it rather than for the request.
    await new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onabort = () => reject(transaction.error ?? request.error ?? new Error('IndexedDB transaction aborted'));
    });
    return request.result;
  };
  // Like run, for work that goes on in requests' handlers: an error thrown there would abort the transaction
  // as a bare AbortError, while the error itself (a QuotaExceededError, a DataCloneError) is what the caller
  // needs to tell apart.
  const runGuarded = async <T>(
    mode: IDBTransactionMode,
    act: (store: IDBObjectStore, guard: (step: () => void) => () => void) => IDBRequest<T>,
  ): Promise<T> => {
    let thrown: unknown;
    try {
      return await run(mode, (store) => {
        const guard = (step: () => void) => () => {
          try {
            step();
          } catch (error) {
            thrown = error;
            store.transaction.abort();
          }
        };
        try {
          return act(store, guard);
        } catch (error) {
          // Nothing of a write that failed half way is kept (the pieces asked for before it, say).
          thrown = error;
          store.transaction.abort();
          throw error;
        }
      });
    } catch (error) {
      throw thrown ?? error;
    }
  };
  const packer = createPacker();
  // Pieces this page has written or read: stored, unless collected since (which the final write checks).
  const storedHere = new Set<string>();
  // A session's new pieces are written ahead of it, a few at a time, each batch a task of its own: opening a
  // business unit gives its first save megabytes to encode, and one task for all of them held the main thread
  // for a quarter of a second. Pieces written ahead that no record ends up naming are collected like others.
  const writeAhead = async (pieces: ReadonlyMap<string, readonly unknown[]>) => {
    let batch: [string, readonly unknown[]][] = [];
    let items = 0;
    const flush = async () => {
      const writing = batch;
      batch = [];
      items = 0;
      await runGuarded('readwrite', (store) => {
        let last: IDBRequest | undefined;
        for (const [key, piece] of writing) last = store.put(piece, key);
        return last!;
      });
      for (const [key] of writing) storedHere.add(key);
    };
    for (const entry of pieces) {
      if (storedHere.has(entry[0])) continue;
      batch.push(entry);
      items += entry[1].length;
      if (items >= WRITE_AHEAD_ITEMS) await flush();
    }
    if (batch.length > 0) await flush();
  };
  // Writes a record with the pieces it names that are not stored (a piece written before may have been
  // collected since, when no record named it any more: each is looked up, which reads no value), and its stamp.
  const writeRecord = (
    store: IDBObjectStore,
    guard: (step: () => void) => () => void,
    key: string,
    packed: PackedRecord,
  ) => {
    for (const [pieceKey, items] of packed.pieces) {
      const present = store.count(pieceKey);
      present.onsuccess = guard(() => {
        if (present.result === 0) store.put(items, pieceKey);
      });
    }
    const stamp = stampOf(packed.record);
    if (stamp === undefined) store.delete(stampKeyOf(key));
    else store.put(stamp, stampKeyOf(key));
    return store.put(packed.record, key);
  };
  const pack = async (value: unknown): Promise<PackedRecord> => {
    const packed = packer.pack(value);
    await writeAhead(packed.pieces);
    return packed;
  };
  let collecting: ReturnType<typeof setTimeout> | undefined;
  // Pieces no record names any more (an undo step dropped, a record deleted) are deleted a while after a
  // write, in a transaction of their own: the stamps list what every record names.
  const collectLater = () => {
    if (collecting !== undefined) clearTimeout(collecting);
    collecting = setTimeout(() => {
      collecting = undefined;
      void runGuarded('readwrite', (store, guard) => {
        const keys = store.getAllKeys();
        keys.onsuccess = guard(() => {
          const all = keys.result.map(String);
          const present = new Set(all);
          const stamps = all.filter((key) => key.endsWith(STAMP_SUFFIX));
          // A record with no stamp beside it (kept aside by set() before stamps listed pieces, or by an older
          // version of the app in another tab) is read, once: it may name pieces, and it gets its stamp.
          const unstamped = all.filter(
            (key) => !key.endsWith(STAMP_SUFFIX) && !key.startsWith(PIECE_PREFIX) && !present.has(stampKeyOf(key)),
          );
          const named = new Set<string>();
          let waiting = stamps.length + unstamped.length;
          const sweep = () => {
            for (const key of all) if (key.startsWith(PIECE_PREFIX) && !named.has(key)) store.delete(key);
          };
          const name = (pieces: unknown) => {
            if (Array.isArray(pieces)) for (const piece of pieces) named.add(String(piece));
            if (--waiting === 0) sweep();
          };
          if (waiting === 0) sweep();
          for (const stampKey of stamps) {
            const read = store.get(stampKey);
            read.onsuccess = guard(() => name((read.result as { pieces?: unknown } | undefined)?.pieces));
          }
          for (const key of unstamped) {
            const read = store.get(key);
            read.onsuccess = guard(() => {
              const stamp = stampOf(read.result);
              if (stamp !== undefined) store.put(stamp, stampKeyOf(key));
              name(stamp?.pieces);
            });
          }
        });
        return keys;
      }).catch(() => {
        // Left for the next write's collection: garbage costs room, not correctness.
      });
    }, COLLECT_DELAY_MS);
  };
  return {
    get: async (key) => {
      const found = new Map<string, unknown>();
      const record = await runGuarded('readonly', (store, guard) => {
        const read = store.get(key);
        read.onsuccess = guard(() => {
          for (const pieceKey of piecesOf(read.result)) {
            const piece = store.get(pieceKey);
            piece.onsuccess = () => {
              found.set(pieceKey, piece.result);
              if (piece.result !== undefined) storedHere.add(pieceKey);
            };
          }
        });
        return read;
      });
      return found.size === 0 ? record : packer.unpack(record, (pieceKey) => found.get(pieceKey));
    },
    set: async (key, value) => {
      const packed = await pack(value);
      await runGuarded('readwrite', (store, guard) => writeRecord(store, guard, key, packed));
      for (const piece of packed.pieces.keys()) storedHere.add(piece);
      collectLater();
    },
    delete: async (key) => {
      await run('readwrite', (store) => {
        store.delete(stampKeyOf(key));
        return store.delete(key);
      });
      collectLater();
    },
    keys: async () =>
      (await run('readonly', (store) => store.getAllKeys()))
        .map(String)
        .filter((key) => !key.endsWith(STAMP_SUFFIX) && !key.startsWith(PIECE_PREFIX)),
    // One readwrite transaction: IndexedDB runs overlapping ones one after another, even across tabs, so no
    // other tab's save can land between the read and the write.
    swap: async (key, value, decide) => {
      const packed = await pack(value);
      await runGuarded('readwrite', (store, guard) => {
        const write = () => void writeRecord(store, guard, key, packed);
        // The stored form of a record moves aside as it is, with its stamp (which lists the pieces it names).
        const moveAside = (record: unknown, keepAt: string) => {
          store.put(record, keepAt);
          const stamp = stampOf(record);
          if (stamp !== undefined) store.put(stamp, stampKeyOf(keepAt));
        };
        // `decide` needs only who wrote the record and which content it holds. Reading the small stamp kept
        // beside it, instead of the record, spares decoding the whole estate on every save (half a second
        // of the main thread on a business unit); the record itself is read only to be moved aside.
        const settle = (current: unknown, record: { value: unknown } | undefined) => {
          const decision = decide(current);
          if (!decision.write) return;
          const keepAt = decision.keepAt;
          if (keepAt === undefined) return write();
          if (record !== undefined) {
            moveAside(record.value, keepAt);
            return write();
          }
          const read = store.get(key);
          read.onsuccess = guard(() => {
            if (read.result !== undefined) moveAside(read.result, keepAt);
            write();
          });
        };
        const stampRead = store.get(stampKeyOf(key));
        stampRead.onsuccess = guard(() => {
          if (stampRead.result !== undefined) return settle(stampRead.result, undefined);
          // A record saved before stamps existed: read it whole, once.
          const read = store.get(key);
          read.onsuccess = guard(() => settle(read.result, { value: read.result }));
        });
        return stampRead;
      });
      for (const piece of packed.pieces.keys()) storedHere.add(piece);
      collectLater();
    },
  };
}

/** How many items of new pieces one write-ahead task encodes (a business unit's items: a few ms per thousand). */
const WRITE_AHEAD_ITEMS = 2_000;
/** How long after a write unnamed pieces are looked for. */
const COLLECT_DELAY_MS = 2_000;
// The stamp of a record stored under `key` is kept under `key` + this suffix.
const STAMP_SUFFIX = '#stamp';
const stampKeyOf = (key: string) => `${key}${STAMP_SUFFIX}`;

// What a save's decision reads of the record it would replace (the fields contentStamp and displacedKey use),
// and the pieces the stored record names, for collecting those no record names.
function stampOf(record: unknown): Record<string, unknown> | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const { content, savedAt, writer } = record as Record<string, unknown>;
  return { content, savedAt, writer, pieces: piecesOf(record) };
}
