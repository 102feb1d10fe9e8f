/**
 * Server-made text in structured form: a translation key (namespace `server` in the web app) and
 * its parameters, sent beside the English sentence the API has always returned (the CLI, exports
 * and API clients keep reading that). Parameters are values, never sentences: numbers, ids, dates
 * and vocabulary values (need kinds, indicators…), which the web translates item by item; a list
 * of vocabulary values is an array, joined in the reader's language. Like the case timeline
 * (cases/timeline.ts), nobody's free text goes into a message.
 */
// Mutable shapes, as the Zod contract (contracts/common.ts Message) infers them.
export type MessageParam = string | number | string[];
export type MessageParams = Record<string, MessageParam>;

export interface Message {
  readonly key: string;
  readonly params: MessageParams;
}

export const message = (key: string, params: MessageParams = {}): Message => ({ key, params });

/** A sentence in English together with its message, for code that builds both side by side. */
export interface Worded {
  readonly text: string;
  readonly message: Message;
}
export const worded = (text: string, key: string, params: MessageParams = {}): Worded => ({
  text,
  message: message(key, params),
});
