import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useAppStore } from '../store/app-store';
import { setAsideSession, sessionFrom } from '../store/persistence';
import { appStorage } from '../store/persistence-idb';
import { viewOf } from '../store/persistence-session';
import { selectReplaceQuestion } from '../store/replace-guard-slice';
import { keptAsideQuery } from './kept-aside-files';
import { PRIMARY_SMALL_BUTTON, SMALL_BUTTON } from './ui';

/**
 * Asks before something else replaces an estate with edits: keep the work aside (in this browser, listed under
 * "Kept aside" in the header), discard it, or cancel. Escape and closing the dialog cancel: nothing is lost by
 * a stray key.
 */
export function ReplaceDialog() {
  const question = useAppStore(selectReplaceQuestion);
  const dialog = useRef<HTMLDialogElement>(null);
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const titleId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (question && !element.open) {
      setProblem(undefined);
      element.showModal();
    } else if (!question && element.open) element.close();
  }, [question]);

  const keepAside = async () => {
    if (!question) return;
    const state = useAppStore.getState();
    if (!state.estate) return question.answer(true);
    setBusy(true);
    try {
      const session = sessionFrom({
        estate: state.estate,
        baseline: state.baseline,
        origin: state.origin,
        past: state.past,
        future: state.future,
        view: viewOf(state),
      });
      const key = await setAsideSession(appStorage(), session);
      await client.invalidateQueries(keptAsideQuery());
      state.setPersistenceNotice({ kind: 'set-aside', key, what: question.what });
      question.answer(true);
    } catch (error) {
      // Not kept: say so and leave the choice open, rather than going on and losing the work.
      setProblem(`It could not be kept aside: ${error instanceof Error ? error.message : String(error)}. Download it from Export first, or cancel.`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      data-testid="replace-dialog"
      onCancel={(event) => {
        event.preventDefault();
        question?.answer(false);
      }}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-900/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      {question && (
        <div className="space-y-3">
          <h2 id={titleId} className="text-lg font-semibold">
            Keep your what-if changes?
          </h2>
          <p className="text-sm text-slate-700 dark:text-slate-300">
            The open estate has {question.edits} change{question.edits === 1 ? '' : 's'} in its history. To {question.what}, it
            has to be closed. Keep it aside in this browser (you can download it from “Kept aside” in the header), or
            discard it.
          </p>
          {problem && (
            <p role="alert" className="text-sm font-medium text-red-700 dark:text-red-300">
              {problem}
            </p>
          )}
          <div className="flex flex-wrap justify-end gap-2">
            <button type="button" className={SMALL_BUTTON} onClick={() => question.answer(false)} disabled={busy}>
              Cancel
            </button>
            <button type="button" className={SMALL_BUTTON} onClick={() => question.answer(true)} disabled={busy}>
              Discard them
            </button>
            <button type="button" className={PRIMARY_SMALL_BUTTON} onClick={() => void keepAside()} disabled={busy} autoFocus>
              Keep them aside
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
