import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The shell of the app's question dialogs: a native modal `<dialog>` shown while `open` is true and closed when it
 * turns false. Escape does not close it behind the caller's back: it calls `onCancel`, and the caller's state
 * decides (so that a stray key loses nothing).
 */
export function ModalDialog({
  open,
  onCancel,
  titleId,
  testId,
  widthClass,
  children,
}: {
  open: boolean;
  onCancel: () => void;
  /** The id of the heading that names the dialog. */
  titleId: string;
  testId: string;
  /** A Tailwind width, such as `w-[min(30rem,calc(100vw-2rem))]`. */
  widthClass: string;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    else if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      className={`m-auto ${widthClass} rounded-xl border border-slate-200 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-900/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100`}
    >
      {children}
    </dialog>
  );
}
