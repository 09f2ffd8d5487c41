import { useEffect, useState } from 'react';
import { loadDiff, type Estate, type EstateDiff, type PlanComparison, type TwoWayFix } from '../../../engine';
import { CopyButton } from '../../components/copy-button';
import { SECTION_TITLE, SMALL_BUTTON } from '../../components/ui';

type State = { status: 'pending' } | { status: 'ready'; comparison: PlanComparison; matched: boolean } | { status: 'failed'; message: string };

/** One difference with both ways to settle it: change what exists, or change the plan. */
function Difference({ title, detail, fix }: { title: string; detail?: string; fix: TwoWayFix }) {
  return (
    <li className="space-y-1 rounded-md border border-slate-200 p-2 dark:border-slate-700" data-testid="plan-difference">
      <p className="font-medium text-slate-900 dark:text-slate-50">{title}</p>
      {detail && <p className="text-xs text-slate-600 dark:text-slate-400">{detail}</p>}
      <div className="flex items-start gap-2 text-xs">
        <span className="shrink-0 font-semibold text-slate-600 dark:text-slate-300">Make reality match:</span>
        <code className="min-w-0 flex-1 font-mono break-all">{fix.reality}</code>
        <CopyButton text={fix.reality} label="Copy" />
      </div>
      <div className="flex items-start gap-2 text-xs">
        <span className="shrink-0 font-semibold text-slate-600 dark:text-slate-300">Or update the plan:</span>
        <span className="min-w-0 flex-1">{fix.plan}</span>
      </div>
    </li>
  );
}

/**
 * Plan versus reality (the CLI's `diff --plan`): the "before" estate read as the team's plan, the "after" one as
 * what exists (a collected folder, say). Grants declared but absent, grants that exist on what the plan declares
 * but are not in it (drift), automatic grants absent, identities configured otherwise, paths that differ; each
 * with the fix in both directions, read from the comparison's own diff.
 */
export function PlanVersusReality({ plan, reality, diff }: { plan: Estate; reality: Estate; diff: EstateDiff }) {
  // The answer is kept with the pair it is for: another pair shows "pending" until its own answer arrives.
  const [answer, setAnswer] = useState<{ plan: Estate; reality: Estate; state: State }>();
  useEffect(() => {
    let live = true;
    const settle = (state: State) => live && setAnswer({ plan, reality, state });
    loadDiff().then(
      ({ comparePlan, isPlanMatched }) => {
        if (!live) return;
        // The comparison's diff is this pair's already: only the plan's reading of it is worked out here.
        const comparison = comparePlan(plan, reality, diff);
        settle({ status: 'ready', comparison, matched: isPlanMatched(comparison) });
      },
      (error: unknown) => settle({ status: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [plan, reality, diff]);
  const state: State = answer && answer.plan === plan && answer.reality === reality ? answer.state : { status: 'pending' };

  if (state.status === 'pending') return <p role="status">Comparing the plan with what exists…</p>;
  if (state.status === 'failed') return <p role="alert">The comparison failed: {state.message}</p>;
  const { comparison, matched } = state;
  const grant = (g: PlanComparison['declaredMissing'][number]) => `${g.roleName} for ${g.principalName} on ${g.scopeName}`;
  const sections: { key: string; title: string; items: { key: string; title: string; detail?: string; fix: TwoWayFix }[] }[] = [
    { key: 'declared', title: 'Declared in the plan, absent in reality', items: comparison.declaredMissing.map((g) => ({ key: `${g.principal}|${g.role}|${g.scope}`, title: grant(g), fix: g.fix })) },
    { key: 'drift', title: 'In reality, not in the plan (drift)', items: comparison.undeclared.map((g) => ({ key: `${g.principal}|${g.role}|${g.scope}`, title: grant(g), fix: g.fix })) },
    { key: 'automatic', title: 'Grants Azure ML makes itself, absent', items: comparison.automaticMissing.map((g) => ({ key: `${g.principal}|${g.role}|${g.scope}`, title: grant(g), fix: g.fix })) },
    { key: 'identities', title: 'Identities configured otherwise', items: comparison.identities.map((i) => ({ key: i.id, title: `${i.name}: ${i.planned} in the plan, ${i.actual} in reality`, fix: i.fix })) },
    { key: 'paths', title: 'Paths that differ', items: comparison.paths.map((p) => ({ key: p.id, title: p.title, detail: `plan: ${p.before.status} as ${p.before.identity}; reality: ${p.after.status} as ${p.after.identity}`, fix: p.fix })) },
  ];
  return (
    <div className="space-y-3" data-testid="plan-versus-reality">
      <p role="status" className="text-slate-700 dark:text-slate-200">
        {matched ? 'What exists matches the plan.' : `${sections.reduce((n, s) => n + s.items.length, 0)} differences between the plan and what exists.`}
      </p>
      {sections
        .filter((section) => section.items.length > 0)
        .map((section) => (
          <section key={section.key} aria-label={section.title} data-testid={`plan-${section.key}`}>
            <h3 className={`${SECTION_TITLE} mb-1`}>
              {section.title} <span className="font-normal normal-case">({section.items.length})</span>
            </h3>
            <ul className="space-y-1.5">
              {section.items.map((item) => (
                <Difference key={item.key} title={item.title} fix={item.fix} {...(item.detail ? { detail: item.detail } : {})} />
              ))}
            </ul>
          </section>
        ))}
    </div>
  );
}

/** The switch between the plain comparison and plan versus reality. */
export function PlanToggle({ on, onChange }: { on: boolean; onChange: (on: boolean) => void }) {
  return (
    <button type="button" className={SMALL_BUTTON} aria-pressed={on} onClick={() => onChange(!on)} title="Read the before estate as the plan and the after one as what exists">
      {on ? 'Show all changes' : 'Plan versus reality'}
    </button>
  );
}
