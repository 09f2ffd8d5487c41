// In-page instruments for the UI benchmark. They are plain JavaScript in strings, not functions handed to
// page.evaluate, because tsx compiles this file with helpers (name keeping) that do not exist in the page.
// Times are performance.now() in the page: milliseconds since the navigation started.

/**
 * Installed before any page script (addInitScript): records long tasks from the start, and the first frame
 * in which the graph's nodes are visible, the first in which the analysis is current, and the frame after
 * that (the main thread was free to make another one: the page answers input).
 */
export const PROBE = String.raw`
(() => {
  const bench = { longTasks: [], drawn: undefined, ready: undefined, interactive: undefined };
  window.__uiBench = bench;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  const visibleNode = () => {
    for (const node of document.querySelectorAll('.react-flow__node')) {
      if (node.style.visibility !== 'hidden') return true;
    }
    return false;
  };
  window.__findingsCount = () => {
    for (const tab of document.querySelectorAll('[role=tab]')) {
      const text = tab.textContent || '';
      if (text.startsWith('Findings')) {
        const count = /\d+/.exec(text);
        return count ? Number(count[0]) : undefined;
      }
    }
    return undefined;
  };
  window.__analysisStatus = () => document.querySelector('[data-analysis-status]')?.getAttribute('data-analysis-status') ?? undefined;
  const watch = (now) => {
    if (bench.drawn === undefined && visibleNode()) bench.drawn = now;
    if (bench.drawn !== undefined && bench.ready === undefined && window.__analysisStatus() === 'ready' && window.__findingsCount() !== undefined)
      bench.ready = now;
    else if (bench.ready !== undefined && bench.interactive === undefined) bench.interactive = now;
    if (bench.interactive === undefined) requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);

  /** Resolves after the frame that follows: rAF runs before that frame's paint, the message after it. */
  window.__afterNextPaint = () =>
    new Promise((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(undefined);
      }),
    );

  /** rAF timestamps of the next n + 1 frames. */
  window.__recordFrames = (n) =>
    new Promise((resolve) => {
      const stamps = [];
      const frame = (now) => {
        stamps.push(now);
        if (stamps.length > n) resolve(stamps);
        else requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });

  /** The time of the next trusted or synthetic event of this type, anywhere on the page. */
  window.__nextEvent = (type) =>
    new Promise((resolve) => document.addEventListener(type, (event) => resolve(event.timeStamp), { capture: true, once: true }));

  /** Resolves with the first frame time at which test() holds (checked once per frame). */
  window.__frameWhen = (test, timeoutMs) =>
    new Promise((resolve, reject) => {
      const start = performance.now();
      const frame = (now) => {
        if (test()) resolve(now);
        else if (performance.now() - start > timeoutMs) reject(new Error('timed out waiting in the page'));
        else requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
})();
`;

/** A point on the empty pane (not on a node or edge), from which a drag pans the graph; null if none. */
export const FIND_EMPTY_PANE = String.raw`
(() => {
  const pane = document.querySelector('.react-flow__pane');
  if (!pane) return null;
  const box = pane.getBoundingClientRect();
  for (let fy = 0.5; fy < 0.95; fy += 0.05)
    for (let fx = 0.1; fx < 0.9; fx += 0.05) {
      const x = box.left + box.width * fx;
      const y = box.top + box.height * fy;
      const hit = document.elementFromPoint(x, y);
      if (hit && hit.classList.contains('react-flow__pane')) return { x, y };
    }
  return null;
})()
`;

/** The centre of the first closed group's open button that lies inside the window; null if none. */
export const FIND_CLOSED_GROUP = String.raw`
(() => {
  // The button must be on the pane and on top there (not under the side panel or a control).
  const pane = document.querySelector('.react-flow__pane')?.getBoundingClientRect();
  if (!pane) return null;
  for (const button of document.querySelectorAll('.react-flow__node button[aria-expanded="false"]')) {
    const r = button.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    if (r.width === 0 || x < pane.left || x > pane.right || y < pane.top || y > pane.bottom) continue;
    const hit = document.elementFromPoint(x, y);
    // Group names repeat across subscriptions (rg-ml-00 in each), so the button itself is marked for the click.
    if (hit && button.contains(hit)) {
      for (const marked of document.querySelectorAll('[data-bench-target]')) marked.removeAttribute('data-bench-target');
      button.setAttribute('data-bench-target', 'group');
      return { x, y, label: button.getAttribute('aria-label') };
    }
  }
  return null;
})()
`;

/** Visible node count (what the graph draws). */
export const NODE_COUNT = `document.querySelectorAll('.react-flow__node').length`;

/** The viewport transform of the graph (pan and zoom), as a string. */
export const VIEWPORT_TRANSFORM = `document.querySelector('.react-flow__viewport')?.style.transform ?? ''`;
