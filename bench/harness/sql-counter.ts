/**
 * Preloaded into every server of the side-by-side benchmark (`node --require dist/bench/harness/sql-counter.js …`),
 * so that the SQL statements each one sends are counted without any change to its code: it wraps
 * `Client.prototype.query` of every copy of `pg` the process loads (MikroORM brings its own nested copy, and
 * PostGraphile's ES modules load theirs through the same CommonJS loader), one count per call. The bench asks
 * for the count over the IPC channel it opened (`{ type: 'sql-count' }`, answered with the same type and
 * `count`); without that channel (a plain start) it does nothing.
 */
import Module from 'node:module';

export interface SqlCountMessage {
  type: 'sql-count';
  count?: number;
}

if (typeof process.send === 'function') {
  let count = 0;
  const wrapped = new WeakSet<object>();
  const wrap = (exported: unknown) => {
    const prototype = (exported as { prototype?: { query?: (...args: unknown[]) => unknown } } | undefined)?.prototype;
    const query = prototype?.query;
    if (!prototype || typeof query !== 'function' || wrapped.has(prototype)) return;
    wrapped.add(prototype);
    prototype.query = function countedQuery(this: unknown, ...args: unknown[]) {
      count++;
      return query.apply(this, args);
    };
  };

  // Every CommonJS file goes through the '.js' extension handler, whichever module system asked for it.
  const extensions = (
    Module as unknown as { _extensions: Record<string, (module: NodeJS.Module, filename: string) => void> }
  )._extensions;
  const loadJs = extensions['.js'];
  extensions['.js'] = function loadAndWrap(module, filename) {
    loadJs(module, filename);
    if (/[\\/]node_modules[\\/]pg[\\/]lib[\\/]client\.js$/.test(filename)) wrap(module.exports);
  };

  process.on('message', (message: SqlCountMessage) => {
    if (message?.type === 'sql-count' && process.connected)
      process.send?.({ type: 'sql-count', count } satisfies SqlCountMessage);
  });
  // The channel must not keep the server alive, and a bench that died must not leave the server running.
  process.channel?.unref();
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
