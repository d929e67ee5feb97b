import type { IncomingMessage } from 'node:http';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { ConfigError, loadConfig } from './config';

/** Scrapes and probes: frequent, alike, and of no interest in a trace. */
const UNTRACED_PATHS = new Set(['/metrics', '/healthz', '/readyz']);

/**
 * Starts the OpenTelemetry Node SDK with traces only (metrics are Prometheus', at /metrics; logs are pino's):
 * a span per HTTP request (named by its route), per GraphQL operation (parse, validate, execute) and per
 * SQL statement. The exporter and its protocol, headers, sampling and resource attributes follow the standard
 * OTEL_* variables (OTLP over HTTP with protobuf unless OTEL_EXPORTER_OTLP_PROTOCOL says `http/json`).
 */
export function startTracing(): NodeSDK | undefined {
  let serviceName: string;
  try {
    serviceName = loadConfig().serviceName;
  } catch (error) {
    // main.ts reports the bad variable and exits; nothing to trace meanwhile.
    if (error instanceof ConfigError) return undefined;
    throw error;
  }
  const sdk = new NodeSDK({
    serviceName,
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request: IncomingMessage) => UNTRACED_PATHS.has((request.url ?? '').split('?')[0]),
      }),
      // Route handlers only: a span for each of the app's middleware would bury the ones that matter.
      new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE, ExpressLayerType.ROUTER] }),
      // Fields that only read a property get no span; list items share one span per field.
      new GraphQLInstrumentation({ ignoreTrivialResolveSpans: true, mergeItems: true }),
      // SQL outside a request (migrations, seeding, readiness probes) would make traces of its own: not wanted.
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  return sdk;
}
