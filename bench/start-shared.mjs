// What the start-up benchmarks share: how a load's "interactive" moment is seen.

/** Runs in the page before any of its scripts: notes when the root gets `data-ready`
 * (`globalThis.__aeReadyAt`, and an `ae-ready` User Timing mark for traces). */
export function watchReady() {
  const mark = () => {
    if (globalThis.__aeReadyAt === undefined && document.querySelector('.ae-app[data-ready]')) {
      globalThis.__aeReadyAt = performance.now();
      performance.mark('ae-ready');
      return true;
    }
    return false;
  };
  const mo = new MutationObserver(() => { if (mark()) mo.disconnect(); });
  mo.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready'] });
}

/** The median of numbers (the mean of the middle two for an even count). */
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
