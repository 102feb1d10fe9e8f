/**
 * Analysts add to a network by hand: a new or existing entity linked to this one by a relation (ownership,
 * directorship, family, associate, a wallet it holds, or an unspecified link), or an edit of a hand-made entity's
 * properties. Every change cites its sources (one per line: a web address or a reference). The server validates
 * against the FollowTheMoney schema and says what is wrong; nothing is saved then.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityView, HandEntityRequest } from '../../../contracts/networks.ts';
import type { HandSchema } from '../../../core/networks/hand-schemas.ts';
import { ApiError } from '../../api.ts';
import { useErrorMessage } from '../../components/ErrorState.tsx';
import { useSaveEntity } from './networks-api.ts';

const LINKS = ['owns', 'ownedBy', 'directs', 'directedBy', 'family', 'associate', 'holdsWallet', 'linked'] as const;
type LinkKind = (typeof LINKS)[number];
const NEW_SCHEMAS = ['Person', 'Company', 'Organization'] as const;

/** The relation entity for "this —kind→ other". */
function relationOf(kind: Exclude<LinkKind, 'holdsWallet'>, self: string, other: string) {
  const r: Record<typeof kind, [HandSchema, string, string]> = {
    owns: ['Ownership', 'owner', 'asset'],
    ownedBy: ['Ownership', 'asset', 'owner'],
    directs: ['Directorship', 'director', 'organization'],
    directedBy: ['Directorship', 'organization', 'director'],
    family: ['Family', 'person', 'relative'],
    associate: ['Associate', 'person', 'associate'],
    linked: ['UnknownLink', 'subject', 'object'],
  };
  const [schema, mine, theirs] = r[kind];
  return { schema, properties: { [mine]: [self], [theirs]: [other] } };
}

/** Why nothing was saved: the server's message and each field it refused. */
function SaveError({ error }: { error: unknown }) {
  const message = useErrorMessage();
  return (
    <div className="error-state" role="alert">
      <p>{message(error)}</p>
      {error instanceof ApiError && error.invalidParams.length > 0 && (
        <ul>
          {error.invalidParams.map((p) => (
            <li key={p.name}>
              <code>{p.name.replace(/^body\./, '')}</code>: {p.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const linesOf = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export function AddLinkForm({ entity }: { entity: EntityView }) {
  const { t } = useTranslation('networks');
  const save = useSaveEntity();
  const [kind, setKind] = useState<LinkKind>('owns');
  const [schema, setSchema] = useState<(typeof NEW_SCHEMAS)[number]>('Company');
  const [name, setName] = useState('');
  const [existing, setExisting] = useState('');
  const [sources, setSources] = useState('');
  const [done, setDone] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const cited = linesOf(sources);
    try {
      if (kind === 'holdsWallet') {
        await save.mutateAsync({
          body: { schema: 'CryptoWallet', properties: { publicKey: [name], holder: [entity.id] }, sources: cited },
        });
      } else {
        const other =
          existing.trim() ||
          (await save.mutateAsync({ body: { schema, properties: { name: [name] }, sources: cited } })).entity.id;
        await save.mutateAsync({ body: { ...relationOf(kind, entity.id, other), sources: cited } });
      }
      setName('');
      setExisting('');
      setDone(t('edit.saved'));
    } catch {
      /* shown below from save.error */
    }
  };

  return (
    <form className="form hand-entity-form" onSubmit={(e) => void submit(e)} aria-label={t('edit.addTitle')}>
      <div className="field">
        <label htmlFor="link-kind">{t('edit.relation')}</label>
        <select id="link-kind" value={kind} onChange={(e) => setKind(e.target.value as LinkKind)}>
          {LINKS.map((k) => (
            <option key={k} value={k}>
              {t(`edit.links.${k}`, { name: entity.caption })}
            </option>
          ))}
        </select>
      </div>
      {kind === 'holdsWallet' ? (
        <div className="field">
          <label htmlFor="link-name">{t('edit.walletAddress')}</label>
          <input id="link-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
        </div>
      ) : (
        <>
          <div className="field">
            <label htmlFor="link-schema">{t('edit.newType')}</label>
            <select
              id="link-schema"
              value={schema}
              onChange={(e) => setSchema(e.target.value as (typeof NEW_SCHEMAS)[number])}
            >
              {NEW_SCHEMAS.map((s) => (
                <option key={s} value={s}>
                  {t(`schema.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="link-name">{t('edit.newName')}</label>
            <input
              id="link-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              required={!existing.trim()}
              disabled={!!existing.trim()}
              maxLength={300}
            />
          </div>
          <div className="field">
            <label htmlFor="link-existing">{t('edit.existingId')}</label>
            <input id="link-existing" value={existing} onChange={(e) => setExisting(e.target.value)} maxLength={200} />
          </div>
        </>
      )}
      <div className="field wide">
        <label htmlFor="link-sources">{t('edit.sources')}</label>
        <textarea
          id="link-sources"
          rows={2}
          value={sources}
          onChange={(e) => setSources(e.target.value)}
          required
          placeholder="https://…"
        />
      </div>
      <button type="submit" className="button primary" disabled={save.isPending}>
        {t('edit.add')}
      </button>
      {save.error && <SaveError error={save.error} />}
      {done && <p role="status">{done}</p>}
    </form>
  );
}

const SOURCE_PROPERTIES = ['sourceUrl', 'publisher'];

/** Edits a hand-made entity: its properties as "property: value" lines, and its sources. */
export function EditEntityForm({ entity, onDone }: { entity: EntityView; onDone: () => void }) {
  const { t } = useTranslation('networks');
  const save = useSaveEntity();
  const [text, setText] = useState(
    Object.entries(entity.properties)
      .filter(([k]) => !SOURCE_PROPERTIES.includes(k))
      .flatMap(([k, values]) => values.map((v) => `${k}: ${v}`))
      .join('\n'),
  );
  const [sources, setSources] = useState(
    [...(entity.properties.sourceUrl ?? []), ...(entity.properties.publisher ?? [])].join('\n'),
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const properties: Record<string, string[]> = {};
    for (const line of linesOf(text)) {
      const at = line.indexOf(':');
      const [k, v] = at < 0 ? [line, ''] : [line.slice(0, at).trim(), line.slice(at + 1).trim()];
      properties[k] = [...(properties[k] ?? []), v];
    }
    const body: HandEntityRequest = { schema: entity.schema as HandSchema, properties, sources: linesOf(sources) };
    save.mutate({ id: entity.id, body }, { onSuccess: onDone });
  };

  return (
    <form className="form hand-entity-form" onSubmit={submit} aria-label={t('edit.editTitle')}>
      <div className="field wide">
        <label htmlFor="edit-properties">{t('edit.properties')}</label>
        <textarea id="edit-properties" rows={6} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <div className="field wide">
        <label htmlFor="edit-sources">{t('edit.sources')}</label>
        <textarea id="edit-sources" rows={2} value={sources} onChange={(e) => setSources(e.target.value)} required />
      </div>
      <button type="submit" className="button primary" disabled={save.isPending}>
        {t('edit.save')}
      </button>{' '}
      <button type="button" className="button" onClick={onDone}>
        {t('edit.cancel')}
      </button>
      {save.error && <SaveError error={save.error} />}
    </form>
  );
}
