import type { StateCreator } from 'zustand';
import type { AppState, ReplaceGuardSlice } from './app-state';

/**
 * Nothing a user made is lost: opening something else (a sample, a tour's sample, files, pasted text, a link)
 * over an estate with edits asks first. The store holds the question; the dialog (components/replace-dialog.tsx)
 * answers it: keep the work aside (in this browser, downloadable from the header), discard it, or cancel.
 */
export const createReplaceGuardSlice: StateCreator<AppState, [], [], ReplaceGuardSlice> = (set, get) => ({
  replaceQuestion: undefined,
  requestReplace: (what, proceed, cancelled) => {
    // What a tour did, reopening the tour does again: only the user's own steps are worth a question.
    const edits = get().past.filter((step) => step.kind !== 'tour').length;
    // Nothing to lose (no estate, or no edit of the user's in effect): go ahead at once, synchronously.
    if (get().estate === undefined || edits === 0) {
      proceed();
      return;
    }
    // A question still open is answered "cancel" by the newer one: only the latest request may replace.
    get().replaceQuestion?.answer(false);
    set({
      replaceQuestion: {
        what,
        edits,
        answer: (go) => {
          set({ replaceQuestion: undefined });
          if (go) proceed();
          else cancelled?.();
        },
      },
    });
  },
});

export const selectReplaceQuestion = (state: AppState) => state.replaceQuestion;

/** {@link ReplaceGuardSlice.requestReplace} as a promise: true to go ahead, false when the user cancelled. */
export function confirmReplace(state: Pick<AppState, 'requestReplace'>, what: string): Promise<boolean> {
  return new Promise((resolve) =>
    state.requestReplace(
      what,
      () => resolve(true),
      () => resolve(false),
    ),
  );
}
