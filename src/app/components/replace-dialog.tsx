import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useAppStore } from '../store/app-store';
import { setAsideSession } from '../store/persistence';
import { appStorage } from '../store/persistence-idb';
import { sessionOfState } from '../store/persistence-session';
import { selectReplaceQuestion } from '../store/replace-guard-slice';
import { keptAsideQuery } from './kept-aside-files';
import { ModalDialog } from './modal-dialog';
import { PRIMARY_SMALL_BUTTON, SMALL_BUTTON } from './ui';

/**
 * Asks before something else replaces an estate with edits: keep the work aside (in this browser, listed under
 * "Kept aside" in the header), discard it, or cancel. Escape and closing the dialog cancel: nothing is lost by
 * a stray key.
 */
export function ReplaceDialog() {
  const question = useAppStore(selectReplaceQuestion);
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  // Tied to the question it answers, so that the next question starts without the last one's problem.
  const [problem, setProblem] = useState<{ question: NonNullable<typeof question>; text: string }>();
  const titleId = useId();

  const keepAside = async () => {
    if (!question) return;
    const state = useAppStore.getState();
    if (!state.estate) return question.answer(true);
    setBusy(true);
    try {
      const session = sessionOfState(state, state.estate);
      const key = await setAsideSession(appStorage(), session);
      await client.invalidateQueries(keptAsideQuery());
      state.setPersistenceNotice({ kind: 'set-aside', key, what: question.what });
      question.answer(true);
    } catch (error) {
      // Not kept: say so and leave the choice open, rather than going on and losing the work.
      setProblem({
        question,
        text: `It could not be kept aside: ${error instanceof Error ? error.message : String(error)}. Download it from Export first, or cancel.`,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <ModalDialog
      open={Boolean(question)}
      onCancel={() => question?.answer(false)}
      titleId={titleId}
      testId="replace-dialog"
      widthClass="w-[min(32rem,calc(100vw-2rem))]"
    >
      {question && (
        <div className="space-y-3">
          <h2 id={titleId} className="text-lg font-semibold">
            Keep your what-if changes?
          </h2>
          <p className="text-sm text-slate-700 dark:text-slate-300">
            The open estate has {question.edits} change{question.edits === 1 ? '' : 's'} in its history. To{' '}
            {question.what}, it has to be closed. Keep it aside in this browser (you can download it from
            “Kept aside” in the header), or discard it.
          </p>
          {problem?.question === question && (
            <p role="alert" className="text-sm font-medium text-red-700 dark:text-red-300">
              {problem.text}
            </p>
          )}
          <div className="flex flex-wrap justify-end gap-2">
            <button
              type="button"
              className={SMALL_BUTTON}
              onClick={() => question.answer(false)}
              disabled={busy}
            >
              Cancel
            </button>
            <button
              type="button"
              className={SMALL_BUTTON}
              onClick={() => question.answer(true)}
              disabled={busy}
            >
              Discard them
            </button>
            <button
              type="button"
              className={PRIMARY_SMALL_BUTTON}
              onClick={() => void keepAside()}
              disabled={busy}
              autoFocus
            >
              Keep them aside
            </button>
          </div>
        </div>
      )}
    </ModalDialog>
  );
}
