import type { z } from 'zod';

/** The error a handler throws for a message of the wrong shape: `<message>: invalid request (<path>: <reason>)`. */
export function invalidRequest(what: string, error: z.ZodError): Error {
  const first = error.issues[0];
  return new Error(`${what}: invalid request (${first ? `${first.path.join('.')}: ${first.message}` : 'bad shape'})`);
}
