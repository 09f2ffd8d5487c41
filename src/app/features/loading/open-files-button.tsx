import { FilePickerButton } from '../../components/file-picker-button';
import { collectChosenFolder, collectionNotes } from '../../reading/dropped-files';
import { useAddOrOpen } from './add-or-open';
import { useLoader, type LoadSource } from './loader';

interface LoadButtonProps {
  className?: string;
  label?: string;
}

/**
 * One picker that loads what it is given through the add-or-open question; the two buttons below differ only in
 * what they pick and how the picked files become a load.
 */
function LoadPickerButton({
  className,
  label,
  title,
  directory = false,
  inputLabel,
  testId,
  toChoice,
}: Required<LoadButtonProps> & {
  title: string;
  directory?: boolean;
  inputLabel: string;
  testId: string;
  /** The load for the picked files, or undefined when there is nothing to load. */
  toChoice: (files: File[]) => LoadSource | undefined;
}) {
  const { progress } = useLoader();
  const { choose, dialog } = useAddOrOpen();
  return (
    <>
      <FilePickerButton
        label={label}
        title={title}
        className={className}
        disabled={progress !== undefined}
        directory={directory}
        inputLabel={inputLabel}
        testId={testId}
        onFiles={(files) => {
          const choice = toChoice(files);
          if (choice) choose(choice);
        }}
      />
      {dialog}
    </>
  );
}

/** "Open files": one or more estate files, merged into one estate. */
export function OpenFilesButton({ className = '', label = 'Open files' }: LoadButtonProps) {
  return (
    <LoadPickerButton
      className={className}
      label={label}
      title="Open one or more estate files (YAML or JSON); several files are merged"
      inputLabel="Estate files to open"
      testId="open-files-input"
      toChoice={(files) => (files.length > 0 ? { kind: 'files', files } : undefined)}
    />
  );
}

/** "Open folder": every YAML and JSON file in a chosen folder and its subfolders. */
export function OpenFolderButton({ className = '', label = 'Open folder' }: LoadButtonProps) {
  return (
    <LoadPickerButton
      className={className}
      label={label}
      title="Open every YAML and JSON file in a folder, subfolders included (a repository's az ml files, say)"
      directory
      inputLabel="Folder to open"
      testId="open-folder-input"
      toChoice={(files) => {
        const collected = collectChosenFolder(files);
        return { kind: 'files', files: collected.files, notes: collectionNotes(collected) };
      }}
    />
  );
}
