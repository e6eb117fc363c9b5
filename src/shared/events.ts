import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';

/**
 * Domain events that other parts of the system react to after a change is committed — e.g. the portal
 * drops cached pages when an organisation changes. With REDIS_URL set, events are relayed to every app
 * instance through Redis pub/sub, so a change made on one instance invalidates caches on all of them.
 */
export interface DomainEvents {
  /** An organisation's profile or the unit tree of an agency changed. */
  'org.changed': { agencyId: string; orgId: string };
  /** An agency's working-day calendar changed ('*': every agency's). */
  'calendar.changed': { scope: string };
  /** What the public sees of an item changed: published, republished, withdrawn; with the item it interprets (whose page links it). */
  'item.changed': { agencyId: string; itemId: string; categoryCode: string; previousCategoryCode?: string; interpretedItemId?: string | null };
  /** An agency's published catalog changed. */
  'catalog.changed': { agencyId: string };
}
export type EventName = keyof DomainEvents;

const CHANNEL = 'gongkai:events';

export class EventBus {
  private readonly local = new EventEmitter();
  private readonly instanceId = crypto.randomUUID();
  private publisher: Redis | undefined;
  private subscriber: Redis | undefined;

  constructor() {
    this.local.setMaxListeners(100);
  }

  on<E extends EventName>(name: E, listener: (payload: DomainEvents[E]) => void): void {
    this.local.on(name, listener);
  }

  /** Call after the transaction that made the change has committed. */
  emit<E extends EventName>(name: E, payload: DomainEvents[E]): void {
    this.local.emit(name, payload);
    if (this.publisher) {
      this.publisher.publish(CHANNEL, JSON.stringify({ from: this.instanceId, name, payload })).catch(() => {
        // Another instance's cache stays stale until its entries expire; serving goes on.
      });
    }
  }

  async connect(redisUrl: string): Promise<void> {
    this.publisher = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
    this.subscriber = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
    // Connection errors surface through connect() and publish(); ioredis reconnects by itself afterwards.
    for (const client of [this.publisher, this.subscriber]) client.on('error', () => undefined);
    await Promise.all([this.publisher.connect(), this.subscriber.connect()]);
    this.subscriber.on('message', (_channel: string, message: string) => {
      try {
        const { from, name, payload } = JSON.parse(message) as { from: string; name: EventName; payload: unknown };
        if (from !== this.instanceId) this.local.emit(name, payload);
      } catch {
        // ignore malformed messages
      }
    });
    await this.subscriber.subscribe(CHANNEL);
  }

  async close(): Promise<void> {
    await Promise.all([this.publisher?.quit(), this.subscriber?.quit()]);
    this.publisher = undefined;
    this.subscriber = undefined;
  }
}
