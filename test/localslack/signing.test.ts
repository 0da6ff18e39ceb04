import { describe, expect, it } from 'vitest';
import { signRequest, verifySlackSignature } from '../../src/localslack/signing.js';

const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const TS = 1531420618;
const BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const EXPECTED = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';

describe('signRequest', () => {
  it("matches Slack's documented test vector", () => {
    expect(signRequest(SECRET, TS, BODY)).toBe(EXPECTED);
    expect(signRequest(SECRET, String(TS), BODY)).toBe(EXPECTED);
  });

  it('changes with the body, the timestamp and the secret', () => {
    expect(signRequest(SECRET, TS, `${BODY}x`)).not.toBe(EXPECTED);
    expect(signRequest(SECRET, TS + 1, BODY)).not.toBe(EXPECTED);
    expect(signRequest(`${SECRET}x`, TS, BODY)).not.toBe(EXPECTED);
  });
});

describe('verifySlackSignature', () => {
  const base = {
    secret: SECRET,
    timestamp: String(TS),
    body: BODY,
    signature: EXPECTED,
    nowSeconds: TS + 10,
  };

  it('accepts the test vector within five minutes', () => {
    expect(verifySlackSignature(base)).toBe(true);
    expect(verifySlackSignature({ ...base, nowSeconds: TS + 300 })).toBe(true);
  });

  it('rejects a tampered body, a wrong secret and a malformed signature', () => {
    expect(verifySlackSignature({ ...base, body: BODY.replace('roadrunner', 'coyote') })).toBe(false);
    expect(verifySlackSignature({ ...base, secret: 'other' })).toBe(false);
    expect(verifySlackSignature({ ...base, signature: EXPECTED.slice(0, -1) })).toBe(false);
    expect(verifySlackSignature({ ...base, signature: undefined })).toBe(false);
  });

  it('rejects stale and far-future timestamps (abs age check)', () => {
    expect(verifySlackSignature({ ...base, nowSeconds: TS + 301 })).toBe(false);
    expect(verifySlackSignature({ ...base, nowSeconds: TS - 301 })).toBe(false);
    expect(verifySlackSignature({ ...base, nowSeconds: TS + 1000, toleranceSeconds: 1000 })).toBe(true);
  });

  it('rejects missing or non-numeric timestamps', () => {
    expect(verifySlackSignature({ ...base, timestamp: undefined })).toBe(false);
    expect(verifySlackSignature({ ...base, timestamp: `${TS}abc` })).toBe(false);
  });
});
