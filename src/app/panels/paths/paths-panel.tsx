import { useMemo, useState } from 'react';
import type { AccessPath, AnalysisContext, Finding, PathStatus } from '../../../engine';
import { useAnalysis } from '../../analysis/use-analysis';
import { useAnalysisContext } from '../../analysis/use-analysis-context';
import { StatusBadge } from '../../components/badge';
import { PanelEmpty } from '../../components/panel-empty';
import { PATH_STATUS_ORDER, PATH_STATUS_PRESENTATION } from '../../components/path-status';
import { LabelledSelect, SearchField } from '../filter-fields';
import { ExpandableItem } from '../expandable-item';
import { useAppStore } from '../../store/app-store';
import type { AppState } from '../../store/app-state';
import { PathDetails } from './path-details';
import { filterPaths, groupPaths, PATH_KIND_LABEL } from './group-paths';

const selectSelectedPathId = (state: AppState) => (state.selection?.kind === 'path' ? state.selection.id : undefined);

/** Every access path, grouped by kind, with its identity and status; the selected one opens with its trace. */
export function PathsPanel() {
  const analysis = useAnalysis();
  const context = useAnalysisContext();
  const selectedId = useAppStore(selectSelectedPathId);
  const [status, setStatus] = useState<PathStatus | ''>('');
  const [text, setText] = useState('');

  const nameOf = context?.rbac.nameOf;
  const paths = analysis?.paths;
  const shown = useMemo(
    () => (paths && nameOf ? filterPaths(paths, { status: status === '' ? undefined : status, text }, nameOf) : []),
    [paths, nameOf, status, text],
  );
  const groups = useMemo(() => groupPaths(shown), [shown]);
  const findingById = useMemo(() => new Map((analysis?.findings ?? []).map((finding) => [finding.id, finding])), [analysis]);

  if (!analysis || !context) return <PanelEmpty>Open an estate to see who reaches what.</PanelEmpty>;

  const selectedExists = selectedId !== undefined && analysis.paths.some((path) => path.id === selectedId);
  const counts = analysis.summary.paths;
  return (
    <div className="space-y-3 p-3" data-testid="paths-panel">
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {analysis.paths.length} access path{analysis.paths.length === 1 ? '' : 's'}
        {PATH_STATUS_ORDER.filter((s) => (counts[s] ?? 0) > 0)
          .map((s) => ` · ${counts[s]} ${PATH_STATUS_PRESENTATION[s].label.toLowerCase()}`)
          .join('')}
        {shown.length !== analysis.paths.length && ` — showing ${shown.length}`}
      </p>
      <div className="grid grid-cols-2 gap-2 rounded-lg border border-slate-200 p-2.5 dark:border-slate-700">
        <SearchField value={text} onChange={setText} placeholder="who, what, identity…" />
        <LabelledSelect label="Status" value={status} onChange={(value) => setStatus(value as PathStatus | '')}>
          <option value="">Any status</option>
          {PATH_STATUS_ORDER.map((s) => (
            <option key={s} value={s}>
              {PATH_STATUS_PRESENTATION[s].label} ({counts[s] ?? 0})
            </option>
          ))}
        </LabelledSelect>
      </div>
      {selectedId !== undefined && !selectedExists && (
        <p role="status" className="rounded-md border border-slate-300 bg-slate-50 p-2 text-sm text-slate-800 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-200">
          The path you had selected no longer exists in the estate as it is now.
        </p>
      )}
      {groups.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">No path matches.</p>}
      {groups.map((group) => (
        <section key={group.kind} aria-labelledby={`paths-${group.kind}`} className="space-y-1.5">
          <h3 id={`paths-${group.kind}`} className="text-sm font-semibold text-slate-900 dark:text-slate-100">
            {PATH_KIND_LABEL[group.kind]} ({group.paths.length})
          </h3>
          <ul className="space-y-1.5">
            {group.paths.map((path) => (
              <PathItem key={path.id} path={path} selected={path.id === selectedId} context={context} findings={findingById} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function PathItem({
  path,
  selected,
  context,
  findings,
}: {
  path: AccessPath;
  selected: boolean;
  context: AnalysisContext;
  findings: ReadonlyMap<string, Finding>;
}) {
  return (
    <ExpandableItem
      selected={selected}
      selection={{ kind: 'path', id: path.id }}
      data={{ 'data-path-id': path.id, 'data-status': path.status }}
      summary={
        <>
          <span className="min-w-0 flex-1">
            <span className="block text-sm font-medium text-slate-900 dark:text-slate-100">{path.title}</span>
            <span className="block truncate text-xs text-slate-500 dark:text-slate-400">as {path.identity.label}</span>
          </span>
          <StatusBadge status={path.status} />
        </>
      }
      details={(id) => <PathDetails path={path} context={context} findings={findings} id={id} />}
    />
  );
}
