import { useId, useRef, useState } from 'react';
import type { Diagnostic } from '../../../engine';
import { DiagnosticsList } from '../../components/diagnostics-list';
import { useAppStore } from '../../store/app-store';
import { useLoader, type LoadOptions } from './loader';

const PASTE_NAME = 'pasted.yaml';

/** "Paste": a modal dialog with a text area; problems are shown under the text so it can be fixed in place. */
export function PasteButton({ className = '' }: { className?: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<Diagnostic[]>([]);
  const [busy, setBusy] = useState(false);
  const { load } = useLoader();
  const estateOpen = useAppStore((state) => state.estate !== undefined);
  const textId = useId();
  const titleId = useId();
  const hintId = useId();

  const open = () => {
    setProblems([]);
    dialog.current?.showModal();
  };
  const close = () => dialog.current?.close();
  const submit = async (mode: NonNullable<LoadOptions['mode']> = 'replace') => {
    if (text.trim() === '') {
      setProblems([{ severity: 'error', message: 'There is nothing to read: paste an estate first.' }]);
      return;
    }
    setBusy(true);
    const outcome = await load({ kind: 'text', name: PASTE_NAME, text }, { quiet: true, mode });
    setBusy(false);
    if (outcome.opened) {
      setProblems([]);
      close();
    } else setProblems(outcome.diagnostics);
  };

  return (
    <>
      <button type="button" onClick={open} className={className} title="Paste an estate as YAML or JSON text">
        Paste
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-[min(48rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        <form
          method="dialog"
          className="flex max-h-[85vh] flex-col gap-3 p-5"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <h2 id={titleId} className="text-lg font-semibold">
            Paste an estate
          </h2>
          <label htmlFor={textId} className="text-sm font-medium text-slate-700 dark:text-slate-300">
            Estate as YAML or JSON
          </label>
          <p id={hintId} className="-mt-2 text-xs text-slate-500 dark:text-slate-400">
            The format is the one the samples use (docs/estate-format.md). It is read here, in the browser.
          </p>
          <textarea
            id={textId}
            aria-describedby={hintId}
            value={text}
            onChange={(event) => setText(event.target.value)}
            spellCheck={false}
            rows={14}
            placeholder={'version: 1\nname: my estate\nworkspaces:\n  - name: ws-ml\n    …'}
            className="min-h-40 w-full resize-y rounded-md border border-slate-300 bg-white p-2 font-mono text-xs text-slate-900 dark:border-slate-600 dark:bg-slate-950 dark:text-slate-100"
          />
          {problems.length > 0 && (
            <div role="alert" className="min-h-0 space-y-2 overflow-y-auto">
              <p className="text-sm font-medium text-red-800 dark:text-red-300">
                Nothing was opened: {problems.filter((p) => p.severity === 'error').length || problems.length} problem
                {problems.length === 1 ? '' : 's'} to fix.
              </p>
              <DiagnosticsList diagnostics={problems} />
            </div>
          )}
          <div className="flex justify-end gap-2">
            <button
              type="button"
              onClick={close}
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700"
            >
              Cancel
            </button>
            {estateOpen && (
              <button
                type="button"
                disabled={busy}
                onClick={() => void submit('add')}
                title="Merge the pasted text into the open estate as one what-if step (undo takes it out again)"
                className="rounded-md border border-blue-600 bg-white px-3 py-1.5 text-sm font-semibold text-blue-700 hover:bg-blue-50 disabled:opacity-60 dark:border-blue-400 dark:bg-slate-800 dark:text-blue-200 dark:hover:bg-slate-700"
              >
                Add to the open estate
              </button>
            )}
            <button
              type="submit"
              disabled={busy}
              className="rounded-md bg-blue-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-blue-700 disabled:opacity-60 dark:bg-blue-500 dark:hover:bg-blue-400"
            >
              {busy ? 'Reading…' : estateOpen ? 'Open instead' : 'Open'}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
