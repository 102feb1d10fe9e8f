import { describe, expect, it } from 'vitest';
import { readConfig, readMessagesConfig } from './config.ts';

describe('REFUGE_MESSAGES_* (how messages to a help request’s contact leave)', () => {
  const secret = 'a-shared-secret-of-24-ch';

  it('defaults to the log transport, so a demo needs nothing set up', () => {
    expect(readConfig({}).messages).toEqual({ transport: 'log' });
    expect(readMessagesConfig({ REFUGE_MESSAGES_TRANSPORT: ' LOG ' })).toEqual({ transport: 'log' });
  });

  it('takes a webhook over https, or over http to this machine only', () => {
    expect(
      readMessagesConfig({
        REFUGE_MESSAGES_TRANSPORT: 'webhook',
        REFUGE_MESSAGES_WEBHOOK_URL: 'https://gateway.example/send',
        REFUGE_MESSAGES_WEBHOOK_SECRET: secret,
      }),
    ).toEqual({ transport: 'webhook', url: 'https://gateway.example/send', secret });
    expect(
      readMessagesConfig({
        REFUGE_MESSAGES_TRANSPORT: 'webhook',
        REFUGE_MESSAGES_WEBHOOK_URL: 'http://127.0.0.1:8090/relay',
        REFUGE_MESSAGES_WEBHOOK_SECRET: secret,
      }),
    ).toMatchObject({ url: 'http://127.0.0.1:8090/relay' });
  });

  it('refuses what it would have to guess at: another transport, no URL, plain http elsewhere, a short secret', () => {
    const env = (extra: Record<string, string>) => ({
      REFUGE_MESSAGES_TRANSPORT: 'webhook',
      REFUGE_MESSAGES_WEBHOOK_URL: 'https://gateway.example/send',
      REFUGE_MESSAGES_WEBHOOK_SECRET: secret,
      ...extra,
    });
    expect(() => readMessagesConfig({ REFUGE_MESSAGES_TRANSPORT: 'sms' })).toThrow(/log or webhook/);
    expect(() => readMessagesConfig(env({ REFUGE_MESSAGES_WEBHOOK_URL: '' }))).toThrow(/WEBHOOK_URL/);
    expect(() => readMessagesConfig(env({ REFUGE_MESSAGES_WEBHOOK_URL: 'http://gateway.example/send' }))).toThrow(
      /https/,
    );
    expect(() => readMessagesConfig(env({ REFUGE_MESSAGES_WEBHOOK_SECRET: 'short' }))).toThrow(/16 characters/);
  });
});
