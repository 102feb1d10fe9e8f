import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  AGE_BANDS,
  DOCUMENT_STATUSES,
  NEED_KINDS,
  NEED_PRIORITIES,
  SCREENING_INDICATORS,
  SEXES,
} from '../../../core/vocabulary.ts';
import { RegisterSurvivorRequest } from '../../../contracts/casework/survivors.ts';
import type { ExportFile } from './outbox.ts';
import { downloadExport, outbox } from './outbox.ts';
import { OfflineIndicator } from './OfflineIndicator.tsx';
import { UnsyncedWarning } from './UnsyncedWarning.tsx';
import { useOnline, useOutbox } from './use-outbox.ts';
import { pinProblem } from './vault.ts';
import './offline.css';

/**
 * Field intake (issue #15): works with no connection. Outside the signed-in layout, so it opens from the service
 * worker's cache when offline; it asks the server who is signed in only to set up the device and to sync.
 */
export function FieldPage() {
  const { t } = useTranslation('offline');
  const state = useOutbox();
  const online = useOnline();
  return (
    <div className="field-page">
      <header className="field-header">
        <Link to="/" className="brand">
          Refuge
        </Link>
        <OfflineIndicator />
      </header>
      <main className="field-main">
        <h1>{t('title')}</h1>
        <p className="muted">{t('lead')}</p>
        {!state.ready ? null : state.storageUnavailable ? (
          <p role="alert" className="field-error">
            {t('storageUnavailable')}
          </p>
        ) : !state.hasVault ? (
          <SetUp online={online} />
        ) : !state.unlocked ? (
          <Unlock />
        ) : (
          <>
            <RegisterForm />
            <Queue />
          </>
        )}
      </main>
    </div>
  );
}

function SetUp({ online }: { online: boolean }) {
  const { t } = useTranslation('offline');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (pinProblem(pin)) return setError(t('pinTooShort'));
    if (pin !== again) return setError(t('pinMismatch'));
    const res = await fetch('/api/session', { credentials: 'same-origin' }).catch(() => null);
    if (!res?.ok) return setError(t('setUpNeedsSession'));
    const session = (await res.json()) as { user: { id: string }; currentOrganisationId: string | null };
    if (!session.currentOrganisationId) return setError(t('setUpNeedsSession'));
    await outbox.setUp(pin, { userId: session.user.id, organisationId: session.currentOrganisationId });
  }
  return (
    <form onSubmit={submit} className="field-card" aria-labelledby="field-setup">
      <h2 id="field-setup">{t('setUpTitle')}</h2>
      <p>{t('setUpHint')}</p>
      {!online && <p className="muted">{t('setUpNeedsSession')}</p>}
      <PinInput id="field-pin" label={t('pin')} value={pin} onChange={setPin} />
      <PinInput id="field-pin-again" label={t('pinAgain')} value={again} onChange={setAgain} />
      {error && <p role="alert">{error}</p>}
      <button type="submit" className="button button--primary">
        {t('setUp')}
      </button>
    </form>
  );
}

function Unlock() {
  const { t } = useTranslation('offline');
  const [pin, setPin] = useState('');
  const [wrong, setWrong] = useState(false);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const ok = await outbox.unlock(pin);
    setBusy(false);
    setPin('');
    setWrong(!ok);
    if (ok && navigator.onLine) void outbox.sync({ force: true });
  }
  return (
    <form onSubmit={submit} className="field-card" aria-labelledby="field-unlock">
      <h2 id="field-unlock">{t('unlockTitle')}</h2>
      <PinInput id="field-unlock-pin" label={t('pin')} value={pin} onChange={setPin} />
      {wrong && <p role="alert">{t('wrongPin')}</p>}
      <button type="submit" className="button button--primary" disabled={busy}>
        {t('unlock')}
      </button>
    </form>
  );
}

function PinInput(props: { id: string; label: string; value: string; onChange: (v: string) => void }) {
  return (
    <div className="field-row">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="password"
        inputMode="numeric"
        autoComplete="off"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}

const EMPTY = {
  name: '',
  sex: 'unknown',
  ageBand: '25_34',
  nationality: '',
  documentStatus: 'held',
  statistics: false,
  needKind: '',
  needPriority: 'urgent',
  indicators: [] as string[],
};

function RegisterForm() {
  const { t } = useTranslation('offline');
  const { t: tc } = useTranslation('casework');
  const [form, setForm] = useState(EMPTY);
  const [message, setMessage] = useState<string | null>(null);
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    // Checked here with the API's own contract, so what is queued offline is what the server accepts.
    const parsed = RegisterSurvivorRequest.safeParse({
      names: [{ value: form.name, preferred: true }],
      sex: form.sex,
      ageBand: form.ageBand,
      nationalities: form.nationality ? [form.nationality.trim().toUpperCase()] : [],
      documentStatus: form.documentStatus,
      consent: {
        shareWithOwnEmbassy: false,
        shareWithOrganisationIds: [],
        useInStatistics: form.statistics,
        method: 'verbal',
      },
    });
    if (!parsed.success) {
      return setMessage(t('invalid', { fields: parsed.error.issues.map((i) => i.path.join('.')).join(', ') }));
    }
    const registration = await outbox.add('register', { body: parsed.data, label: form.name });
    if (form.indicators.length)
      await outbox.add(
        'screening',
        {
          body: { answers: Object.fromEntries(form.indicators.map((i) => [i, { answer: 'yes' }])) },
          label: form.name,
        },
        registration,
      );
    if (form.needKind)
      await outbox.add(
        'need',
        { body: { kind: form.needKind, priority: form.needPriority }, label: form.name },
        registration,
      );
    setForm(EMPTY);
    setMessage(t('saved'));
    if (navigator.onLine) void outbox.sync();
  }

  return (
    <form onSubmit={submit} className="field-card" aria-labelledby="field-register" autoComplete="off">
      <h2 id="field-register">{t('registerTitle')}</h2>
      <div className="field-row">
        <label htmlFor="field-name">{t('name')}</label>
        <input id="field-name" value={form.name} onChange={set('name')} maxLength={200} required />
      </div>
      <Select id="field-sex" label={tc('register.sex')} value={form.sex} onChange={set('sex')}>
        {SEXES.map((s) => (
          <option key={s} value={s}>
            {tc(`vocab.sex.${s}`)}
          </option>
        ))}
      </Select>
      <Select id="field-age" label={tc('register.ageBand')} value={form.ageBand} onChange={set('ageBand')}>
        {AGE_BANDS.map((a) => (
          <option key={a} value={a}>
            {tc(`vocab.ageBand.${a}`)}
          </option>
        ))}
      </Select>
      <div className="field-row">
        <label htmlFor="field-nationality">{t('nationality')}</label>
        <input id="field-nationality" value={form.nationality} onChange={set('nationality')} maxLength={2} />
      </div>
      <Select
        id="field-document"
        label={tc('register.documentStatus')}
        value={form.documentStatus}
        onChange={set('documentStatus')}
      >
        {DOCUMENT_STATUSES.map((d) => (
          <option key={d} value={d}>
            {tc(`vocab.documentStatus.${d}`)}
          </option>
        ))}
      </Select>
      <label className="field-check">
        <input
          type="checkbox"
          checked={form.statistics}
          onChange={(e) => setForm({ ...form, statistics: e.target.checked })}
        />
        {t('statistics')}
      </label>
      <fieldset>
        <legend>{t('screeningTitle')}</legend>
        {SCREENING_INDICATORS.map((i) => (
          <label key={i} className="field-check">
            <input
              type="checkbox"
              checked={form.indicators.includes(i)}
              onChange={(e) =>
                setForm({
                  ...form,
                  indicators: e.target.checked ? [...form.indicators, i] : form.indicators.filter((x) => x !== i),
                })
              }
            />
            {tc(`vocab.indicator.${i}`)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('needTitle')}</legend>
        <Select id="field-need" label={t('needTitle')} value={form.needKind} onChange={set('needKind')}>
          <option value="">{t('noNeed')}</option>
          {NEED_KINDS.map((k) => (
            <option key={k} value={k}>
              {tc(`vocab.needKind.${k}`)}
            </option>
          ))}
        </Select>
        {form.needKind && (
          <Select
            id="field-priority"
            label={tc('vocab.needPriority.urgent')}
            value={form.needPriority}
            onChange={set('needPriority')}
          >
            {NEED_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {tc(`vocab.needPriority.${p}`)}
              </option>
            ))}
          </Select>
        )}
      </fieldset>
      {message && <p role="status">{message}</p>}
      <button type="submit" className="button button--primary">
        {t('save')}
      </button>
    </form>
  );
}

function Select(props: {
  id: string;
  label: string;
  value: string;
  onChange: (e: { target: { value: string } }) => void;
  children: React.ReactNode;
}) {
  return (
    <div className="field-row">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={props.onChange}>
        {props.children}
      </select>
    </div>
  );
}

function Queue() {
  const { t } = useTranslation('offline');
  const state = useOutbox();
  const [warning, setWarning] = useState(false);
  const [importPin, setImportPin] = useState('');
  const [note, setNote] = useState<string | null>(null);

  async function importFile(file: File | undefined) {
    if (!file) return;
    try {
      const parsed = JSON.parse(await file.text()) as ExportFile;
      const result = await outbox.importFile(parsed, importPin);
      setNote(result === 'wrong_pin' ? t('wrongPin') : t('imported', { count: result }));
    } catch {
      setNote(t('notAFile'));
    }
  }

  return (
    <section className="field-card" aria-labelledby="field-queue">
      <h2 id="field-queue">{t('queueTitle')}</h2>
      <div className="field-actions">
        <button
          type="button"
          className="button button--primary"
          onClick={() => void outbox.sync({ force: true })}
          disabled={state.syncing}
        >
          {state.syncing ? t('syncing') : t('sync')}
        </button>
        <button type="button" className="button" onClick={() => void outbox.clearSynced()}>
          {t('clearSynced')}
        </button>
        <button type="button" className="button" onClick={() => outbox.lock()}>
          {t('lock')}
        </button>
      </div>
      {state.needsSignIn && (
        <p role="alert">
          {t('signInToSync')} <Link to="/sign-in">→</Link>
        </p>
      )}
      {state.entries.length === 0 ? (
        <p className="muted">{t('queueEmpty')}</p>
      ) : (
        <ul className="field-queue" data-testid="outbox-list">
          {state.entries.map((e) => (
            <li key={e.id} className={`field-item field-item-${e.state}`} data-state={e.state}>
              <strong>{t(`kind.${e.kind}`)}</strong> · {e.label} · <span>{t(`state.${e.state}`)}</span>
              {e.problem && (
                <p className="field-problem">
                  {e.problem.status}: {e.problem.detail}
                  {e.problem.fields &&
                    Object.entries(e.problem.fields).map(([k, v]) => (
                      <span key={k}>
                        {' '}
                        {k}: {v}
                      </span>
                    ))}
                </p>
              )}
              {e.state === 'conflict' && (
                <span className="field-actions">
                  <button type="button" className="button" onClick={() => void outbox.retry(e.id)}>
                    {t('retry')}
                  </button>
                  <button
                    type="button"
                    className="button"
                    onClick={() => {
                      if (window.confirm(t('discardConfirm'))) void outbox.discard(e.id);
                    }}
                  >
                    {t('discard')}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="field-actions">
        <button type="button" className="button" onClick={() => downloadExport()}>
          {t('export')}
        </button>
        <PinInput id="field-import-pin" label={t('importPin')} value={importPin} onChange={setImportPin} />
        <label className="button">
          {t('import')}
          <input
            type="file"
            accept="application/json,.json"
            className="visually-hidden"
            data-testid="outbox-import"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = ''; // the same file may be chosen again (after a wrong PIN)
              void importFile(file);
            }}
          />
        </label>
        <button
          type="button"
          className="button"
          onClick={() => (state.unsynced > 0 ? setWarning(true) : void outbox.clear())}
        >
          {t('clearDevice')}
        </button>
      </div>
      {note && <p role="status">{note}</p>}
      {warning && (
        <UnsyncedWarning
          count={state.unsynced}
          onCancel={() => setWarning(false)}
          onProceed={() => {
            setWarning(false);
            if (window.confirm(t('clearConfirm'))) void outbox.clear();
          }}
        />
      )}
    </section>
  );
}
