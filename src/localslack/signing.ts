import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Slack request signature: `v0=` + hex(HMAC-SHA256(secret, `v0:${timestamp}:${rawBody}`)).
 * Pure; see slack-platform.md §1.
 */
export function signRequest(secret: string, timestamp: number | string, body: string): string {
  return 'v0=' + createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
}

export interface VerifySlackSignatureInput {
  secret: string;
  /** Value of `X-Slack-Request-Timestamp` (seconds). */
  timestamp: string | number | undefined;
  /** The raw request body, before any parsing. */
  body: string;
  /** Value of `X-Slack-Signature`. */
  signature: string | undefined;
  /** Current time in seconds; defaults to the system clock. */
  nowSeconds?: number;
  /** Maximum age (either direction) in seconds; default 300. */
  toleranceSeconds?: number;
}

/**
 * True when the signature matches and the timestamp is within the tolerance of now
 * (`abs(now - ts) <= tolerance`, stricter than Bolt, which accepts future timestamps).
 * Compares in constant time.
 */
export function verifySlackSignature(input: VerifySlackSignatureInput): boolean {
  const { secret, body, signature } = input;
  const tolerance = input.toleranceSeconds ?? 300;
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (signature === undefined || input.timestamp === undefined) return false;
  const tsText = String(input.timestamp);
  if (!/^\d+$/.test(tsText)) return false;
  const ts = Number(tsText);
  if (Math.abs(now - ts) > tolerance) return false;
  const expected = Buffer.from(signRequest(secret, tsText, body), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  if (given.length !== expected.length) return false;
  return timingSafeEqual(given, expected);
}
