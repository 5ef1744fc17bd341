// A zod field for canonical base64 of a fixed or minimum byte length, decoded to a Buffer.
import { z } from 'zod';

/**
 * Buffer.from(…, 'base64') silently skips characters it does not know, so a damaged field could
 * decode to different bytes; only text that re-encodes to itself is accepted.
 */
export function base64Bytes(length: { exactly: number } | { atLeast: number }) {
  return z.string().transform((text, ctx) => {
    const bytes = Buffer.from(text, 'base64');
    if (bytes.toString('base64') !== text) {
      ctx.addIssue({ code: 'custom', message: 'is not valid base64' });
      return z.NEVER;
    }
    if ('exactly' in length && bytes.length !== length.exactly) {
      ctx.addIssue({
        code: 'custom',
        message: `must be ${length.exactly} bytes, found ${bytes.length}`,
      });
      return z.NEVER;
    }
    if ('atLeast' in length && bytes.length < length.atLeast) {
      ctx.addIssue({
        code: 'custom',
        message: `must be at least ${length.atLeast} bytes, found ${bytes.length}`,
      });
      return z.NEVER;
    }
    return bytes;
  });
}

/** "payload.nonce: must be 12 bytes, found 11" — the first problem, for an error message. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unknown problem';
  const where = issue.path.map(String).join('.');
  return where ? `${where}: ${issue.message}` : issue.message;
}
