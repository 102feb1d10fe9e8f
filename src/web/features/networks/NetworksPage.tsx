/** The networks feature's routes: screening and search, an entity page with its network view, a wallet's flows. */
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { EntityPage } from './EntityPage.tsx';
import { ScreenPage } from './ScreenPage.tsx';
import { WalletPage } from './WalletPage.tsx';
import './networks.css';

export function NetworksPage() {
  return (
    <Routes>
      <Route index element={<ScreenPage />} />
      <Route path="entities/:id" element={<EntityPage />} />
      <Route path="wallets/:address" element={<WalletPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
