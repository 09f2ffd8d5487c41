import { describe, expect, it } from 'vitest';
import { uiRows, type EstateFigures, type UiFigures } from './index';

const s: EstateFigures = {
  size: 'S',
  nodesDrawn: 152,
  openDrawnMs: 300,
  openReadyMs: 300,
  navDrawnMs: 400,
  navReadyMs: 420,
  navInteractiveMs: 900,
  pan: { frames: 120, p50Ms: 16.7, p95Ms: 33.3, maxMs: 50 },
  edit: {
    what: 'cpu-006: identity system → none',
    ms: 80,
    graphMs: 95,
    findingsBefore: 136,
    findingsAfter: 137,
    viaWorker: false,
  },
  longestTaskMs: 150,
  longestTaskAfterLoadMs: 90,
  longTasksOver200: 0,
  errors: [],
};

function figures(estates: EstateFigures[], quick = false): UiFigures {
  return {
    quick,
    date: '2026-11-22T00:00:00Z',
    chromium: '/usr/bin/chromium',
    viewport: { width: 1440, height: 900 },
    estates,
    lighthouse: [],
    durationS: 1,
  };
}

const statusOf = (rows: string[][], measure: string) => rows.find((row) => row[0]?.includes(measure))?.[3];

describe('uiRows', () => {
  it('marks the S targets met when the figures are within them', () => {
    const rows = uiRows(figures([s]));
    expect(statusOf(rows, 'navigation → graph drawn')).toBe('met');
    expect(statusOf(rows, 'pan, 120 frames')).toBe('met');
    expect(statusOf(rows, 'what-if edit')).toBe('met');
  });

  it('marks a gap when a figure is over its target', () => {
    const rows = uiRows(
      figures([
        { ...s, navInteractiveMs: 1_500, edit: { ...s.edit, ms: 250 }, pan: { ...s.pan, p50Ms: 33.4 } },
      ]),
    );
    expect(statusOf(rows, 'navigation → graph drawn')).toBe('GAP');
    expect(statusOf(rows, 'pan, 120 frames')).toBe('GAP');
    expect(statusOf(rows, 'what-if edit')).toBe('GAP');
  });

  it('judges the main-thread target on M and gives no verdict in quick mode', () => {
    const m: EstateFigures = {
      ...s,
      size: 'M',
      longestTaskMs: 816,
      expand: { group: 'Open workspace w', ms: 300, nodesBefore: 39, nodesAfter: 172 },
    };
    expect(
      uiRows(figures([m]))
        .filter((row) => row[0].includes('longest main-thread task'))
        .map((row) => row[3]),
    ).toEqual(['GAP']);
    expect(uiRows(figures([s], true)).every((row) => row[3] === '' || row[3] === '-')).toBe(true);
  });

  it('lists a step that could not be measured as a gap', () => {
    const rows = uiRows(figures([{ ...s, errors: ['search: timed out waiting in the page'] }]));
    expect(rows.at(-1)).toEqual(['  not measured', 'search: timed out waiting in the page', '', 'GAP']);
  });

  it('reports a Lighthouse failure as a gap rather than leaving the row out', () => {
    const rows = uiRows({ ...figures([]), lighthouseError: 'Chrome did not start' });
    expect(rows).toEqual([['Lighthouse', 'failed: Chrome did not start', 'recorded', 'GAP']]);
  });
});

describe('uiRows: graph geometry', () => {
  const geometry = {
    boxes: 152, edges: 135, labels: 63, crossings: 0, labelOverlaps: 1, labelOnBox: 2, labelOffEdge: 0, cutOff: 63, covered: 4,
    badHeaders: 0, minFontPx: 12.3, minLabelFontPx: 6.1, examples: [],
  };
  it('reports the first view geometry of an estate when it was measured', () => {
    const row = uiRows(figures([{ ...s, geometry }])).find((r) => r[0]?.includes('geometry'));
    expect(row?.[1]).toBe(
      '152 boxes, 135 edges, 63 labels; crossings 0, label overlaps 1, labels on boxes 2, off their edge 0; cut off 63, under the controls 4; bad headers 0; smallest font 12.3 px (edge labels 6.1 px)',
    );
  });
  it('has no geometry row when the step was not measured', () => {
    expect(uiRows(figures([s])).some((r) => r[0]?.includes('geometry'))).toBe(false);
  });
});
