import { storage } from '#imports';
import type { Enrolment } from './config';

/** `storage.local`, so "delete all" and leaving the study can wipe the participant id with the data. */
export const enrolmentItem = storage.defineItem<Enrolment | null>('local:researchEnrolment', { fallback: null });
