import { useEffect, useId, useState, type DragEvent, type RefObject } from 'react';
import type { Diagnostic, InputFile } from '../../../engine';
import { primeAnalysis } from '../../analysis/use-analysis';
import { DiagnosticsList } from '../../components/diagnostics-list';
import { FilePickerButton } from '../../components/file-picker-button';
import { SELECT } from '../../components/ui';
import {
  collectChosenFolder,
  collectDrop,
  collectionNotes,
  type CollectedFiles,
} from '../../reading/dropped-files';
import { parseInputs, readFilesAsInputs } from '../../reading/read-inputs';
import { useAppStore } from '../../store/app-store';
import type { AppState } from '../../store/app-state';

/** What the header knows of a sample: enough to offer it and fetch its file. */
export interface CompareSample {
  id: string;
  title: string;
  file: string;
}

const selectStart = (state: AppState) => state.startComparison;

const SECONDARY =
  'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-60 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700';
const PRIMARY =
  'rounded-md bg-blue-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-blue-700 disabled:opacity-60 dark:bg-blue-500 dark:hover:bg-blue-400';

/** Sample files are fetched from this site only, whatever the list says. */
function sampleUrl(file: string): string {
  const base = new URL(`${import.meta.env.BASE_URL}samples/`, window.location.href);
  const url = new URL(file, base);
  if (url.origin !== window.location.origin)
    throw new Error(`The sample file "${file}" is not on this site.`);
  return url.href;
}

function describeFiles(files: readonly File[]): string {
  const [first] = files;
  return files.length === 1 && first ? first.name : `${files.length} files`;
}

/**
 * The dialog that loads the second estate of a comparison (files, a folder, a drop, pasted text or a
 * sample). Fetched on the first "Compare with…"; `onMounted` lets the button open it once it is there.
 */
export function CompareDialog({
  dialog,
  samples,
  onMounted,
}: {
  dialog: RefObject<HTMLDialogElement | null>;
  samples: readonly CompareSample[] | undefined;
  onMounted: () => void;
}) {
  const start = useAppStore(selectStart);
  const [busy, setBusy] = useState<string>();
  const [problems, setProblems] = useState<Diagnostic[]>([]);
  const [text, setText] = useState('');
  const [sampleId, setSampleId] = useState('');
  const [over, setOver] = useState(false);
  const titleId = useId();
  const textId = useId();
  const sampleSelectId = useId();

  useEffect(() => onMounted(), [onMounted]);

  const close = () => {
    setProblems([]);
    dialog.current?.close();
  };

  /** Reads the inputs like any load, but into the comparison: with any error nothing changes at all. */
  const compareWith = async (
    label: string,
    read: () => Promise<{ inputs: InputFile[]; notes: Diagnostic[] }>,
  ) => {
    setBusy(label);
    setProblems([]);
    try {
      const { inputs, notes } = await read();
      if (notes.some((note) => note.severity === 'error')) {
        setProblems(notes);
        return;
      }
      const { result, analysis } = await parseInputs(inputs, () => undefined);
      const diagnostics = [...result.diagnostics, ...notes];
      if (!result.estate || diagnostics.some((d) => d.severity === 'error')) {
        setProblems(diagnostics);
        return;
      }
      if (analysis) primeAnalysis(result.estate, analysis);
      start(result.estate, label);
      close();
    } catch (error) {
      setProblems([
        {
          severity: 'error',
          message: `${label} could not be read: ${error instanceof Error ? error.message : String(error)}`,
        },
      ]);
    } finally {
      setBusy(undefined);
    }
  };

  const compareFiles = (collected: CollectedFiles) => {
    const notes = collectionNotes(collected).map((message): Diagnostic => ({ severity: 'info', message }));
    if (collected.files.length === 0) {
      setProblems([
        { severity: 'error', message: 'There was no YAML or JSON file in what was given.' },
        ...notes,
      ]);
      return;
    }
    void compareWith(describeFiles(collected.files), async () => {
      const read = await readFilesAsInputs(collected.files, () => undefined);
      return {
        inputs: read.inputs,
        notes: [...read.problems.map((message): Diagnostic => ({ severity: 'error', message })), ...notes],
      };
    });
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    // Taken here, so the page-wide drop zone does not open these files as the estate.
    event.preventDefault();
    setOver(false);
    void collectDrop(event.dataTransfer).then(compareFiles);
  };

  const sample = samples?.find((entry) => entry.id === sampleId);

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onClose={() => setProblems([])}
      className="m-auto w-[min(44rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <div className="flex max-h-[85vh] flex-col gap-3 overflow-y-auto p-5">
        <h2 id={titleId} className="text-lg font-semibold">
          Compare with another estate
        </h2>
        <p className="-mt-2 text-sm text-slate-600 dark:text-slate-300">
          The open estate counts as <strong>before</strong> and the one you load here as{' '}
          <strong>after</strong> (a pull request, a planned change); you can swap them later. The open estate
          is not changed.
        </p>

        <div
          data-testid="compare-drop"
          onDragOver={(event) => {
            event.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={onDrop}
          className={`flex flex-wrap items-center gap-2 rounded-lg border-2 border-dashed p-3 ${over ? 'border-blue-600 bg-blue-50 dark:bg-blue-950' : 'border-slate-300 dark:border-slate-600'}`}
        >
          <FilePickerButton
            label="Choose files…"
            className={SECONDARY}
            disabled={busy !== undefined}
            inputLabel="Estate files to compare with"
            testId="compare-files-input"
            onFiles={(files) => {
              if (files.length > 0) compareFiles({ files, ignored: 0, overCap: 0, problems: [] });
            }}
          />
          <FilePickerButton
            label="Choose a folder…"
            className={SECONDARY}
            disabled={busy !== undefined}
            directory
            inputLabel="Folder to compare with"
            testId="compare-folder-input"
            onFiles={(files) => compareFiles(collectChosenFolder(files))}
          />
          <span className="text-sm text-slate-600 dark:text-slate-300">or drop files or a folder here.</span>
        </div>

        {samples && samples.length > 0 && (
          <div className="flex flex-wrap items-end gap-2">
            <label
              htmlFor={sampleSelectId}
              className="flex min-w-60 flex-1 flex-col gap-1 text-sm font-medium text-slate-700 dark:text-slate-300"
            >
              Sample to compare with
              <select
                id={sampleSelectId}
                className={SELECT}
                value={sampleId}
                onChange={(event) => setSampleId(event.target.value)}
              >
                <option value="">Choose a sample…</option>
                {samples.map((entry) => (
                  <option key={entry.id} value={entry.id}>
                    {entry.title}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className={SECONDARY}
              disabled={!sample || busy !== undefined}
              onClick={() => {
                if (!sample) return;
                void compareWith(`sample ${sample.title}`, async () => {
                  const response = await fetch(sampleUrl(sample.file));
                  if (!response.ok)
                    throw new Error(`the server answered ${response.status} ${response.statusText}`);
                  return { inputs: [{ file: sample.file, text: await response.text() }], notes: [] };
                });
              }}
            >
              Compare with this sample
            </button>
          </div>
        )}

        <div className="flex flex-col gap-1">
          <label htmlFor={textId} className="text-sm font-medium text-slate-700 dark:text-slate-300">
            Or paste an estate (YAML or JSON)
          </label>
          <textarea
            id={textId}
            value={text}
            onChange={(event) => setText(event.target.value)}
            spellCheck={false}
            rows={6}
            className="w-full resize-y rounded-md border border-slate-300 bg-white p-2 font-mono text-xs text-slate-900 dark:border-slate-600 dark:bg-slate-950 dark:text-slate-100"
          />
          <div>
            <button
              type="button"
              className={SECONDARY}
              disabled={busy !== undefined}
              onClick={() => {
                if (text.trim() === '') {
                  setProblems([
                    { severity: 'error', message: 'There is nothing to read: paste an estate first.' },
                  ]);
                  return;
                }
                void compareWith('pasted text', async () => ({
                  inputs: [{ file: 'pasted.yaml', text }],
                  notes: [],
                }));
              }}
            >
              Compare with the pasted text
            </button>
          </div>
        </div>

        {busy !== undefined && (
          <p role="status" className="text-sm text-slate-700 dark:text-slate-200">
            Reading {busy}…
          </p>
        )}
        {problems.length > 0 && (
          <div
            role="alert"
            aria-label="Problems with the estate to compare with"
            data-testid="compare-problems"
            className="space-y-2"
          >
            <p className="text-sm font-medium text-red-800 dark:text-red-300">
              Nothing is compared: fix{' '}
              {problems.filter((p) => p.severity === 'error').length === 1
                ? 'this problem'
                : 'these problems'}{' '}
              and try again. The open estate is unchanged.
            </p>
            <DiagnosticsList diagnostics={problems} />
          </div>
        )}
        <div className="flex justify-end">
          <button type="button" className={PRIMARY} onClick={close}>
            Close
          </button>
        </div>
      </div>
    </dialog>
  );
}
