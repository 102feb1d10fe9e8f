import i18next from 'i18next';
import type { Message, MessageParams } from '../core/message.ts';
import { serverText } from './i18n/server-text.ts';

/** A problem+json answer from the API (RFC 9457), or a network failure (status 0). */
export interface InvalidParam {
  name: string;
  /** In English; `code` and `params`, when present, say it as a message (field.<code>). */
  reason: string;
  code?: string;
  params?: MessageParams;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly invalidParams: InvalidParam[] = [],
    readonly requestId?: string,
    /** 409 on an edit from an old version: the version now stored (someone else changed the record). */
    readonly currentVersion?: number,
    /** The problem's other members (RFC 9457 extensions), e.g. per-person results of a refused bulk step. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = 'ApiError';
  }
}

/** The problem's detail as a message, when the server worded it by its `code` (key error.<code>). */
export function problemMessage(error: ApiError): Message | undefined {
  const { code, params } = error.extensions as { code?: unknown; params?: unknown };
  if (typeof code !== 'string') return undefined;
  return { key: `error.${code}`, params: params && typeof params === 'object' ? (params as MessageParams) : {} };
}

/** One field's reason as a message, when the server gave its code. */
export function fieldReasonMessage(p: InvalidParam): Message | undefined {
  return typeof p.code === 'string' ? { key: `field.${p.code}`, params: p.params ?? {} } : undefined;
}

/** One field's reason in the current language (the English reason for codes this app does not know). */
export function fieldReasonText(p: InvalidParam): string {
  return serverText(i18next.t, fieldReasonMessage(p), p.reason);
}

/**
 * The reason given for one field, matching `body.email`, `query.email` or plain `email`
 * (route validation names the part of the request; services name the field only).
 */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const bare = (name: string) => name.replace(/^(body|query|params|querystring)\./, '');
  const p = error.invalidParams.find((p) => p.name === field || bare(p.name) === bare(field));
  return p && fieldReasonText(p);
}
