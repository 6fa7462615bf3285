import { SCHEMA_VERSION } from './constants';
import type { EventOf, ZcEventType } from './schema';

/** Fields every event gets from where it is made rather than from what happened. */
type Stamped = 'event_id' | 'type' | 'schema_version' | 'ts' | 'tz_offset' | 'page_id' | 'ext_version';

export type EventFields<T extends ZcEventType> = Omit<EventOf<T>, Stamped>;

export interface EventStamp {
  /** One per page view (document load). */
  pageId: string;
  extVersion: string;
  now?: () => number;
  newId?: () => string;
  /** Research tags; filled by a later study-enrolment feature. */
  research?: { study_id: string | null; participant_id: string | null; consent_version: string | null };
}

export type MakeEvent = <T extends ZcEventType>(type: T, fields: EventFields<T>, at?: number) => EventOf<T>;

/** Returns `make(type, fields)`: stamps a fresh v4 event_id, the time and zone offset, page and extension version. */
export function createEventFactory(stamp: EventStamp): MakeEvent {
  const now = stamp.now ?? Date.now;
  const newId = stamp.newId ?? (() => crypto.randomUUID());
  return <T extends ZcEventType>(type: T, fields: EventFields<T>, at?: number): EventOf<T> => {
    const ts = at ?? now();
    return {
      ...(stamp.research ?? {}),
      ...fields,
      event_id: newId(),
      type,
      schema_version: SCHEMA_VERSION,
      ts,
      // getTimezoneOffset is minutes *behind* UTC; researchers expect UTC+8 as +480.
      tz_offset: 0 - new Date(ts).getTimezoneOffset(),
      page_id: stamp.pageId,
      ext_version: stamp.extVersion,
    } as EventOf<T>;
  };
}
