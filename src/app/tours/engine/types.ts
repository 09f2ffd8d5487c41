import type { Analysis, EntityKind, Estate, PathKind, RoleId } from '../../../engine';
import type { PanelTab } from '../../store/app-state';
import type { Selection } from '../../store/selection';

/*
 * A tour is data: which sample it opens and the steps it walks through. Steps name things the way a
 * person reads them (an entity by kind and name, a path by kind, actor and target, a finding by rule),
 * and refs.ts resolves those names against the open estate, so tour files stay readable and a renamed
 * entity in a sample fails the data test instead of silently highlighting nothing.
 */

/** One entity of the tour's sample, by kind and name (names are unique per kind within a sample). */
export interface EntityRef {
  kind: EntityKind;
  name: string;
}

/** Access paths of one kind from an actor to a target (one actor can reach one target more than once). */
export interface PathRef {
  kind: PathKind;
  actor: EntityRef;
  target: EntityRef;
}

/** Findings of one rule, optionally only those about one subject. */
export interface FindingRef {
  rule: string;
  subject?: EntityRef;
}

/** Everything a step or condition points at, so that the data test can check it against the sample. */
export interface TourRefs {
  entities: readonly EntityRef[];
  paths: readonly PathRef[];
  findings: readonly FindingRef[];
}

/** What a condition sees: the open estate, its analysis and the UI state a step can ask for. */
export interface TourContext {
  estate: Estate;
  analysis: Analysis;
  selection: Selection | undefined;
  panelTab: PanelTab;
}

/** Something a step waits for. `holds` is pure; `hint` completes "Waiting for you to …". */
export interface Condition {
  hint: string;
  refs: TourRefs;
  holds: (context: TourContext) => boolean;
}

/**
 * What "Do it for me" does for a step, and what a deep link past the step applies so that the later steps
 * find the estate as they expect. Estate changes go through the same what-if edits as the inspector.
 */
export type TourAction =
  | { kind: 'select'; entity: EntityRef }
  | { kind: 'select-path'; path: PathRef }
  | { kind: 'show-panel'; tab: PanelTab }
  | { kind: 'assign-role'; principal: EntityRef; role: RoleId; scope: EntityRef }
  | { kind: 'set-identity'; resource: EntityRef; system: boolean; userAssigned: readonly EntityRef[] };

/** A link to the public page a step's facts come from. */
export interface TourSource {
  title: string;
  url: string;
}

export interface TourStep {
  /** Stable within the tour: deep links and saved progress name steps by it. */
  id: string;
  title: string;
  /** Two or three sentences, each string one paragraph. */
  text: readonly string[];
  sources?: readonly TourSource[];
  /** Brought forward on the graph while the step is shown; the rest of the graph steps back. */
  highlight?: Partial<TourRefs>;
  /** Absent: the step moves on with "Next". Present: it moves on by itself once the condition holds. */
  waitFor?: Condition;
  /** Makes `waitFor` hold: "Do it for me", and the setup a deep link to a later step applies. */
  doIt?: readonly TourAction[];
}

export interface Tour {
  /** Used in URLs: lower-case words joined by hyphens. */
  id: string;
  title: string;
  summary: string;
  /** The id of the sample in public/samples/index.json the tour opens. */
  sample: string;
  steps: readonly TourStep[];
}
