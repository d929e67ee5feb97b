import type { NodeSDK } from '@opentelemetry/sdk-node';

/**
 * Tracing (OpenTelemetry), on only when OTEL_EXPORTER_OTLP_ENDPOINT is set. main.ts imports this module before
 * anything else: instrumentation patches `http`, `express`, `graphql` and `pg` as they load, so the SDK must
 * start first. Unset, this module loads nothing more and costs nothing.
 */
let sdk: NodeSDK | undefined;

if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT) {
  // A require, not an import: an import would load the SDK whether or not tracing is on.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startTracing } = require('./tracing-sdk') as typeof import('./tracing-sdk');
  sdk = startTracing();
}

/** Sends the spans still buffered and stops tracing; call it before the process exits. */
export async function stopTracing(): Promise<void> {
  await sdk?.shutdown();
}
