import type { KeyValueStorage } from './persistence';

export const DATABASE_NAME = 'aml-access-map';
export const OBJECT_STORE = 'kv';

/**
 * A key-value store in IndexedDB (one object store, out-of-line keys). Values go in as structured clones,
 * which keep shared objects shared; that is what makes a long undo history cheap to store.
 */
export function indexedDbStorage(name = DATABASE_NAME): KeyValueStorage {
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
  return {
    get: (key) => run('readonly', (store) => store.get(key)),
    set: async (key, value) => {
      await run('readwrite', (store) => {
        // A stamp left from a swap would describe the value this write replaces.
        store.delete(stampKeyOf(key));
        return store.put(value, key);
      });
    },
    delete: async (key) => {
      await run('readwrite', (store) => {
        store.delete(stampKeyOf(key));
        return store.delete(key);
      });
    },
    keys: async () => (await run('readonly', (store) => store.getAllKeys())).map(String).filter((key) => !key.endsWith(STAMP_SUFFIX)),
    // One readwrite transaction: IndexedDB runs overlapping ones one after another, even across tabs, so no
    // other tab's save can land between the read and the write.
    swap: async (key, value, decide) => {
      // An error thrown in a request's handler would abort the transaction as a bare AbortError; the error
      // itself (a QuotaExceededError, a DataCloneError) is what the caller needs to tell apart.
      let thrown: unknown;
      try {
        await run('readwrite', (store) => {
          const guard = (step: () => void) => () => {
            try {
              step();
            } catch (error) {
              thrown = error;
              store.transaction.abort();
            }
          };
          const write = () => {
            store.put(value, key);
            const stamp = stampOf(value);
            if (stamp === undefined) store.delete(stampKeyOf(key));
            else store.put(stamp, stampKeyOf(key));
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
              store.put(record.value, keepAt);
              return write();
            }
            const read = store.get(key);
            read.onsuccess = guard(() => {
              if (read.result !== undefined) store.put(read.result, keepAt);
              write();
            });
          };
          const stampRead = store.get(stampKeyOf(key));
          stampRead.onsuccess = guard(() => {
            if (stampRead.result !== undefined) return settle(stampRead.result, undefined);
            // A record saved before stamps existed (or by set()): read it whole, once.
            const read = store.get(key);
            read.onsuccess = guard(() => settle(read.result, { value: read.result }));
          });
          return stampRead;
        });
      } catch (error) {
        throw thrown ?? error;
      }
    },
  };
}

// The stamp of a record stored under `key` is kept under `key` + this suffix.
const STAMP_SUFFIX = '#stamp';
const stampKeyOf = (key: string) => `${key}${STAMP_SUFFIX}`;

// What a save's decision reads of the record it would replace: the fields contentStamp and displacedKey use.
function stampOf(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { content, savedAt, writer } = value as Record<string, unknown>;
  return { content, savedAt, writer };
}

let shared: KeyValueStorage | undefined;

/** The app's one storage for sessions (the notice reads kept-aside records from it for download). */
export function appStorage(): KeyValueStorage {
  shared ??= indexedDbStorage();
  return shared;
}
