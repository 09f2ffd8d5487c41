/** How long to wait for a frame before running anyway: a hidden tab draws no frames at all. */
const FRAME_WAIT_MS = 250;

/**
 * Runs `run` once, in a task of its own after the next frame is drawn (or after FRAME_WAIT_MS when no frame
 * comes, as in a hidden tab). For work that a user's input causes but that need not hold up its paint.
 */
export function afterPaint(run: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    run();
  };
  const fallback = setTimeout(once, FRAME_WAIT_MS);
  if (typeof requestAnimationFrame === 'function')
    requestAnimationFrame(() => {
      clearTimeout(fallback);
      setTimeout(once, 0);
    });
}
