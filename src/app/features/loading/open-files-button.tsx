import { FilePickerButton } from '../../components/file-picker-button';
import { collectChosenFolder, collectionNotes } from '../../reading/dropped-files';
import { useAddOrOpen } from './add-or-open';
import { useLoader } from './loader';

/** "Open files": one or more estate files, merged into one estate. */
export function OpenFilesButton({
  className = '',
  label = 'Open files',
}: {
  className?: string;
  label?: string;
}) {
  const { progress } = useLoader();
  const { choose, dialog } = useAddOrOpen();
  return (
    <>
      <FilePickerButton
        label={label}
        title="Open one or more estate files (YAML or JSON); several files are merged"
        className={className}
        disabled={progress !== undefined}
        inputLabel="Estate files to open"
        testId="open-files-input"
        onFiles={(files) => {
          if (files.length > 0) choose({ kind: 'files', files });
        }}
      />
      {dialog}
    </>
  );
}

/** "Open folder": every YAML and JSON file in a chosen folder and its subfolders. */
export function OpenFolderButton({
  className = '',
  label = 'Open folder',
}: {
  className?: string;
  label?: string;
}) {
  const { progress } = useLoader();
  const { choose, dialog } = useAddOrOpen();
  return (
    <>
      <FilePickerButton
        label={label}
        title="Open every YAML and JSON file in a folder, subfolders included (a repository's az ml files, say)"
        className={className}
        disabled={progress !== undefined}
        directory
        inputLabel="Folder to open"
        testId="open-folder-input"
        onFiles={(files) => {
          const collected = collectChosenFolder(files);
          choose({ kind: 'files', files: collected.files, notes: collectionNotes(collected) });
        }}
      />
      {dialog}
    </>
  );
}
