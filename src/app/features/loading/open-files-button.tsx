import { useId, useRef } from 'react';
import { collectChosenFolder, collectionNotes } from '../../reading/dropped-files';
import { useLoader } from './loader';

/** Estate files the picker offers; anything else can still be chosen with "All files". */
const ACCEPT = '.yaml,.yml,.json,application/json,application/yaml,text/yaml';

/** "Open files": a real button in front of a hidden file input, so it looks like the others and is keyboard reachable. */
export function OpenFilesButton({ className = '', label = 'Open files' }: { className?: string; label?: string }) {
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const { load, progress } = useLoader();
  return (
    <>
      <button
        type="button"
        onClick={() => input.current?.click()}
        disabled={progress !== undefined}
        title="Open one or more estate files (YAML or JSON); several files are merged"
        className={className}
      >
        {label}
      </button>
      <input
        ref={input}
        id={id}
        type="file"
        multiple
        accept={ACCEPT}
        aria-label="Estate files to open"
        data-testid="open-files-input"
        className="sr-only"
        tabIndex={-1}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          // Cleared so that choosing the same file again (after fixing it) fires a change.
          event.target.value = '';
          if (files.length > 0) void load({ kind: 'files', files });
        }}
      />
    </>
  );
}

/** "Open folder": every YAML and JSON file in a chosen folder and its subfolders (the browser asks first). */
export function OpenFolderButton({ className = '', label = 'Open folder' }: { className?: string; label?: string }) {
  const input = useRef<HTMLInputElement>(null);
  const { load, progress } = useLoader();
  return (
    <>
      <button
        type="button"
        onClick={() => input.current?.click()}
        disabled={progress !== undefined}
        title="Open every YAML and JSON file in a folder, subfolders included (a repository's az ml files, say)"
        className={className}
      >
        {label}
      </button>
      <input
        // Not in React's attribute types, but every current browser supports it.
        ref={(element) => element?.setAttribute('webkitdirectory', '')}
        type="file"
        multiple
        aria-label="Folder to open"
        data-testid="open-folder-input"
        className="sr-only"
        tabIndex={-1}
        onChange={(event) => {
          const collected = collectChosenFolder(Array.from(event.target.files ?? []));
          event.target.value = '';
          void load({ kind: 'files', files: collected.files, notes: collectionNotes(collected) });
        }}
      />
    </>
  );
}
