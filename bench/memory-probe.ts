/**
 * Preloaded into the server by the soak bench (`node --require dist/bench/memory-probe.js dist/server/main.js`),
 * so the bench can watch the heap as well as RSS without any change to the server's code. It only reads
 * `process.memoryUsage()` once a second and after each major (mark-compact) garbage collection, and sends the
 * figures to the bench over the IPC channel the bench opened. Without that channel (a plain start) it does
 * nothing.
 */
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

export interface MemorySample {
  type: 'sample' | 'major-gc';
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

if (typeof process.send === 'function') {
  const send = (type: MemorySample['type']) => {
    if (!process.connected || !process.send) return;
    const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
    const sample: MemorySample = { type, rss, heapUsed, heapTotal, external, arrayBuffers };
    process.send(sample);
  };
  setInterval(() => send('sample'), 1000).unref();
  // heapUsed just after a mark-compact is the live heap: the best leak signal short of forcing collections.
  // Entries arrive in batches, shortly after the collections: one reading per batch that holds a major one.
  const observer = new PerformanceObserver((list) => {
    const major = (entry: PerformanceEntry) =>
      (entry as unknown as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR;
    if (list.getEntries().some(major)) send('major-gc');
  });
  observer.observe({ entryTypes: ['gc'] });
  // The channel must not keep the server alive, and a bench that died must not leave the server running.
  process.channel?.unref();
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
