import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePossibleDuplicates } from '../casework-api.ts';

/** How long typing must pause before the name is looked up: one audited search per pause, not per keystroke. */
const PAUSE_MS = 500;

/**
 * While a name is typed at registration: people of this organisation the case search meets by that name (in any
 * script, with or without a date of birth), so someone who comes back is opened rather than registered twice.
 */
export function DuplicateHint({ name }: { name: string }) {
  const { t } = useTranslation('casework');
  const [settled, setSettled] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSettled(name.trim()), PAUSE_MS);
    return () => clearTimeout(timer);
  }, [name]);
  const found = usePossibleDuplicates(settled);
  const items = found.data?.items ?? [];
  if (settled.length < 3 || items.length === 0) return null;
  return (
    <aside className="cw-duplicates" aria-live="polite" data-testid="duplicate-hint">
      <h2>{t('register.duplicates.title')}</h2>
      <p className="muted">{t('register.duplicates.body')}</p>
      <ul>
        {items.map((c) => (
          <li key={c.id}>
            <Link to={`/casework/cases/${c.id}`}>{c.preferredName ?? t('common.unnamed')}</Link>
          </li>
        ))}
      </ul>
    </aside>
  );
}
