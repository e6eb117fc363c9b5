import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { HOSTILE_CONFIG } from './plan.js';
import { afterRun, FailureLog, Prober, watchBackgroundFailures } from './probe.js';

/**
 * A hostile run on every test database, the demo agency seeded with its documents and messages: `run` sends its
 * requests through the prober and says what it covered; the test fails on any answer of 500 or more, a stack
 * trace, a background failure, a failed analytics write or a server that no longer answers — with reproductions.
 */
export function describeHostile(title: string, run: (t: TestApp, prober: Prober) => Promise<string>): void {
  describe.each(testDatabases())(`${title} on $name`, (database) => {
    let t: TestApp;
    const log = new FailureLog();
    beforeAll(async () => {
      t = await startTestApp(database, { demo: true, demoDocuments: true, config: HOSTILE_CONFIG, logger: log.logger });
    });
    afterAll(() => t?.close());

    it('answers each with less than 500 and no stack trace, and the server stays up', async () => {
      const started = Date.now();
      const background = watchBackgroundFailures();
      const prober = new Prober(t.app, log);
      const covered = await run(t, prober);
      const after = await afterRun(t);
      background.stop();
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.info(`${title} on ${database.name}: ${prober.sent} requests ${covered} in ${seconds} s (${prober.statusSummary()}; slowest: ${prober.slowest()})`);
      expect([prober.report(), ...after, ...background.failures].filter(Boolean).join('\n')).toBe('');
    }, 600_000);
  });
}
