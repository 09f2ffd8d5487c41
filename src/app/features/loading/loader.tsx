import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import type { DeploymentTarget, Diagnostic, Estate, InputFile, WorkspaceOption } from '../../../engine';
import { primeAnalysis } from '../../analysis/use-analysis';
import { useAppStore } from '../../store/app-store';
import { confirmReplace } from '../../store/replace-guard-slice';
import { selectOpenEstate } from '../../store/selectors';
import type { LoadStage } from '../../reading/load-protocol';
import { parseInputs, readFilesAsInputs } from '../../reading/read-inputs';

/** Where the inputs came from, for messages and for the estate's origin. */
export type LoadSource =
  | { kind: 'files'; files: readonly File[]; /** What a folder walk left out, reported with the load. */ notes?: readonly string[] }
  | { kind: 'text'; name: string; text: string };

export interface LoadProgress {
  stage: LoadStage;
  /** What is being loaded, in words (`2 files`, `pasted text`). */
  what: string;
  /** Bytes read so far while reading files. */
  bytes?: { done: number; total: number };
}

/** A load that did not open anything (errors), or opened with warnings worth a look. */
export interface LoadReport {
  outcome: 'rejected' | 'opened';
  what: string;
  diagnostics: Diagnostic[];
  /**
   * The workspaces to choose from when az ml YAML names none and the import holds several; choosing one reads
   * the same inputs again with it (as the CLI's `--workspace`).
   */
  workspaceChoice?: WorkspaceOption[];
  /**
   * The ARM templates of an opened load that do not say where they are deployed (so placed in a stand-in
   * subscription and resource group); giving the target reads the same inputs again there.
   */
  undeployedTemplates?: string[];
}

/** Options of one load. */
export interface LoadOptions {
  /** Leaves reporting to the caller (the paste dialog shows problems next to the text). */
  quiet?: boolean;
  /** The workspace (name or ARM id) that az ml YAML naming none belongs to. */
  workspace?: string;
  /** Where the ARM templates of the inputs are deployed (as the CLI's `--deployment-target`). */
  deployment?: DeploymentTarget;
  /**
   * `add`: merge the inputs into the open estate as one what-if step (undo takes them out again); `replace`
   * (the default): open them instead of it, asking first when it has edits.
   */
  mode?: 'add' | 'replace';
}

export interface LoadOutcome {
  opened: boolean;
  diagnostics: Diagnostic[];
}

interface LoaderValue {
  progress: LoadProgress | undefined;
  /** The last load's problems, shown until dismissed or until the next load. */
  report: LoadReport | undefined;
  dismissReport: () => void;
  /**
   * Reads, validates and analyses the inputs, then opens them as the estate; with any error nothing is
   * opened and the current estate stays as it was. `quiet` leaves reporting to the caller (the paste dialog
   * shows problems next to the text).
   */
  load: (source: LoadSource, options?: LoadOptions) => Promise<LoadOutcome>;
  /** Reads the last load that asked for a workspace again, with the one chosen (its ARM id). */
  chooseWorkspace: (armId: string) => Promise<LoadOutcome>;
  /**
   * Reads the last opened load whose templates had no deployment target again, placed at `target`. An added load
   * is taken out first (undo) and added again; if the estate was edited since, nothing is read and the report
   * says to add the files again.
   */
  placeTemplates: (target: DeploymentTarget) => Promise<LoadOutcome>;
}

const LoaderContext = createContext<LoaderValue | undefined>(undefined);

function describe(source: LoadSource): string {
  if (source.kind === 'text') return source.name;
  const [first] = source.files;
  return source.files.length === 1 && first ? first.name : `${source.files.length} files`;
}

/** Holds the state of loading (progress, last report) for every way in: file picker, drop, paste. */
export function LoaderProvider({ children }: { children: ReactNode }) {
  const [progress, setProgress] = useState<LoadProgress>();
  const [report, setReport] = useState<LoadReport>();
  const openEstate = useAppStore(selectOpenEstate);
  // Only the latest load may open its estate: a slow big file must not replace a later, quicker one.
  const latest = useRef(0);
  // The source of the last load that needs a workspace chosen: the chooser reads it again.
  const awaitingWorkspace = useRef<{ source: LoadSource; mode: LoadOptions['mode'] }>(undefined);
  // The last opened load whose templates sat in the stand-in target, and the estate it opened: placing reads it again.
  const placeable = useRef<{ source: LoadSource; options: LoadOptions; opened: Estate }>(undefined);

  const load = useCallback(
    async (source: LoadSource, options: LoadOptions = {}): Promise<LoadOutcome> => {
      const token = ++latest.current;
      const what = describe(source);
      const current = () => token === latest.current;
      const stage = (next: LoadProgress) => {
        if (current()) setProgress(next);
      };
      if (!options.quiet) setReport(undefined);
      try {
        let inputs: InputFile[];
        const notes = source.kind === 'files' ? (source.notes ?? []).map((message): Diagnostic => ({ severity: 'info', message })) : [];
        if (source.kind === 'files' && source.files.length === 0) {
          const diagnostics: Diagnostic[] = [{ severity: 'error', message: 'There was no YAML or JSON file in what was given.' }, ...notes];
          if (current() && !options.quiet) setReport({ outcome: 'rejected', what, diagnostics });
          return { opened: false, diagnostics };
        }
        if (source.kind === 'files') {
          stage({ stage: 'reading', what });
          const read = await readFilesAsInputs(source.files, (done, total) =>
            stage({ stage: 'reading', what, bytes: { done, total } }),
          );
          if (read.problems.length > 0) {
            const diagnostics = read.problems.map((message): Diagnostic => ({ severity: 'error', message }));
            if (current() && !options.quiet) setReport({ outcome: 'rejected', what, diagnostics });
            return { opened: false, diagnostics };
          }
          inputs = read.inputs;
        } else {
          inputs = [{ file: source.name, text: source.text }];
        }
        const { workspace, deployment } = options;
        if (workspace !== undefined) inputs = inputs.map((input) => ({ ...input, workspace }));
        if (deployment !== undefined) inputs = inputs.map((input) => ({ ...input, deployment }));
        const base = options.mode === 'add' ? useAppStore.getState().estate : undefined;
        const parsed = await parseInputs(inputs, (next) => stage({ stage: next, what }), base);
        const { analysis } = parsed;
        const result = notes.length > 0 ? { ...parsed.result, diagnostics: [...parsed.result.diagnostics, ...notes] } : parsed.result;
        if (!current()) return { opened: false, diagnostics: result.diagnostics };
        // A file with errors is not opened, not even alongside good ones: a partial estate would show access
        // that the user's real estate does not have, and they asked for all of it.
        if (!result.estate || result.diagnostics.some((d) => d.severity === 'error')) {
          const { workspaceChoice } = result;
          awaitingWorkspace.current = workspaceChoice ? { source, mode: options.mode } : undefined;
          if (!options.quiet)
            setReport({ outcome: 'rejected', what, diagnostics: result.diagnostics, ...(workspaceChoice ? { workspaceChoice } : {}) });
          return { opened: false, diagnostics: result.diagnostics };
        }
        if (base !== undefined) {
          const merged = result.estate;
          let added = false;
          if (analysis) primeAnalysis(merged, analysis);
          // One what-if step, so undo takes the files out again; an estate edited while they were read is left
          // as it is (merging into an older copy would drop that edit), and the user is told to add them again.
          useAppStore.getState().applyEdit({
            label: `Add ${what}`,
            apply: (estate) => {
              if (estate !== base) return estate;
              added = true;
              return merged;
            },
          });
          const diagnostics: Diagnostic[] = added
            ? result.diagnostics
            : [{ severity: 'error', message: `The estate changed while ${what} was read; nothing was added. Add it again.` }];
          const undeployed = added ? result.undeployedTemplates : undefined;
          placeable.current = undeployed ? { source, options, opened: merged } : undefined;
          if (diagnostics.length > 0 && !options.quiet)
            setReport({ outcome: added ? 'opened' : 'rejected', what, diagnostics, ...(undeployed ? { undeployedTemplates: undeployed } : {}) });
          return { opened: added, diagnostics };
        }
        // Over an estate with edits, the user says first whether to keep them aside; cancelling opens nothing.
        if (!(await confirmReplace(useAppStore.getState(), `open ${what}`)) || !current())
          return { opened: false, diagnostics: [] };
        if (analysis) primeAnalysis(result.estate, analysis);
        openEstate(result.estate, { kind: 'files', files: inputs.map((input) => input.file) });
        const undeployed = result.undeployedTemplates;
        placeable.current = undeployed ? { source, options, opened: result.estate } : undefined;
        if (result.diagnostics.length > 0 && !options.quiet)
          setReport({ outcome: 'opened', what, diagnostics: result.diagnostics, ...(undeployed ? { undeployedTemplates: undeployed } : {}) });
        return { opened: true, diagnostics: result.diagnostics };
      } catch (error) {
        const diagnostics: Diagnostic[] = [
          { severity: 'error', message: `The reader failed: ${error instanceof Error ? error.message : String(error)}` },
        ];
        if (current() && !options.quiet) setReport({ outcome: 'rejected', what, diagnostics });
        return { opened: false, diagnostics };
      } finally {
        if (current()) setProgress(undefined);
      }
    },
    [openEstate],
  );

  const chooseWorkspace = useCallback(
    async (armId: string): Promise<LoadOutcome> => {
      const awaiting = awaitingWorkspace.current;
      if (!awaiting) return { opened: false, diagnostics: [] };
      return load(awaiting.source, { workspace: armId, ...(awaiting.mode ? { mode: awaiting.mode } : {}) });
    },
    [load],
  );
  const placeTemplates = useCallback(
    async (target: DeploymentTarget): Promise<LoadOutcome> => {
      const last = placeable.current;
      if (!last) return { opened: false, diagnostics: [] };
      const options: LoadOptions = { ...last.options, deployment: target };
      if (last.options.mode !== 'add') return load(last.source, options);
      const store = useAppStore.getState();
      if (store.estate !== last.opened) {
        // Undo would take out the later edit rather than the files: the user adds them again instead.
        const diagnostics: Diagnostic[] = [
          { severity: 'error', message: `The estate changed after ${describe(last.source)} was added, so it cannot be placed; undo back to it, or add the files again.` },
        ];
        setReport({ outcome: 'rejected', what: describe(last.source), diagnostics });
        return { opened: false, diagnostics };
      }
      store.undo();
      return load(last.source, options);
    },
    [load],
  );
  const dismissReport = useCallback(() => setReport(undefined), []);
  const value = useMemo(
    () => ({ progress, report, dismissReport, load, chooseWorkspace, placeTemplates }),
    [progress, report, dismissReport, load, chooseWorkspace, placeTemplates],
  );
  return <LoaderContext.Provider value={value}>{children}</LoaderContext.Provider>;
}

export function useLoader(): LoaderValue {
  const value = useContext(LoaderContext);
  if (!value) throw new Error('useLoader needs a LoaderProvider above it.');
  return value;
}
