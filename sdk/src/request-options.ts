/** Headers as `fetch` takes them. */
export type HeadersInput = Record<string, string> | Array<[string, string]> | Headers;

/** Per-call options; they override the client's for this request only. */
export interface RequestOptions {
  /** Aborts the request (e.g. when a component unmounts); the promise rejects with `RequestAbortedError`. */
  signal?: AbortSignal;
  /** Extra headers for this request. */
  headers?: HeadersInput;
  /** Give up after this many milliseconds with `TimeoutError` (default: the client's `timeoutMs`). */
  timeoutMs?: number;
}
