import { afterAll, describe, expect, it } from 'vitest';
import { REDIS_URL, redisAvailable } from '../../test/support/redis.js';
import { EventBus } from './events.js';

describe('domain events', () => {
  it('reach local listeners at once', () => {
    const bus = new EventBus();
    const seen: string[] = [];
    bus.on('org.changed', (e) => seen.push(e.orgId));
    bus.emit('org.changed', { agencyId: 'a', orgId: 'o1' });
    expect(seen).toEqual(['o1']);
  });
});

describe.skipIf(!redisAvailable())('domain events across instances (Redis)', () => {
  const a = new EventBus();
  const b = new EventBus();
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('relays an event from one instance to the others exactly once', async () => {
    await a.connect(REDIS_URL!);
    await b.connect(REDIS_URL!);
    const onA: string[] = [];
    const onB: string[] = [];
    a.on('org.changed', (e) => onA.push(e.orgId));
    const received = new Promise<void>((resolve) =>
      b.on('org.changed', (e) => {
        onB.push(e.orgId);
        resolve();
      }),
    );
    a.emit('org.changed', { agencyId: 'agency-1', orgId: 'unit-1' });
    await received;
    // give a duplicate (e.g. A hearing its own message) time to show up
    await new Promise((r) => setTimeout(r, 100));
    expect(onA).toEqual(['unit-1']);
    expect(onB).toEqual(['unit-1']);
  });
});
