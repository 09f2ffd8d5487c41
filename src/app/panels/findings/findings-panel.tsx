import { lazy, Suspense, useMemo, useState } from 'react';
import type { AccessPath, AnalysisContext, EntityId, Finding, Severity } from '../../../engine';
import { useAnalysis } from '../../analysis/use-analysis';
import { useAnalysisContext } from '../../analysis/use-analysis-context';
import { SeverityBadge } from '../../components/badge';
import { PanelEmpty } from '../../components/panel-empty';
import { SEVERITY_ORDER, SEVERITY_PRESENTATION } from '../../components/path-status';
import { LABEL, SMALL_BUTTON } from '../../components/ui';
import { LabelledSelect, SearchField } from '../filter-fields';
import { ExpandableItem } from '../expandable-item';
import { useAppStore } from '../../store/app-store';
import type { AppState } from '../../store/app-state';
import { AREA_LABEL, countBySeverity, filterFindings, groupFindings, subjectChoices } from './group-findings';

// "Fix all in view" (and the what-if grants it applies) loads after the first paint: it is not needed for it.
const FixAllInView = lazy(() => import('./try-fix-controls').then((module) => ({ default: module.FixAllInView })));
// The details (decision traces, fixes) are fetched the first time a finding is opened, not with the page.
const FindingDetails = lazy(() => import('./finding-details').then((module) => ({ default: module.FindingDetails })));

const selectSelectedFindingId = (state: AppState) => (state.selection?.kind === 'finding' ? state.selection.id : undefined);
const selectUndo = (state: AppState) => state.undo;
const selectLastEditLabel = (state: AppState) => state.past.at(-1)?.label;
const ALL_SEVERITIES: ReadonlySet<Severity> = new Set(SEVERITY_ORDER);

/**
 * Findings drawn per area before a "Show more" button. A business unit has thousands; drawing every one
 * made tens of thousands of elements and a render of seconds, when a reader looks at the first few.
 */
const AREA_PAGE = 30;

/** Findings, grouped by severity then area, with filters; the selected one opens in place with its details. */
export function FindingsPanel() {
  const analysis = useAnalysis();
  const context = useAnalysisContext();
  const selectedId = useAppStore(selectSelectedFindingId);
  const undo = useAppStore(selectUndo);
  const lastEdit = useAppStore(selectLastEditLabel);
  const [severities, setSeverities] = useState<ReadonlySet<Severity>>(ALL_SEVERITIES);
  const [entity, setEntity] = useState<EntityId | ''>('');
  const [text, setText] = useState('');

  const nameOf = context?.topology.nameOf;
  const findings = analysis?.findings;
  const choices = useMemo(() => (findings && nameOf ? subjectChoices(findings, nameOf) : []), [findings, nameOf]);
  const counts = useMemo(() => countBySeverity(findings ?? []), [findings]);
  const shown = useMemo(
    () =>
      findings && nameOf
        ? filterFindings(findings, { severities, entity: entity === '' ? undefined : entity, text }, nameOf)
        : [],
    [findings, nameOf, severities, entity, text],
  );
  const groups = useMemo(() => groupFindings(shown), [shown]);
  const pathById = useMemo(() => new Map((analysis?.paths ?? []).map((path) => [path.id, path])), [analysis]);

  if (!analysis || !context) return <PanelEmpty>Open an estate to see what is wrong with it.</PanelEmpty>;

  const selectedExists = selectedId !== undefined && analysis.findings.some((finding) => finding.id === selectedId);
  const selectedHidden = selectedExists && !shown.some((finding) => finding.id === selectedId);
  const filtered = shown.length !== analysis.findings.length;
  const clearFilters = () => {
    setSeverities(ALL_SEVERITIES);
    setEntity('');
    setText('');
  };

  return (
    <div className="space-y-3 p-3" data-testid="findings-panel">
      <p className="text-sm text-slate-700 dark:text-slate-300" aria-live="polite">
        {analysis.findings.length === 0
          ? 'No findings: every rule passes for this estate.'
          : SEVERITY_ORDER.filter((severity) => counts[severity] > 0)
              .map((severity) => `${counts[severity]} ${counts[severity] === 1 ? SEVERITY_PRESENTATION[severity].label.toLowerCase() : SEVERITY_PRESENTATION[severity].plural.toLowerCase()}`)
              .join(' · ')}
        {filtered && ` — showing ${shown.length}`}
      </p>

      {analysis.findings.length > 0 && (
        <div className="space-y-2 rounded-lg border border-slate-200 p-2.5 dark:border-slate-700">
          <fieldset className="flex flex-wrap items-center gap-1.5">
            <legend className={`${LABEL} mb-1`}>Severity</legend>
            {SEVERITY_ORDER.map((severity) => {
              const on = severities.has(severity);
              return (
                <label
                  key={severity}
                  className={`inline-flex cursor-pointer items-center gap-1.5 rounded-md border px-2 py-1 text-xs font-medium has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-blue-600 ${
                    on
                      ? 'border-slate-400 bg-slate-100 text-slate-900 dark:border-slate-500 dark:bg-slate-800 dark:text-slate-100'
                      : 'border-slate-200 text-slate-500 dark:border-slate-700 dark:text-slate-400'
                  }`}
                >
                  <input
                    type="checkbox"
                    checked={on}
                    className="accent-blue-600"
                    onChange={() => {
                      const next = new Set(severities);
                      if (on) next.delete(severity);
                      else next.add(severity);
                      setSeverities(next);
                    }}
                  />
                  {SEVERITY_PRESENTATION[severity].plural} ({counts[severity]})
                </label>
              );
            })}
          </fieldset>
          <div className="grid grid-cols-2 gap-2">
            <SearchField value={text} onChange={setText} placeholder="title, rule, entity…" />
            <LabelledSelect label="About" value={entity} onChange={(value) => setEntity(value as EntityId | '')}>
              <option value="">Any entity</option>
              {choices.map((choice) => (
                <option key={choice.id} value={choice.id}>
                  {choice.name} ({choice.count})
                </option>
              ))}
            </LabelledSelect>
          </div>
          {filtered && (
            <button type="button" onClick={clearFilters} className={SMALL_BUTTON}>
              Clear filters
            </button>
          )}
        </div>
      )}

      <Suspense fallback={null}>
        <FixAllInView findings={shown} context={context} />
      </Suspense>

      {selectedId !== undefined && !selectedExists && (
        <p role="status" className="rounded-md border border-emerald-300 bg-emerald-50 p-2 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">
          The finding you had selected is gone: the estate as it is now no longer triggers it.
          {lastEdit !== undefined && (
            <>
              {' '}
              <button type="button" onClick={undo} className="font-medium underline">
                Undo “{lastEdit}”
              </button>
            </>
          )}
        </p>
      )}
      {selectedHidden && (
        <p className="text-xs text-slate-600 dark:text-slate-400">
          The selected finding is hidden by the filters.{' '}
          <button type="button" onClick={clearFilters} className="font-medium text-blue-700 underline dark:text-blue-300">
            Show it
          </button>
        </p>
      )}

      {groups.map((group) => (
        <section key={group.severity} aria-labelledby={`findings-${group.severity}`} className="space-y-2">
          <h3 id={`findings-${group.severity}`} className="flex items-center gap-2 text-sm font-semibold text-slate-900 dark:text-slate-100">
            <SeverityBadge severity={group.severity} />
            {SEVERITY_PRESENTATION[group.severity].plural} ({group.count})
          </h3>
          {group.areas.map((area) => (
            <div key={area.area} className="space-y-1">
              <h4 className="text-xs font-medium text-slate-500 dark:text-slate-400">
                {AREA_LABEL[area.area]} ({area.findings.length})
              </h4>
              <AreaList findings={area.findings} selectedId={selectedId} context={context} paths={pathById} />
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}

/** One area's findings, the first `AREA_PAGE` at a time; a selected finding further down is always drawn. */
function AreaList({
  findings,
  selectedId,
  context,
  paths,
}: {
  findings: readonly Finding[];
  selectedId: string | undefined;
  context: AnalysisContext;
  paths: ReadonlyMap<string, AccessPath>;
}) {
  const [limit, setLimit] = useState(AREA_PAGE);
  const selectedAt = selectedId === undefined ? -1 : findings.findIndex((finding) => finding.id === selectedId);
  const drawn = Math.max(limit, selectedAt + 1);
  const rest = findings.length - drawn;
  return (
    <>
      <ul className="space-y-1.5">
        {findings.slice(0, drawn).map((finding) => (
          <FindingItem key={finding.id} finding={finding} selected={finding.id === selectedId} context={context} paths={paths} />
        ))}
      </ul>
      {rest > 0 && (
        <button type="button" onClick={() => setLimit(drawn + AREA_PAGE)} className={SMALL_BUTTON}>
          Show {Math.min(rest, AREA_PAGE)} more of {rest}
        </button>
      )}
    </>
  );
}

function FindingItem({
  finding,
  selected,
  context,
  paths,
}: {
  finding: Finding;
  selected: boolean;
  context: AnalysisContext;
  paths: ReadonlyMap<string, AccessPath>;
}) {
  const subjects = finding.subjects.slice(0, 3).map((subject) => context.topology.nameOf(subject));
  return (
    <ExpandableItem
      selected={selected}
      selection={{ kind: 'finding', id: finding.id }}
      data={{ 'data-finding-id': finding.id, 'data-rule-id': finding.ruleId }}
      summary={
        <>
          <span
            aria-hidden="true"
            className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${
              finding.severity === 'error' ? 'bg-red-600' : finding.severity === 'warning' ? 'bg-amber-500' : 'bg-slate-400'
            }`}
          />
          <span className="min-w-0 flex-1">
            <span className="block text-sm font-medium text-slate-900 dark:text-slate-100">{finding.title}</span>
            <span className="block truncate text-xs text-slate-500 dark:text-slate-400">
              {subjects.join(', ')}
              {finding.subjects.length > 3 && ` +${finding.subjects.length - 3}`}
            </span>
          </span>
          <span className="sr-only">{SEVERITY_PRESENTATION[finding.severity].label}</span>
        </>
      }
      details={(id) => (
        <Suspense fallback={null}>
          <FindingDetails finding={finding} context={context} paths={paths} id={id} />
        </Suspense>
      )}
    />
  );
}
