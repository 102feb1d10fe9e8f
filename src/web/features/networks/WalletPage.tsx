/**
 * /networks/wallets/:address — the flows out from (or into) a wallet, N transfers away, with amounts: every wallet
 * reached with what it received and sent, and every transfer, those touching a sanctioned or compound-linked wallet
 * flagged.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { useTrace } from './networks-api.ts';

const DIRECTIONS = ['out', 'in', 'both'] as const;

export function WalletPage() {
  const { t } = useTranslation('networks');
  const { address = '' } = useParams();
  const [hops, setHops] = useState(2);
  const [direction, setDirection] = useState<(typeof DIRECTIONS)[number]>('out');
  const q = useTrace(address, hops, direction);
  const short = (a: string) => (a.length > 16 ? `${a.slice(0, 8)}…${a.slice(-6)}` : a);
  const wallet = (a: string) => (
    <Link to={`/networks/wallets/${encodeURIComponent(a)}`} title={a}>
      {short(a)}
    </Link>
  );

  return (
    <div className="networks wallet-page">
      <p>
        <Link to="/networks">{t('back')}</Link>
      </p>
      <h1>
        {t('wallet.title')} <code>{address}</code>
      </h1>
      <form className="form networks-screen" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="trace-hops">{t('wallet.hops')}</label>
          <select id="trace-hops" value={hops} onChange={(e) => setHops(Number(e.target.value))}>
            {[1, 2, 3, 4, 5, 6].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="trace-direction">{t('wallet.direction')}</label>
          <select
            id="trace-direction"
            value={direction}
            onChange={(e) => setDirection(e.target.value as (typeof DIRECTIONS)[number])}
          >
            {DIRECTIONS.map((d) => (
              <option key={d} value={d}>
                {t(`wallet.directions.${d}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {q.isPending && <LoadingState />}
      {q.error && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {q.data && (
        <>
          <p role="status" data-testid="trace-summary">
            {t('wallet.summary', { count: q.data.transfers.length, flagged: q.data.flagged })}
            {q.data.truncated && ` ${t('wallet.truncated')}`}
          </p>
          <h2>{t('wallet.wallets')}</h2>
          <table className="table trace-wallets">
            <thead>
              <tr>
                <th>{t('wallet.hop')}</th>
                <th>{t('wallet.address')}</th>
                <th className="amount">{t('wallet.received')}</th>
                <th className="amount">{t('wallet.sent')}</th>
                <th>{t('wallet.entity')}</th>
              </tr>
            </thead>
            <tbody>
              {q.data.wallets.map((w) => (
                <tr key={w.address} className={w.flag?.sanctioned || w.flag?.compoundLinked ? 'flagged' : undefined}>
                  <td>{w.hop}</td>
                  <td>{wallet(w.address)}</td>
                  <td className="amount">{w.received}</td>
                  <td className="amount">{w.sent}</td>
                  <td>
                    {w.flag?.entityId && (
                      <Link to={`/networks/entities/${encodeURIComponent(w.flag.entityId)}`}>
                        {w.flag.holder ? t('wallet.heldBy', { name: w.flag.holder }) : w.flag.caption}
                      </Link>
                    )}
                    {w.flag?.sanctioned && <strong className="badge danger">{t('entity.sanctioned')}</strong>}
                    {w.flag?.compoundLinked && <strong className="badge warning">{t('wallet.compound')}</strong>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t('wallet.transfers')}</h2>
          <table className="table trace-transfers">
            <thead>
              <tr>
                <th>{t('wallet.hop')}</th>
                <th>{t('wallet.time')}</th>
                <th>{t('wallet.from')}</th>
                <th>{t('wallet.to')}</th>
                <th className="amount">{t('wallet.amount')}</th>
                <th>{t('wallet.flags')}</th>
              </tr>
            </thead>
            <tbody>
              {q.data.transfers.map((x) => (
                <tr key={`${x.chain}:${x.tx}:${x.seq}`} className={x.flags.length ? 'flagged' : undefined}>
                  <td>{x.hop}</td>
                  <td>{x.at.slice(0, 16).replace('T', ' ')}</td>
                  <td>{wallet(x.from)}</td>
                  <td>{wallet(x.to)}</td>
                  <td className="amount">
                    {x.amount} {x.asset}
                  </td>
                  <td>
                    {x.flags.map((f) => (
                      <strong key={f} className={`badge ${f === 'sanctioned' ? 'danger' : 'warning'}`}>
                        {t(`wallet.flag.${f}`)}
                      </strong>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
