/** On /networks: import a CSV of wallet transfers, and open a wallet's flows by its address. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useImportTransfers, useNetworkRights } from './networks-api.ts';

export function TransfersSection() {
  const { t } = useTranslation('networks');
  const rights = useNetworkRights();
  const upload = useImportTransfers();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [dataset, setDataset] = useState('transfers');
  const [address, setAddress] = useState('');

  const trace = (e: FormEvent) => {
    e.preventDefault();
    if (address.trim()) void navigate(`/networks/wallets/${encodeURIComponent(address.trim())}`);
  };
  const send = (e: FormEvent) => {
    e.preventDefault();
    if (file) upload.mutate({ file, dataset });
  };

  return (
    <section aria-label={t('transfers.title')}>
      <h2>{t('transfers.title')}</h2>
      <form className="form networks-screen" onSubmit={trace}>
        <div className="field">
          <label htmlFor="trace-address">{t('transfers.address')}</label>
          <input id="trace-address" value={address} onChange={(e) => setAddress(e.target.value)} maxLength={200} />
        </div>
        <button type="submit" className="button">
          {t('transfers.trace')}
        </button>
      </form>
      {rights.create && (
        <form className="form networks-screen" onSubmit={send}>
          <div className="field">
            <label htmlFor="transfers-file">{t('transfers.file')}</label>
            <input
              id="transfers-file"
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </div>
          <div className="field">
            <label htmlFor="transfers-dataset">{t('transfers.dataset')}</label>
            <input
              id="transfers-dataset"
              value={dataset}
              pattern="[a-z0-9][a-z0-9_\-]{0,63}"
              onChange={(e) => setDataset(e.target.value)}
            />
          </div>
          <button type="submit" className="button" disabled={!file || upload.isPending}>
            {t('transfers.import')}
          </button>
        </form>
      )}
      <p className="muted">{t('transfers.format')}</p>
      {upload.error && <ErrorState error={upload.error} />}
      {upload.data && (
        <div role="status">
          <p>
            {t('transfers.imported', {
              imported: upload.data.imported,
              duplicates: upload.data.duplicates,
              rejected: upload.data.rejected,
            })}
          </p>
          {upload.data.problems.length > 0 && (
            <ul>
              {upload.data.problems.slice(0, 20).map((p) => (
                <li key={p.line}>{t('transfers.problem', { line: p.line, error: p.error })}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
