import { afterEach, describe, expect, it, vi } from 'vitest';
import { laterInBackground, logUnhandledRejections, repeatInBackground, runInBackground, setBackgroundLogger } from './background.js';

function recorder() {
  const lines: { obj: Record<string, unknown>; msg: string }[] = [];
  return { lines, logger: { error: (obj: object, msg: string) => void lines.push({ obj: obj as Record<string, unknown>, msg }) } };
}

describe('background tasks', () => {
  afterEach(() => {
    vi.useRealTimers();
    setBackgroundLogger(null);
  });

  it('logs a failing task with its name and never rejects, even when the logger itself throws', async () => {
    const { lines, logger } = recorder();
    setBackgroundLogger(logger);
    const boom = new Error('database is closed');
    await expect(runInBackground('flush', () => Promise.reject(boom))).resolves.toBeUndefined();
    await expect(runInBackground('sync', () => { throw boom; })).resolves.toBeUndefined();
    expect(lines).toEqual([
      { obj: { err: boom, task: 'flush' }, msg: 'flush failed' },
      { obj: { err: boom, task: 'sync' }, msg: 'sync failed' },
    ]);
    setBackgroundLogger({ error: () => { throw new Error('logger down'); } });
    await expect(runInBackground('flush', () => Promise.reject(boom))).resolves.toBeUndefined();
  });

  it('repeats without overlapping runs, logs each failure, and stops', async () => {
    vi.useFakeTimers();
    const { lines, logger } = recorder();
    setBackgroundLogger(logger);
    let started = 0;
    let release: () => void = () => {};
    const stop = repeatInBackground('job', 100, () => {
      started++;
      return new Promise<void>((_, reject) => (release = () => reject(new Error(`run ${started}`))));
    }, { firstAfterMs: 10 });
    await vi.advanceTimersByTimeAsync(10);
    expect(started).toBe(1);
    await vi.advanceTimersByTimeAsync(500); // still running: no second run
    expect(started).toBe(1);
    release();
    await vi.advanceTimersByTimeAsync(100);
    expect(started).toBe(2);
    expect(lines.map((l) => l.msg)).toEqual(['job failed']);
    stop();
    release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(started).toBe(2);
    expect(lines).toHaveLength(2);
  });

  it('runs a one-off task later, cancellable with clearTimeout', async () => {
    vi.useFakeTimers();
    const { lines, logger } = recorder();
    setBackgroundLogger(logger);
    laterInBackground('flush', 50, () => Promise.reject(new Error('x')));
    clearTimeout(laterInBackground('cancelled', 50, () => Promise.reject(new Error('y'))));
    await vi.advanceTimersByTimeAsync(50);
    expect(lines.map((l) => l.msg)).toEqual(['flush failed']);
  });

  it('writes to stderr when no application logger is set', async () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await runInBackground('flush', () => Promise.reject(new Error('no database')));
      const line = JSON.parse(String(write.mock.calls[0]![0])) as { msg: string; task: string; err: { message: string } };
      expect(line).toMatchObject({ msg: 'flush failed', task: 'flush', err: { message: 'no database' } });
    } finally {
      write.mockRestore();
    }
  });

  it('logs an unhandled rejection instead of ending the process, until removed', () => {
    const { lines, logger } = recorder();
    const before = process.listenerCount('unhandledRejection');
    const remove = logUnhandledRejections(logger);
    expect(process.listenerCount('unhandledRejection')).toBe(before + 1);
    const reason = new Error('stray');
    try {
      process.emit('unhandledRejection', reason, Promise.resolve());
    } finally {
      remove();
    }
    expect(lines).toEqual([{ obj: { err: reason }, msg: 'unhandled promise rejection' }]);
    expect(process.listenerCount('unhandledRejection')).toBe(before);
  });
});
