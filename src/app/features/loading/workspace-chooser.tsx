import { useEffect, useId, useRef } from 'react';
import type { Diagnostic, WorkspaceOption } from '../../../engine';

/**
 * The chooser a load offers when az ml YAML names no workspace and the import holds several: a small modal
 * dialog listing them. Choosing one reads the same files again with it, as the CLI's `--workspace NAME` does;
 * closing it leaves the refused load's report (and the estate shown) as they were.
 */
export function WorkspaceChooser({
  workspaces,
  diagnostics,
  onChoose,
}: {
  workspaces: readonly WorkspaceOption[];
  diagnostics: readonly Diagnostic[];
  onChoose: (armId: string) => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const hintId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, [workspaces]);
  // The files the errors point at, so the user sees what is being placed.
  const files = [
    ...new Set(diagnostics.filter((d) => d.severity === 'error' && d.file !== undefined).map((d) => d.file as string)),
  ].sort();
  const choose = (armId: string) => {
    dialog.current?.close();
    onChoose(armId);
  };
  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      aria-describedby={hintId}
      data-testid="workspace-chooser"
      className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-900/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <h2 id={titleId} className="text-lg font-semibold">
        Choose the workspace
      </h2>
      <p id={hintId} className="mt-1 text-sm text-slate-600 dark:text-slate-300">
        {files.length === 1 ? `${files[0]} does` : `${files.length} files do`} not say which workspace they belong
        to, and these files hold {workspaces.length} workspaces. Choose the one they belong to (as{' '}
        <code>az ml … --workspace-name</code> would), and the files are read again with it.
      </p>
      <ul className="mt-3 flex flex-col gap-2">
        {workspaces.map((workspace) => (
          <li key={workspace.armId}>
            <button
              type="button"
              onClick={() => choose(workspace.armId)}
              className="flex w-full flex-col items-start rounded-md border border-slate-300 px-3 py-2 text-left hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800"
            >
              <span className="text-sm font-semibold">{workspace.name}</span>
              <span className="break-all font-mono text-xs text-slate-500 dark:text-slate-400">{workspace.armId}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="mt-4 flex justify-end">
        <button
          type="button"
          onClick={() => dialog.current?.close()}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700"
        >
          Not now
        </button>
      </div>
    </dialog>
  );
}
