import { EVENT_NAMES, type EventName } from '../../shared/contract/events.js';
import type { Job } from '../../shared/domain.js';

export const EVENT_CHANNEL = 'tidemark:event';

export interface EventSource {
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void;
}

/** The part of WebContents used here. */
export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

/**
 * Relays the services' push events (already throttled there) to the window as
 * `tidemark:event (name, payload)`, and hands every job update to `onJob` (notifications).
 */
export function forwardEvents(services: EventSource, target: () => EventTarget | null, onJob: (job: Job) => void): () => void {
  return services.onEvent((name, payload) => {
    if (!EVENT_NAMES.includes(name)) return;
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(EVENT_CHANNEL, name, payload);
    if (name === 'jobUpdated') onJob(payload as Job);
  });
}
