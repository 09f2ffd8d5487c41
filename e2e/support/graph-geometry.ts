// How readable the drawn graph is, measured from the rendered page only (React Flow's DOM): the figures of
// issue 16 that the browser tests hold at zero and that scripts/graph-geometry.ts reports for the samples and
// the bench estates. Nothing here reads the app's state: if a person could not see it, it does not count.
import type { Page } from '@playwright/test';

export interface GraphGeometry {
  /** Boxes drawn (containers and leaves). */
  boxes: number;
  /** Edges drawn (SVG paths in React Flow's edge layer). */
  edges: number;
  /** Edges that pass through a box that is not one of their ends (nor a container around one of them). */
  crossings: number;
  /** Edge labels drawn (visible ones: far out they are hidden). */
  labels: number;
  /** Edge labels that overlap another edge label. */
  labelOverlaps: number;
  /** Edge labels that overlap a box (a leaf, or a container's header). */
  labelOnBox: number;
  /** Edge labels drawn away from their edge (their centre more than a few pixels from the edge's path). */
  labelOffEdge: number;
  /** Boxes not wholly inside the graph's pane at the current view. */
  cutOff: number;
  /** Leaves and container headers partly under the graph's toolbar, its zoom buttons or its minimap. */
  covered: number;
  /** Box headers that repeat a word of the kind ("WORKSPACE · WORKSPACE") or cut the name down to a stub. */
  badHeaders: number;
  /** Smallest rendered font size in a box's text, in CSS pixels at the current zoom. */
  minFontPx: number;
  /**
   * Smallest rendered font size of a visible edge label, in CSS pixels at the current zoom (0 with no label).
   * Reported, not judged: labels keep the size routing planned for them, so a zoomed-out view shrinks them.
   */
  minLabelFontPx: number;
  /** A few ids of offending elements, to start looking from. */
  examples: string[];
}

/*
 * The measurement runs in the page as a plain string: tsx (the CLI) compiles functions with helpers that do
 * not exist in the page, and the app's Content Security Policy refuses eval but not the debugger protocol.
 */
const MEASURE = String.raw`(() => {
  const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
  const all = [...document.querySelectorAll('.react-flow__node')]
    .filter((el) => el.style.visibility !== 'hidden')
    .map((el) => ({ el, id: el.getAttribute('data-id') ?? '?', r: el.getBoundingClientRect(), container: el.classList.contains('react-flow__node-container') }));
  const leaves = all.filter((n) => !n.container);
  // A container's header is solid (its name is there); its body is open ground that edges may cross.
  const headers = all.filter((n) => n.container).map((n) => {
    const h = n.el.querySelector('.container-header')?.getBoundingClientRect();
    return { ...n, r: h ?? n.r };
  });
  const obstacles = [...leaves, ...headers];
  const contains = (a, b) => a.left <= b.left + 1 && a.top <= b.top + 1 && a.right >= b.right - 1 && a.bottom >= b.bottom - 1;
  const inside = (p, r, pad) => p.x > r.left + pad && p.x < r.right - pad && p.y > r.top + pad && p.y < r.bottom - pad;
  const examples = [];
  const note = (what) => { if (examples.length < 8) examples.push(what); };
  // Ids are ARM ids: the last segment is enough to find the thing.
  const short = (id) => String(id).split('->').map((part) => part.split(/[/:]/).pop()).join('->');

  const paths = [...document.querySelectorAll('.react-flow__edge path.react-flow__edge-path')];
  const edgeIds = new Map();
  let crossings = 0;
  const sampled = [];
  for (const path of paths) {
    const wrapper = path.closest('.react-flow__edge');
    const id = wrapper?.getAttribute('data-id') ?? wrapper?.getAttribute('data-testid') ?? '?';
    const len = path.getTotalLength();
    const ctm = path.getScreenCTM();
    if (!len || !ctm) continue;
    const at = (l) => {
      const q = path.getPointAtLength(l);
      return { x: ctm.a * q.x + ctm.c * q.y + ctm.e, y: ctm.b * q.x + ctm.d * q.y + ctm.f };
    };
    const points = [];
    for (let l = 0; l <= len; l += 4) points.push(at(l));
    points.push(at(len));
    sampled.push({ id, points });
    edgeIds.set(path, id);
    // The ends of an edge are the boxes its first and last points touch (the smallest, when boxes nest).
    const touching = (p) => obstacles.filter((n) => inside(p, n.r, -3)).sort((a, b) => a.r.width * a.r.height - b.r.width * b.r.height)[0];
    const ends = [touching(points[0]), touching(points[points.length - 1])].filter(Boolean);
    const isEnd = (n) => ends.some((e) => e === n || e.el === n.el);
    let hit;
    for (let i = 2; i < points.length - 2 && !hit; i++) {
      const p = points[i];
      for (const n of obstacles) if (!isEnd(n) && inside(p, n.r, 3)) { hit = n; break; }
    }
    if (hit) { crossings++; note('edge ' + short(id) + ' through ' + short(hit.id)); }
  }

  const labelEls = [...document.querySelectorAll('.react-flow__edgelabel-renderer .graph-edge-label, .react-flow__edge-text')];
  const labels = labelEls.map((el) => ({ el, r: el.getBoundingClientRect() })).filter((l) => l.r.width > 0 && l.r.height > 0);
  const overlap = (a, b) => Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));
  let labelOverlaps = 0;
  for (let i = 0; i < labels.length; i++)
    for (let j = i + 1; j < labels.length; j++)
      if (overlap(labels[i].r, labels[j].r) > 4) { labelOverlaps++; note('labels "' + labels[i].el.textContent + '" and "' + labels[j].el.textContent + '"'); }
  let labelOnBox = 0;
  for (const l of labels) {
    const box = obstacles.find((n) => overlap(l.r, n.r) > 4);
    if (box) { labelOnBox++; note('label "' + l.el.textContent + '" on ' + box.id); }
  }
  // A label belongs on its edge: some point of the edge runs through the label's box.
  let labelOffEdge = 0;
  for (const l of labels) {
    const owner = l.el.getAttribute('data-edge-id');
    const candidates = owner ? sampled.filter((s) => s.id === owner) : sampled;
    const on = candidates.some((s) => s.points.some((p) => inside(p, l.r, -4)));
    if (!on) { labelOffEdge++; note('label "' + l.el.textContent + '" off its edge'); }
  }

  const within = (r) => pane && r.right > pane.left && r.left < pane.right && r.bottom > pane.top && r.top < pane.bottom;
  let cutOff = 0;
  for (const n of all) if (!pane || !within(n.r) || !contains(pane, n.r)) { cutOff++; note('cut off ' + short(n.id)); }

  // What floats over the pane: the toolbar's bar (not the lane it sits in, which spans the pane), zoom buttons, minimap.
  const covers = [document.querySelector('.graph-toolbar')?.firstElementChild, document.querySelector('.react-flow__controls'), document.querySelector('.react-flow__minimap')]
    .filter(Boolean).map((el) => el.getBoundingClientRect());
  let covered = 0;
  for (const n of obstacles) if (covers.some((c) => overlap(n.r, c) > 4)) { covered++; note('covered ' + short(n.id)); }

  let badHeaders = 0;
  for (const n of all) {
    const parts = n.el.querySelectorAll('.truncate');
    const kind = (n.el.querySelector('[data-part=kind]') ?? parts[0])?.textContent?.trim() ?? '';
    const name = n.el.querySelector('[data-part=name]') ?? parts[1];
    const words = kind.toLowerCase().split(/[^a-z]+/).filter((w) => w.length > 3);
    const repeated = words.some((w, i) => words.indexOf(w) !== i);
    // A name cut to fewer than eight characters (or half of it, if shorter) tells nothing.
    let stub = false;
    if (name && name.scrollWidth > name.clientWidth + 1) {
      const full = name.textContent ?? '';
      const shown = Math.floor((full.length * name.clientWidth) / Math.max(1, name.scrollWidth));
      stub = shown < Math.min(8, Math.ceil(full.length / 2));
    }
    if (repeated || stub) { badHeaders++; note('header of ' + short(n.id) + ': ' + kind); }
  }

  let minFont = Infinity;
  for (const n of all) {
    const scope = n.container ? n.el.querySelector('.container-header') : n.el;
    if (!scope) continue;
    const scale = n.r.width / (n.el.offsetWidth || n.r.width);
    for (const t of scope.querySelectorAll('span, div, p, button')) {
      if (!t.textContent?.trim() || t.children.length) continue;
      const style = getComputedStyle(t);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const size = parseFloat(style.fontSize);
      if (size && scale) minFont = Math.min(minFont, size * scale);
    }
  }
  let minLabelFont = Infinity;
  for (const l of labels) {
    // The label layer sits inside the viewport's transform: the drawn height over the laid-out one is the zoom.
    const scale = l.r.height / (l.el.offsetHeight || l.r.height);
    const size = parseFloat(getComputedStyle(l.el).fontSize);
    if (size && scale) minLabelFont = Math.min(minLabelFont, size * scale);
  }
  return {
    boxes: all.length, edges: paths.length, labels: labels.length, crossings, labelOverlaps, labelOnBox, labelOffEdge, cutOff, covered, badHeaders,
    minFontPx: minFont === Infinity ? 0 : Math.round(minFont * 10) / 10,
    minLabelFontPx: minLabelFont === Infinity ? 0 : Math.round(minLabelFont * 10) / 10, examples,
  };
})()`;

/** Measures the graph as it is drawn now (call it once the layout has settled). */
export async function measureGraph(page: Page): Promise<GraphGeometry> {
  return (await page.evaluate(MEASURE)) as GraphGeometry;
}

/**
 * Waits until the graph is drawn and still: a node is visible and no box or edge moved over two frames
 * (the fit-view animation and a worker layout have finished). Checks once per frame in the page.
 */
export async function waitForGraphAtRest(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator('.react-flow__node').first().waitFor({ state: 'visible', timeout: timeoutMs });
  await page.evaluate(
    String.raw`new Promise((resolve, reject) => {
      const started = performance.now();
      let last = '';
      let still = 0;
      const frame = () => {
        const viewport = document.querySelector('.react-flow__viewport')?.getAttribute('style') ?? '';
        const status = document.querySelector('[data-testid=graph-status]')?.textContent ?? '';
        const key = viewport + '|' + status + '|' + document.querySelectorAll('.react-flow__node').length + '|' + document.querySelectorAll('.react-flow__edge').length;
        still = key === last && !status.includes('laying out') ? still + 1 : 0;
        last = key;
        if (still >= 20) resolve(undefined);
        else if (performance.now() - started > ${timeoutMs}) reject(new Error('the graph did not come to rest'));
        else requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    })`,
  );
}
