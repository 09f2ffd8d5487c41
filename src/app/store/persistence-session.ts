import type { StoreApi } from 'zustand';
import type { Estate } from '../../engine';
import type { AppState, PanelTab } from './app-state';
import {
  loadSession,
  saveSession,
  sessionFrom,
  contentStamp,
  type KeyValueStorage,
  type Session,
  type SessionView,
} from './persistence';

/** The channel tabs of this app tell each other about their saves on. */
export const SAVES_CHANNEL = 'aml-access-map.saves';

/** What a tab posts after each save. */
interface SaveMessage {
  writer: string;
  content: string;
  savedAt: string;
}

/** The part of BroadcastChannel persistence uses, so that tests can pass a pair of their own. */
export interface SavesChannel {
  postMessage(message: SaveMessage): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  close(): void;
}

/** A random id (for a page load, or a state of the estate); getRandomValues works on plain http too, unlike randomUUID. */
function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function isSaveMessage(data: unknown): data is SaveMessage {
  if (typeof data !== 'object' || data === null) return false;
  const { writer, content, savedAt } = data as Record<string, unknown>;
  return typeof writer === 'string' && typeof content === 'string' && typeof savedAt === 'string';
}

/** How long after the last change the session is written: typing in a form should not write on every key. */
export const SAVE_DELAY_MS = 300;
/**
 * After a save fails (storage full, or IndexedDB refusing), it is tried again on the next change and, with no
 * change, after these waits: the user may free space in another tab or close one, and should not have to
 * edit something to find out whether saving works again.
 */
export const RETRY_DELAYS_MS: readonly number[] = [5_000, 15_000, 60_000];

export interface PersistenceHandle {
  /** True when a saved working estate was put back into the store. */
  restored: boolean;
  /** Writes any pending change now (tests, and the page being hidden). */
  flush: () => Promise<void>;
  stop: () => void;
}

/** How the open estate is being looked at, as a session records it. */
export function viewOf(state: AppState): SessionView {
  const view: SessionView = { focusMode: state.focusMode, edgeLayers: state.edgeLayers, panelTab: state.panelTab };
  if (state.selection !== undefined) view.selection = state.selection;
  if (state.graphCollapsed !== undefined && state.graphCollapsed.documentVersion === state.documentVersion)
    view.collapsed = state.graphCollapsed.ids;
  if (state.chosenSampleId !== undefined) view.chosenSampleId = state.chosenSampleId;
  return view;
}

/** The session that stores the open estate, its history and its view (the estate passed in is the state's own). */
export function sessionOfState(state: AppState, estate: Estate, stamp: { writer?: string; content?: string } = {}): Session {
  return sessionFrom({
    estate,
    baseline: state.baseline,
    origin: state.origin,
    past: state.past,
    future: state.future,
    view: viewOf(state),
    ...stamp,
  });
}

/** Whether a saved session should win over the sample the page was linked to. */
function shouldRestore(session: Session, linkedSample: string | undefined): boolean {
  if (linkedSample === undefined) return true;
  if (session.origin?.kind === 'sample' && session.origin.sampleId === linkedSample) return true;
  // A link to another sample wins only when nothing would be lost: the saved estate has no edits.
  return session.past.length > 0 || (session.baseline !== undefined && session.baseline !== session.estate);
}

function restore(store: StoreApi<AppState>, session: Session): void {
  const state = store.getState();
  state.openEstate(session.estate, session.origin ?? { kind: 'restored' });
  const { documentVersion } = store.getState();
  const view = session.view;
  const patch: Partial<AppState> = {
    past: session.past,
    future: session.future,
    baseline: session.baseline ?? session.estate,
    focusMode: view.focusMode === true,
  };
  if (view.selection !== undefined) {
    patch.selection = view.selection;
    if (view.selection.kind === 'entity') patch.selectedEntityId = view.selection.id;
  }
  if (view.collapsed !== undefined) patch.graphCollapsed = { documentVersion, ids: view.collapsed };
  if (view.edgeLayers !== undefined) patch.edgeLayers = { ...state.edgeLayers, ...view.edgeLayers };
  if (view.panelTab !== undefined) patch.panelTab = view.panelTab as PanelTab;
  // Sets the picker's value without asking to open the sample: the restored estate is what stays open.
  if (view.chosenSampleId !== undefined) patch.chosenSampleId = view.chosenSampleId;
  store.setState(patch);
  if (session.past.length > 0)
    state.setPersistenceNotice({
      kind: 'restored',
      savedAt: session.savedAt,
      edits: session.past.filter((step) => step.kind !== 'review').length,
      reviewMarks: session.past.filter((step) => step.kind === 'review').length,
      documentVersion,
    });
}

/**
 * Restores the saved working estate into the store (unless there is none, or the page was linked to a
 * different sample and nothing would be lost), then saves the estate, its history and the view whenever
 * they change. An unreadable saved state is kept aside and the store gets a notice saying so.
 */
export async function startPersistence(
  store: StoreApi<AppState>,
  storage: KeyValueStorage,
  options: {
    linkedSample?: string;
    delayMs?: number;
    retryDelaysMs?: readonly number[];
    /** This tab's id in the records it saves; a fresh random one by default. */
    writer?: string;
    /** Where saves are announced to other tabs; BroadcastChannel by default, `null` for none. */
    channel?: SavesChannel | null;
  } = {},
): Promise<PersistenceHandle> {
  const writer = options.writer ?? newId();
  const outcome = await loadSession(storage);
  // The estate and history this tab has seen stored last (read at start, or written since): saving over them
  // loses nothing, while another tab's work saved after them is moved aside instead (see displacedKey).
  let known = outcome.kind === 'restored' ? contentStamp(outcome.session) : undefined;
  // This tab's own content id, and the objects it stands for: an edit replaces them, and then the id.
  let content = known ?? newId();
  let contentOf: readonly unknown[] = [];
  const contentChanged = (state: AppState) =>
    state.estate !== contentOf[0] || state.past !== contentOf[1] || state.future !== contentOf[2];
  const settleContent = () => {
    const state = store.getState();
    contentOf = [state.estate, state.past, state.future];
  };
  let restored = false;
  // A slow storage answers after the page has gone on without it (main.tsx waits only so long): whatever
  // the user opened since (a share link, a sample) is newer than the saved estate, and must not be replaced.
  const openedMeanwhile = store.getState().estate !== undefined;
  if (outcome.kind === 'restored' && !openedMeanwhile && shouldRestore(outcome.session, options.linkedSample)) {
    restore(store, outcome.session);
    settleContent();
    restored = true;
  } else if (outcome.kind === 'kept-aside') {
    store.getState().setPersistenceNotice({ kind: 'kept-aside', key: outcome.key, reason: outcome.reason });
  } else if (outcome.kind === 'unavailable') {
    store.getState().setPersistenceNotice({ kind: 'unavailable', message: `Your work will not survive a reload: ${outcome.reason}.` });
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending = false;
  let writing: Promise<void> = Promise.resolve();
  let lastProblem = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  // Waits grow only while the retries themselves fail; a save the user's own change caused starts again short.
  let failures = 0;
  let retrying = false;
  const retryDelays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  let stopped = false;

  const scheduleRetry = () => {
    if (stopped || retryDelays.length === 0) return;
    const wait = retryDelays[Math.min(failures, retryDelays.length) - 1] ?? retryDelays.at(-1) ?? 0;
    if (retry !== undefined) clearTimeout(retry);
    retry = setTimeout(() => {
      retry = undefined;
      pending = true;
      retrying = true;
      void flush();
    }, wait);
  };

  const write = async () => {
    pending = false;
    const wasRetry = retrying;
    retrying = false;
    if (retry !== undefined) clearTimeout(retry);
    retry = undefined;
    const state = store.getState();
    if (!state.estate) return;
    if (contentChanged(state)) {
      content = newId();
      settleContent();
    }
    const session = sessionOfState(state, state.estate, { writer, content });
    // Nothing this tab has not already stored (or read) but the view: not worth displacing another tab's work.
    const result = await saveSession(storage, session, known, { viewOnly: content === known });
    if (result.kind === 'superseded') return;
    if (result.kind === 'saved' || result.kind === 'saved-trimmed') {
      const news = known !== content;
      known = content;
      // Only a new estate or history is news to the other tabs; a moved selection is not.
      if (news) channel?.postMessage({ writer, content, savedAt: session.savedAt });
      if (result.displaced !== undefined)
        store.getState().setPersistenceNotice({ kind: 'other-tab', key: result.displaced.key, savedAt: result.displaced.savedAt });
    }
    const notice = store.getState().persistenceNotice;
    if (result.kind === 'quota' || result.kind === 'failed') {
      failures = wasRetry ? failures + 1 : 1;
      lastProblem = true;
      // A change made while this write was under way is already scheduled; otherwise try again later.
      if (!pending) scheduleRetry();
      if (result.kind === 'quota') {
        if (notice?.kind !== 'quota') store.getState().setPersistenceNotice({ kind: 'quota', message: result.message });
      } else {
        store.getState().setPersistenceNotice({ kind: 'unavailable', message: `Saving failed: ${result.message}. Your work in this tab is unaffected.` });
      }
      return;
    }
    failures = 0;
    if (result.displaced !== undefined) {
      // The notice about the other tab's work stays: it matters more than the ones below.
    } else if (result.kind === 'saved-trimmed' && notice?.kind !== 'trimmed')
      store.getState().setPersistenceNotice({ kind: 'trimmed', dropped: result.historyDropped });
    // Saving works again: the warning that it did not is no longer true.
    else if (lastProblem && (notice?.kind === 'quota' || notice?.kind === 'unavailable')) store.getState().setPersistenceNotice(undefined);
    lastProblem = false;
  };
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pending) writing = writing.then(write, write);
    return writing;
  };
  const schedule = () => {
    pending = true;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => void flush(), options.delayMs ?? SAVE_DELAY_MS);
  };

  // Taking another tab's version is not an edit of this tab's: it must not be saved back as this tab's own.
  let adopting = false;
  const adoptSaved = async () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    pending = false;
    await writing;
    const latest = await loadSession(storage);
    if (latest.kind !== 'restored') {
      if (latest.kind === 'kept-aside')
        store.getState().setPersistenceNotice({ kind: 'kept-aside', key: latest.key, reason: latest.reason });
      return;
    }
    adopting = true;
    try {
      restore(store, latest.session);
    } finally {
      adopting = false;
    }
    known = contentStamp(latest.session);
    content = known ?? newId();
    settleContent();
    store.getState().setPersistenceNotice(undefined);
  };

  const channel =
    options.channel === undefined
      ? typeof BroadcastChannel === 'undefined'
        ? undefined
        : (new BroadcastChannel(SAVES_CHANNEL) as unknown as SavesChannel)
      : (options.channel ?? undefined);
  if (channel)
    channel.onmessage = (event) => {
      const message = event.data;
      if (stopped || !isSaveMessage(message) || message.writer === writer || message.content === known) return;
      store.getState().setPersistenceNotice({ kind: 'changed-elsewhere', savedAt: message.savedAt, open: adoptSaved });
    };

  const unsubscribe = store.subscribe((state, previous) => {
    if (adopting) return;
    // Opening another document sets the new baseline: "reset" goes back to what was opened.
    if (state.documentVersion !== previous.documentVersion && state.estate !== undefined && state.baseline !== state.estate && state.past.length === 0)
      store.setState({ baseline: state.estate });
    if (
      state.estate !== previous.estate ||
      state.past !== previous.past ||
      state.future !== previous.future ||
      state.selection !== previous.selection ||
      state.focusMode !== previous.focusMode ||
      state.graphCollapsed !== previous.graphCollapsed ||
      state.edgeLayers !== previous.edgeLayers ||
      state.panelTab !== previous.panelTab
    )
      schedule();
  });

  const onHide = () => {
    if (document.visibilityState === 'hidden') void flush();
  };
  const hasDocument = typeof document !== 'undefined';
  if (hasDocument) document.addEventListener('visibilitychange', onHide);
  if (typeof window !== 'undefined') window.addEventListener('pagehide', onHide);

  return {
    restored,
    flush,
    stop: () => {
      stopped = true;
      unsubscribe();
      if (channel) {
        channel.onmessage = null;
        // Only a channel this function opened is closed here; one passed in belongs to the caller.
        if (options.channel === undefined) channel.close();
      }
      if (timer !== undefined) clearTimeout(timer);
      if (retry !== undefined) clearTimeout(retry);
      if (hasDocument) document.removeEventListener('visibilitychange', onHide);
      if (typeof window !== 'undefined') window.removeEventListener('pagehide', onHide);
    },
  };
}
