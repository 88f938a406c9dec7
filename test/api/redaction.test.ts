/**
 * No credential in any message, hint, event, thrown error or cause chain, under every
 * failure path the client has. Each case fails a call one way and greps everything.
 */
import { errors } from 'undici';
import { describe, expect, it } from 'vitest';
import type { Credential } from '../../src/api/credential.js';
import { redactText, redactUrl } from '../../src/api/redact.js';
import { parseWireOutplan } from '../../src/api/wire-mapping.js';
import {
  KEY,
  TOKEN,
  everythingIn,
  harness,
  wireOutplan,
  type Harness,
} from './helpers/mock-api.js';

/** Fakes that echo the secret the client actually holds, as careless servers and libraries do. */
type Setup = (h: Harness, secret: string) => void;
const any = () => true;
const echo = (secret: string) =>
  `<html>Cannot GET /v1.0/outplans?accesskey=${secret} (${secret})</html>`;

const failures: [string, Setup][] = [
  [
    '401',
    (h, secret) =>
      h.pool
        .intercept({ path: any, method: () => true })
        .reply(401, { error: { reason: 'INVALID_CREDENTIALS', message: `bad key ${secret}` } })
        .persist(),
  ],
  [
    '403',
    (h) =>
      h.pool
        .intercept({ path: any, method: () => true })
        .reply(403, { error: { reason: 'PERMISSION_DENIED' } })
        .persist(),
  ],
  [
    '404 echoing the URL',
    (h, secret) =>
      h.pool
        .intercept({ path: any, method: () => true })
        .reply(404, echo(secret))
        .persist(),
  ],
  [
    '429 forever',
    (h) =>
      h.pool
        .intercept({ path: any, method: () => true })
        .reply(429, '', { headers: { 'retry-after': '1' } })
        .persist(),
  ],
  [
    '500 forever',
    (h, secret) =>
      h.pool
        .intercept({ path: any, method: () => true })
        .reply(500, echo(secret))
        .persist(),
  ],
  [
    'non-JSON 200 echoing the URL',
    (h, secret) =>
      h.pool
        .intercept({ path: any, method: () => true })
        .reply(200, echo(secret))
        .persist(),
  ],
  [
    'malformed 200',
    (h) =>
      h.pool
        .intercept({ path: any, method: () => true })
        .reply(200, { result: 'x', id: 1 })
        .persist(),
  ],
  [
    'resets forever',
    (h, secret) =>
      h.pool
        .intercept({ path: any, method: () => true })
        .replyWithError(
          Object.assign(new Error(`socket closed ${secret}`), { code: 'UND_ERR_SOCKET' }),
        )
        .persist(),
  ],
  [
    'headers timeouts',
    (h) =>
      h.pool
        .intercept({ path: any, method: () => true })
        .replyWithError(new errors.HeadersTimeoutError())
        .persist(),
  ],
  [
    'refused',
    (h) =>
      h.pool
        .intercept({ path: any, method: () => true })
        .replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))
        .persist(),
  ],
  // No interceptor at all: undici's MockNotMatchedError quotes the full path, key included.
  ['unmatched request (undici error quoting the path)', () => undefined],
];

const fields = parseWireOutplan(wireOutplan()).fields;
const calls: [string, (h: Harness) => Promise<unknown>][] = [
  ['list', (h) => h.client.listOutplans()],
  ['campaigns', (h) => h.client.listCampaigns()],
  ['create', (h) => h.client.createOutplan(fields, { knownIds: new Set() })],
  ['update basic', (h) => h.client.updateBasic('id-1', fields)],
  ['update dial info', (h) => h.client.updateDialInfo('id-1', fields)],
  ['delete', (h) => h.client.deleteOutplan('id-1')],
];
const credentials: Credential[] = [
  { kind: 'accesskey', value: KEY },
  { kind: 'token', value: TOKEN },
];

describe('redaction under every failure path', () => {
  for (const credential of credentials) {
    for (const [failure, setup] of failures) {
      it.each(calls)(`${credential.kind}: %s after ${failure}`, async (_, call) => {
        const h = harness({ credential, maxAttempts: 2, maxCreateAttempts: 1 });
        setup(h, credential.value);
        // A DELETE ignores a 200 body, so some paths succeed: their events must be clean too.
        const error = await call(h).then(
          () => undefined,
          (e: unknown) => e,
        );
        const shown = everythingIn(error) + JSON.stringify(h.events);
        expect(shown).not.toContain(KEY);
        expect(shown).not.toContain(TOKEN);
        expect(shown).not.toContain(encodeURIComponent(KEY));
      });
    }
  }
});

describe('redact helpers', () => {
  it('redacts credential query parameters whatever their value', () => {
    expect(redactUrl('https://x/v1.0/outplans?page_size=100&accesskey=abc&token=t')).toBe(
      'https://x/v1.0/outplans?page_size=100&accesskey=REDACTED&token=REDACTED',
    );
  });
  it('redacts raw and URL-encoded secrets anywhere in a text', () => {
    const secret = 'vb_a+b/c=';
    expect(redactText(`x ${secret} y ${encodeURIComponent(secret)}`, [secret])).toBe(
      'x REDACTED y REDACTED',
    );
  });
  it("redacts every form a key with ( ) ! ' ~ space + & can be echoed in", () => {
    const secret = "vb_k( )!'~ +&=%y";
    const forms = {
      raw: secret,
      component: encodeURIComponent(secret),
      componentLowerHex: encodeURIComponent(secret).toLowerCase(),
      uri: encodeURI(secret),
      form: new URLSearchParams([['k', secret]]).toString().slice(2),
      json: JSON.stringify(secret).slice(1, -1),
      goJson: JSON.stringify(secret).slice(1, -1).replace('&', '\\u0026'),
    };
    for (const [name, form] of Object.entries(forms)) {
      expect(redactText(`<${form}>`, [secret]), name).toBe('<REDACTED>');
    }
  });
  it('redacts an accesskey parameter inside quotes and JSON', () => {
    expect(redactUrl('{"url":"/v1.0/outplans?accesskey=vb_x y"}')).toBe(
      '{"url":"/v1.0/outplans?accesskey=REDACTED y"}',
    );
  });
});
