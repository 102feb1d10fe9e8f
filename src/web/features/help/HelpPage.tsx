import { useEffect, useState, type FormEvent } from 'react';
import {
  HELP_CONTACT_CHANNELS,
  HELP_LANGUAGES,
  HELP_NEEDS,
  formatHelpDay,
  type HelpLanguage,
} from '../../../core/help/help-request.ts';
import { checkHelpStatus, submitHelp, type HelpFailure, type HelpStatusAnswer } from './help-api.ts';
import { HELP_LANGUAGE_NAMES, HELP_LANGUAGE_TAGS, loadHelpStrings, type HelpStrings } from './help-strings.ts';

/** Where "Quick exit" goes: an ordinary page that says nothing about why the person was here. */
export const QUICK_EXIT_URL = 'https://www.google.com/';

/**
 * Leaves at once and leaves no back step: location.replace swaps this page out of the tab's history, and the form's
 * state is gone with the page. (Browsers keep no way to delete the history entry of the page that opened this one.)
 */
export function quickExit(): void {
  document.body.replaceChildren();
  window.location.replace(QUICK_EXIT_URL);
}

interface Form {
  name: string;
  nationality: string;
  channel: string;
  contact: string;
  needs: string[];
  location: string;
  message: string;
  website: string;
}
const EMPTY: Form = {
  name: '',
  nationality: '',
  channel: '',
  contact: '',
  needs: [],
  location: '',
  message: '',
  website: '',
};

/**
 * The public help page (issue #15): phone-first, no sign-in, in the person's language. It tells them who will see what
 * they write and what happens next, keeps nothing on the device, and after sending shows only a private code.
 */
export function HelpPage({ organisation, initialLanguage }: { organisation: string; initialLanguage: HelpLanguage }) {
  const [language, setLanguage] = useState<HelpLanguage>(initialLanguage);
  const [t, setStrings] = useState<HelpStrings | null>(null);
  const [form, setForm] = useState<Form>(EMPTY);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<HelpFailure | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const [lookup, setLookup] = useState('');
  const [status, setStatus] = useState<HelpStatusAnswer | HelpFailure | null>(null);

  useEffect(() => {
    let live = true;
    void loadHelpStrings(language).then((s) => {
      if (!live) return;
      setStrings(s);
      document.documentElement.lang = HELP_LANGUAGE_TAGS[language];
      document.title = s.title;
    });
    return () => {
      live = false;
    };
  }, [language]);

  if (!t) return <p className="help-loading">…</p>;
  const set = (k: keyof Form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSending(true);
    setError(null);
    const result = await submitHelp({
      organisation,
      language,
      name: form.name || undefined,
      nationality: form.nationality || undefined,
      contact:
        form.channel && form.contact
          ? { channel: form.channel as (typeof HELP_CONTACT_CHANNELS)[number], value: form.contact }
          : undefined,
      needs: form.needs as (typeof HELP_NEEDS)[number][],
      location: form.location || undefined,
      message: form.message || undefined,
      website: form.website || undefined,
    });
    setSending(false);
    if (result.ok) {
      setForm(EMPTY); // nothing of what was written stays in memory or on screen
      setCode(result.value.code);
    } else setError(result.error);
  }

  async function onCheck(event: FormEvent) {
    event.preventDefault();
    const result = await checkHelpStatus(lookup);
    setStatus(result.ok ? result.value : result.error);
  }

  const failure = (f: HelpFailure) =>
    f === 'offline' ? t.offline : f === 'not_found' ? t.notFound : f === 'too_many' ? t.tooMany : t.failed;

  return (
    <div className="help">
      <header className="help-bar">
        <label className="help-language">
          <span className="visually-hidden">{t.language}</span>
          <select
            value={language}
            onChange={(e) => setLanguage(e.target.value as HelpLanguage)}
            aria-label={t.language}
          >
            {HELP_LANGUAGES.map((l) => (
              <option key={l} value={l} lang={HELP_LANGUAGE_TAGS[l]}>
                {HELP_LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="help-exit" onClick={quickExit}>
          {t.quickExit}
        </button>
      </header>
      <main className="help-main">
        <h1>{t.title}</h1>
        {code ? (
          <section className="help-sent" aria-live="polite">
            <h2>{t.sentTitle}</h2>
            <p>{t.yourCode}</p>
            <p className="help-code" data-testid="help-code">
              {code}
            </p>
            <p>{t.codeHint}</p>
            <button type="button" onClick={() => window.location.replace(window.location.pathname)}>
              {t.done}
            </button>
          </section>
        ) : (
          <>
            <p className="help-lead">{t.lead}</p>
            <p className="help-note">{t.who}</p>
            <p className="help-note">{t.next}</p>
            <p className="help-emergency">{t.emergency}</p>
            <form onSubmit={onSubmit} autoComplete="off" className="help-form">
              <Text id="help-name" label={t.name} optional={t.optional} value={form.name} onChange={set('name')} />
              <Text
                id="help-nationality"
                label={t.nationality}
                optional={t.optional}
                value={form.nationality}
                onChange={set('nationality')}
              />
              <div className="help-field">
                <label htmlFor="help-channel">
                  {t.contactChannel} <small>({t.optional})</small>
                </label>
                <select id="help-channel" value={form.channel} onChange={set('channel')}>
                  <option value="">{t.contactNone}</option>
                  {HELP_CONTACT_CHANNELS.map((c) => (
                    <option key={c} value={c}>
                      {t.channel[c]}
                    </option>
                  ))}
                </select>
                {form.channel && (
                  <input
                    id="help-contact"
                    aria-label={t.contactValue}
                    placeholder={t.contactValue}
                    value={form.contact}
                    onChange={set('contact')}
                    maxLength={120}
                    inputMode={form.channel === 'phone' ? 'tel' : 'text'}
                  />
                )}
              </div>
              <fieldset className="help-field">
                <legend>
                  {t.needs} <small>({t.optional})</small>
                </legend>
                {HELP_NEEDS.map((n) => (
                  <label key={n} className="help-check">
                    <input
                      type="checkbox"
                      name="needs"
                      value={n}
                      checked={form.needs.includes(n)}
                      onChange={(e) =>
                        setForm({
                          ...form,
                          needs: e.target.checked ? [...form.needs, n] : form.needs.filter((x) => x !== n),
                        })
                      }
                    />
                    {t.need[n]}
                  </label>
                ))}
              </fieldset>
              <Text
                id="help-location"
                label={t.location}
                optional={t.optional}
                hint={t.locationHint}
                value={form.location}
                onChange={set('location')}
                max={300}
              />
              <div className="help-field">
                <label htmlFor="help-message">
                  {t.message} <small>({t.optional})</small>
                </label>
                <textarea id="help-message" rows={4} maxLength={2000} value={form.message} onChange={set('message')} />
              </div>
              {/* Not for people: hidden from view and from screen readers; scripts fill it in. */}
              <div className="help-trap" aria-hidden="true">
                <label htmlFor="help-website">Website</label>
                <input id="help-website" tabIndex={-1} value={form.website} onChange={set('website')} />
              </div>
              {error && (
                <p role="alert" className="help-error">
                  {failure(error)}
                </p>
              )}
              <button type="submit" className="help-send" disabled={sending}>
                {sending ? t.sending : t.send}
              </button>
            </form>
          </>
        )}
        <section className="help-check-status">
          <h2>{t.checkTitle}</h2>
          <form onSubmit={onCheck} autoComplete="off">
            <label htmlFor="help-lookup">{t.codeLabel}</label>
            <input
              id="help-lookup"
              value={lookup}
              onChange={(e) => setLookup(e.target.value)}
              maxLength={40}
              autoCapitalize="characters"
              spellCheck={false}
            />
            <button type="submit">{t.check}</button>
          </form>
          {status && (
            <div role="status" data-testid="help-status">
              {typeof status === 'string' ? (
                <p>{failure(status)}</p>
              ) : (
                <>
                  <p>{t.status[status.status]}</p>
                  {status.place && (
                    <p data-testid="help-place">
                      <strong>{t.whereToGo}:</strong> {status.place}
                    </p>
                  )}
                  {status.flightDate && (
                    <p data-testid="help-flight">
                      <strong>{t.flightDate}:</strong> {formatHelpDay(status.flightDate, HELP_LANGUAGE_TAGS[language])}
                    </p>
                  )}
                </>
              )}
            </div>
          )}
        </section>
      </main>
    </div>
  );
}

/**
 * A YYYY-MM-DD day written the way the person's language writes dates (the day itself, whatever the time zone). A
 * browser without that language's date names (Chromium has none for Burmese or Khmer) would write it in English:
 * there the day stays YYYY-MM-DD, which reads the same in every script.
 */
function Text(props: {
  id: string;
  label: string;
  optional: string;
  hint?: string;
  value: string;
  onChange: (e: { target: { value: string } }) => void;
  max?: number;
}) {
  return (
    <div className="help-field">
      <label htmlFor={props.id}>
        {props.label} <small>({props.optional})</small>
      </label>
      {props.hint && (
        <p className="help-hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      <input
        id={props.id}
        value={props.value}
        onChange={props.onChange}
        maxLength={props.max ?? 120}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
      />
    </div>
  );
}
