import { ENTITY_COLLECTIONS, type Estate } from '../../engine';
import type { EdgeLayer, EstateOrigin, HistoryStep } from './app-state';
import type { Selection } from './selection';

/*
 * What survives a reload: the working estate, its undo history and how it was being looked at. This file is
 * the format and the rules (versioned, migrated, checked, kept aside when unreadable, trimmed when storage
 * is full) over a small key-value interface; persistence-idb.ts stores it in IndexedDB and
 * persistence-session.ts wires it to the store.
 *
 * The record is saved as a structured clone, not as JSON: the clone keeps objects shared between history
 * steps shared (an edit replaces one collection, the other twenty-odd stay the same objects), so a hundred
 * steps of a large estate cost little more than one.
 */

export const SESSION_FORMAT = 'aml-access-map.session';
export const SESSION_VERSION = 1;
export const SESSION_KEY = 'session';
/** Unreadable records are moved under this prefix, never deleted. */
export const KEPT_ASIDE_PREFIX = 'unreadable-session:';
/**
 * Work another tab saved, moved under this prefix (and that tab's id) when this tab saves over it: one record
 * per tab, its latest, so two tabs taking turns cannot fill the storage.
 */
export const OTHER_TAB_PREFIX = 'other-tab-session:';
/**
 * Work the user chose to keep aside rather than discard when something else was opened over it (see
 * replace-guard-slice.ts), under this prefix and the time it was set aside.
 */
export const SET_ASIDE_PREFIX = 'set-aside-session:';
/** A saved session's collections are stored in pieces under this prefix (see persistence-pieces.ts). */
export const PIECE_PREFIX = 'piece:';
/** At least this many undo steps survive a reload (the store itself keeps more). */
export const PERSISTED_HISTORY = 100;


export interface SessionView {
  selection?: Selection;
  focusMode: boolean;
  collapsed?: readonly string[];
  edgeLayers?: Readonly<Record<EdgeLayer, boolean>>;
  panelTab?: string;
  chosenSampleId?: string;
}

export interface Session {
  format: typeof SESSION_FORMAT;
  version: typeof SESSION_VERSION;
  savedAt: string;
  estate: Estate;
  /** The estate as it was opened, for "reset". */
  baseline?: Estate;
  origin?: EstateOrigin;
  past: HistoryStep[];
  future: HistoryStep[];
  view: SessionView;
  /** The tab (page load) that saved it; absent in records saved before tabs were told apart. */
  writer?: string;
  /**
   * Names the estate and history saved, not the view: a new id whenever a tab edits, kept as is when the
   * selection or the panels change, and taken over by a tab that restores the record.
   */
  content?: string;
}

/** The storage the session is kept in: IndexedDB in the browser, a Map in tests. */
export interface KeyValueStorage {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  keys(): Promise<string[]>;
  /**
   * Writes `value` under `key` together with reading what is there, so that no other tab's write lands in
   * between: `decide(current)` says whether to write at all, and may name a key to move the current value to
   * first. Without it, a read and a write stand in (enough for one page, as in the tests).
   */
  swap?(key: string, value: unknown, decide: (current: unknown) => SwapDecision): Promise<void>;
}

/** What {@link KeyValueStorage.swap} does with the value it found. */
export type SwapDecision = { write: false } | { write: true; keepAt?: string };

/** A Map-backed storage, for tests and for browsers without IndexedDB (nothing then survives a reload). */
export function memoryStorage(initial: Iterable<[string, unknown]> = []): KeyValueStorage & { data: Map<string, unknown> } {
  const data = new Map(initial);
  return {
    data,
    get: async (key) => structuredClone(data.get(key)),
    set: async (key, value) => void data.set(key, structuredClone(value)),
    delete: async (key) => void data.delete(key),
    keys: async () => [...data.keys()],
  };
}

// ---------------------------------------------------------------------------------------------------------
// Migrations: one function per old version, each lifting a record by one version (`MIGRATIONS[1]` turns a
// version 1 record into version 2, and so on). A record from a newer app than this one is not guessed at:
// it is kept aside like an unreadable one. Version 1 is the first, so there is nothing to migrate yet.

export type Migration = (record: Record<string, unknown>) => Record<string, unknown>;

export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

// ---------------------------------------------------------------------------------------------------------
// Checking a record read back

export type ParseResult = { ok: true; session: Session; migratedFrom?: number } | { ok: false; reason: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Why `value` is not an estate this app can open, or undefined when it is one. */
export function estateProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'it is not an object';
  if (value.version !== 1) return `its version is ${JSON.stringify(value.version)}, not 1`;
  if (typeof value.name !== 'string') return 'it has no name';
  for (const collection of [...ENTITY_COLLECTIONS, 'roleAssignments', 'roleDefinitions', 'denyAssignments'] as const) {
    const items = value[collection];
    if (!Array.isArray(items)) return `its ${collection} is not a list`;
    for (const item of items) {
      if (!isRecord(item) || typeof item.id !== 'string') return `an item of ${collection} has no id`;
    }
  }
  return undefined;
}

function historyProblem(value: unknown, name: string): string | undefined {
  if (!Array.isArray(value)) return `its ${name} history is not a list`;
  for (const [index, step] of value.entries()) {
    if (!isRecord(step) || typeof step.label !== 'string') return `step ${index + 1} of its ${name} history has no label`;
    const problem = estateProblem(step.estate);
    if (problem) return `the estate of step ${index + 1} of its ${name} history is unreadable: ${problem}`;
  }
  return undefined;
}

/** Checks (and migrates) a record read from storage. Never throws. */
export function parseSession(
  raw: unknown,
  formats: { version: number; migrations: Readonly<Record<number, Migration>> } = { version: SESSION_VERSION, migrations: MIGRATIONS },
): ParseResult {
  const current = formats.version;
  if (!isRecord(raw)) return { ok: false, reason: 'the saved record is not an object' };
  if (raw.format !== SESSION_FORMAT) return { ok: false, reason: 'the saved record is not a saved session of this app' };
  let record = raw;
  const from = record.version;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1)
    return { ok: false, reason: `the saved record has an unknown version (${JSON.stringify(from)})` };
  if (from > current)
    return { ok: false, reason: `it was saved by a newer version of this app (format ${from}; this one reads up to ${current})` };
  try {
    for (let version = from; version < current; version += 1) {
      const migrate = formats.migrations[version];
      if (!migrate) return { ok: false, reason: `there is no way to read format ${version}` };
      record = migrate(record);
    }
  } catch (error) {
    return { ok: false, reason: `it could not be brought up to date: ${error instanceof Error ? error.message : String(error)}` };
  }
  const estate = estateProblem(record.estate);
  if (estate) return { ok: false, reason: `its estate is unreadable: ${estate}` };
  if (record.baseline !== undefined) {
    const baseline = estateProblem(record.baseline);
    if (baseline) return { ok: false, reason: `its original estate is unreadable: ${baseline}` };
  }
  const past = historyProblem(record.past, 'undo');
  if (past) return { ok: false, reason: past };
  const future = historyProblem(record.future, 'redo');
  if (future) return { ok: false, reason: future };
  if (!isRecord(record.view)) return { ok: false, reason: 'its view settings are missing' };
  const session = record as unknown as Session;
  return from === current ? { ok: true, session } : { ok: true, session, migratedFrom: from };
}

// ---------------------------------------------------------------------------------------------------------
// Saving and loading

export type LoadOutcome =
  | { kind: 'empty' }
  | { kind: 'restored'; session: Session; migratedFrom?: number }
  | { kind: 'kept-aside'; key: string; reason: string }
  | { kind: 'unavailable'; reason: string };

/**
 * Reads the saved session. An unreadable one is moved under {@link KEPT_ASIDE_PREFIX} (so the user can
 * export it) and reported; it is never deleted.
 */
export async function loadSession(storage: KeyValueStorage, now: () => Date = () => new Date()): Promise<LoadOutcome> {
  let raw: unknown;
  try {
    raw = await storage.get(SESSION_KEY);
  } catch (error) {
    return { kind: 'unavailable', reason: describeError(error) };
  }
  if (raw === undefined) return { kind: 'empty' };
  const parsed = parseSession(raw);
  if (parsed.ok) return parsed.migratedFrom === undefined ? { kind: 'restored', session: parsed.session } : { kind: 'restored', session: parsed.session, migratedFrom: parsed.migratedFrom };
  const key = `${KEPT_ASIDE_PREFIX}${now().toISOString()}`;
  try {
    await storage.set(key, raw);
    await storage.delete(SESSION_KEY);
  } catch (error) {
    // Could not move it: leave it where it is rather than lose it. The next save will overwrite it only
    // once the user has been told (the notice says so) and has made a change.
    return { kind: 'kept-aside', key: SESSION_KEY, reason: `${parsed.reason} (it could not be moved aside: ${describeError(error)})` };
  }
  return { kind: 'kept-aside', key, reason: parsed.reason };
}

export type SaveOutcome =
  | { kind: 'saved'; historyKept: number; displaced?: Displaced }
  | { kind: 'saved-trimmed'; historyKept: number; historyDropped: number; displaced?: Displaced }
  | { kind: 'quota'; message: string }
  | { kind: 'failed'; message: string }
  /** Nothing written: only the view had changed here, and another tab's newer work is what is stored. */
  | { kind: 'superseded' };

export function isQuotaError(error: unknown): boolean {
  if (!isRecord(error) && !(error instanceof Error)) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  // Chromium, Firefox and Safari spell it differently (and old ones only set the legacy code 22).
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}

/** Another tab's record that a save moved aside: where it went and when that tab had saved it. */
export interface Displaced {
  key: string;
  savedAt: string | undefined;
}

/**
 * Which estate and history a record holds, as one comparable string: its `content` id, or for a record saved
 * before there were ids, the time it was saved. Undefined for anything that is not a record.
 */
export function contentStamp(record: unknown): string | undefined {
  if (!isRecord(record)) return undefined;
  if (typeof record.content === 'string') return record.content;
  return typeof record.savedAt === 'string' ? `@${record.savedAt}` : undefined;
}

/**
 * The key to move the stored record to before `writer` saves over it, or undefined when saving over it loses
 * nothing: the record is this tab's own, or holds the estate and history this tab last read or wrote
 * (`known`, a {@link contentStamp}; another tab that only moved the selection changed nothing that matters).
 * Anything else is another tab's work saved since, and is kept.
 */
export function displacedKey(current: unknown, writer: string, known: string | undefined): string | undefined {
  const stamp = contentStamp(current);
  if (stamp === undefined || stamp === known) return undefined;
  const other = (current as { writer?: unknown }).writer;
  if (other === writer) return undefined;
  return `${OTHER_TAB_PREFIX}${typeof other === 'string' ? other : stamp}`;
}

async function writeSession(
  storage: KeyValueStorage,
  session: Session,
  decide: ((current: unknown) => SwapDecision) | undefined,
): Promise<void> {
  if (decide === undefined) return storage.set(SESSION_KEY, session);
  if (storage.swap) return storage.swap(SESSION_KEY, session, decide);
  const current = await storage.get(SESSION_KEY);
  const decision = decide(current);
  if (!decision.write) return;
  if (decision.keepAt !== undefined) await storage.set(decision.keepAt, current);
  await storage.set(SESSION_KEY, session);
}

/**
 * Saves a session. When storage is full, tries again with less undo history (the last 10 steps, then
 * none) before giving up; the caller's in-memory state is never touched either way. With `known` (the
 * {@link contentStamp} of what this tab last read or wrote), a record another tab saved in the meantime is
 * moved aside rather than overwritten, and the outcome says where; but a save that only records the view
 * (`viewOnly`: the estate and history are the ones `known` names) gives way to it and writes nothing.
 */
export async function saveSession(
  storage: KeyValueStorage,
  session: Session,
  known?: string,
  options: { viewOnly?: boolean } = {},
): Promise<SaveOutcome> {
  const full = session.past.length + session.future.length;
  const attempts: Session[] = [session];
  if (full > 10) attempts.push({ ...session, past: session.past.slice(-10), future: [] });
  if (full > 0) attempts.push({ ...session, past: [], future: [] });
  for (const attempt of attempts) {
    let displaced: Displaced | undefined;
    let superseded = false;
    const { writer } = session;
    const decide =
      writer === undefined
        ? undefined
        : (current: unknown): SwapDecision => {
            const key = displacedKey(current, writer, known);
            displaced = undefined;
            superseded = key !== undefined && options.viewOnly === true;
            if (key === undefined) return { write: true };
            if (superseded) return { write: false };
            displaced = { key, savedAt: (current as { savedAt: string }).savedAt };
            return { write: true, keepAt: key };
          };
    try {
      await writeSession(storage, attempt, decide);
      if (superseded) return { kind: 'superseded' };
      const kept = attempt.past.length + attempt.future.length;
      const outcome: SaveOutcome =
        kept === full ? { kind: 'saved', historyKept: kept } : { kind: 'saved-trimmed', historyKept: kept, historyDropped: full - kept };
      if (displaced !== undefined) outcome.displaced = displaced;
      return outcome;
    } catch (error) {
      if (!isQuotaError(error)) return { kind: 'failed', message: describeError(error) };
    }
  }
  return {
    kind: 'quota',
    message:
      'Changes are not being saved in this browser: storage is full. Export the estate to keep it. Your work in this tab is intact, and saving is tried again as you work.',
  };
}

const historyStep = ({ estate, label, kind }: HistoryStep): HistoryStep =>
  kind === undefined || kind === 'what-if' ? { estate, label } : { estate, label, kind };

/** Builds the record to save from the parts of the store that survive a reload. */
export function sessionFrom(parts: {
  estate: Estate;
  baseline?: Estate;
  origin?: EstateOrigin;
  past: readonly HistoryStep[];
  future: readonly HistoryStep[];
  view: SessionView;
  writer?: string;
  content?: string;
  now?: Date;
}): Session {
  const session: Session = {
    format: SESSION_FORMAT,
    version: SESSION_VERSION,
    savedAt: (parts.now ?? new Date()).toISOString(),
    estate: parts.estate,
    past: parts.past.slice(-PERSISTED_HISTORY).map(historyStep),
    future: parts.future.slice(0, PERSISTED_HISTORY).map(historyStep),
    view: parts.view,
  };
  if (parts.baseline !== undefined) session.baseline = parts.baseline;
  if (parts.origin !== undefined) session.origin = parts.origin;
  if (parts.writer !== undefined) session.writer = parts.writer;
  if (parts.content !== undefined) session.content = parts.content;
  return session;
}

/** A record kept aside: an unreadable saved session, or another tab's work this tab saved over. */
export interface KeptAside {
  key: string;
  kind: 'unreadable' | 'other-tab' | 'set-aside';
  /** When it was saved (other tabs' work) or moved aside (unreadable records), when that is known. */
  savedAt: string | undefined;
}

/** Everything kept aside, newest first, so that none of it is out of reach once its notice is gone. */
export async function keptAsideEntries(storage: KeyValueStorage): Promise<KeptAside[]> {
  const entries: KeptAside[] = [];
  for (const key of await storage.keys()) {
    if (key.startsWith(KEPT_ASIDE_PREFIX))
      entries.push({ key, kind: 'unreadable', savedAt: key.slice(KEPT_ASIDE_PREFIX.length) || undefined });
    else if (key.startsWith(SET_ASIDE_PREFIX))
      entries.push({ key, kind: 'set-aside', savedAt: key.slice(SET_ASIDE_PREFIX.length) || undefined });
    else if (key.startsWith(OTHER_TAB_PREFIX)) {
      const record = await storage.get(key);
      const savedAt = isRecord(record) && typeof record.savedAt === 'string' ? record.savedAt : undefined;
      entries.push({ key, kind: 'other-tab', savedAt });
    }
  }
  return entries.sort((a, b) => (b.savedAt ?? '').localeCompare(a.savedAt ?? ''));
}

/**
 * Keeps a session aside under a new key (never over another record), for the header's "Kept aside" list;
 * returns the key.
 */
export async function setAsideSession(storage: KeyValueStorage, session: Session): Promise<string> {
  let key = `${SET_ASIDE_PREFIX}${session.savedAt}`;
  const taken = new Set(await storage.keys());
  for (let n = 2; taken.has(key); n++) key = `${SET_ASIDE_PREFIX}${session.savedAt}-${n}`;
  await storage.set(key, session);
  return key;
}

/** A kept-aside record as text for a download: JSON when it can be written as JSON, else its string form. */
export function describeForExport(value: unknown): string {
  try {
    const text = JSON.stringify(value, null, 2);
    if (text !== undefined) return text;
  } catch {
    // Cycles or values JSON cannot hold: fall back to the string form below.
  }
  return String(value);
}
