import { ConfigError, loadConfig } from '../../server/config';

/**
 * Settings that are each valid alone but wrong together are refused at start, naming the variable and why,
 * rather than running in a way that would serve wrong answers.
 */
const DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/mce';

function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error(`accepted: ${JSON.stringify(env)}`);
}

describe('settings that only work together', () => {
  it('refuse an in-memory response cache shared by nobody across several workers', () => {
    expect(refusal({ DATABASE_URL, WORKERS: '2', RESPONSE_CACHE: 'true' })).toMatch(
      /RESPONSE_CACHE.*WORKERS=2 needs REDIS_URL/,
    );
    expect(
      loadConfig({ DATABASE_URL, WORKERS: '2', RESPONSE_CACHE: 'true', REDIS_URL: 'redis://127.0.0.1:6379' })
        .responseCache,
    ).toBe(true);
    expect(loadConfig({ DATABASE_URL, WORKERS: '1', RESPONSE_CACHE: 'true' }).responseCache).toBe(true);
  });

  it('refuse several workers on the embedded engine, and replicas without a primary', () => {
    expect(refusal({ WORKERS: '2' })).toMatch(/WORKERS is 2, but the embedded engine serves one process only/);
    expect(refusal({ DATABASE_REPLICA_URLS: 'postgresql://postgres@127.0.0.1:5433/mce' })).toMatch(
      /DATABASE_REPLICA_URLS.*needs DATABASE_URL/,
    );
  });
});
