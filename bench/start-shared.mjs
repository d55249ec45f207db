// What the start-up benchmarks share: how a load's "interactive" moment is seen.

/** Runs in the page before any of its scripts: notes when an explorer's root gets
 * `data-ready` (`globalThis.__aeReadyAt`, and an `ae-ready` User Timing mark for traces).
 * It watches that one attribute, not every change to the page (the start's turns make
 * hundreds), so that the watch itself costs the measured start nothing it can avoid. */
export function watchReady() {
  let resolve;
  globalThis.__aeReady = new Promise((r) => { resolve = r; });
  const mo = new MutationObserver((records) => {
    if (records.some((r) => r.target.matches?.('.ae-app[data-ready]'))) {
      globalThis.__aeReadyAt = performance.now();
      performance.mark('ae-ready');
      mo.disconnect();
      resolve(globalThis.__aeReadyAt);
    }
  });
  mo.observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
}

/** Waits in a page (watched by {@link watchReady}) until an explorer is ready. */
export const untilReady = (page, timeout = 30_000) =>
  page.evaluate((ms) => Promise.race([
    globalThis.__aeReady,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`no .ae-app[data-ready] after ${ms} ms`)), ms)),
  ]), timeout);

/** The median of numbers (the mean of the middle two for an even count). */
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
