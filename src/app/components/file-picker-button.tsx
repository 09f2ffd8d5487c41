import { useRef } from 'react';

/** Estate files the picker offers; anything else can still be chosen with "All files". */
// Bicep and Terraform source are accepted so that choosing one says which command gives what the tool reads.
const ESTATE_FILES =
  '.yaml,.yml,.json,.bicep,.bicepparam,.tf,.tfvars,application/json,application/yaml,text/yaml';

/**
 * A real button in front of a hidden file input, so that it looks like the other buttons and is reachable from
 * the keyboard. `directory` picks a folder and its subfolders (the browser asks first) instead of files.
 */
export function FilePickerButton({
  label,
  title,
  className = '',
  disabled = false,
  directory = false,
  inputLabel,
  testId,
  onFiles,
}: {
  label: string;
  title?: string;
  className?: string;
  disabled?: boolean;
  directory?: boolean;
  /** The hidden input's accessible name (tests and assistive technology reach it by this). */
  inputLabel: string;
  testId: string;
  onFiles: (files: File[]) => void;
}) {
  const input = useRef<HTMLInputElement | null>(null);
  return (
    <>
      <button
        type="button"
        onClick={() => input.current?.click()}
        disabled={disabled}
        title={title}
        className={className}
      >
        {label}
      </button>
      <input
        ref={(element) => {
          input.current = element;
          // Not in React's attribute types, but every current browser supports it.
          if (directory) element?.setAttribute('webkitdirectory', '');
        }}
        type="file"
        multiple
        {...(directory ? {} : { accept: ESTATE_FILES })}
        aria-label={inputLabel}
        data-testid={testId}
        className="sr-only"
        tabIndex={-1}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          // Cleared so that choosing the same files again (after fixing them) fires a change.
          event.target.value = '';
          onFiles(files);
        }}
      />
    </>
  );
}
