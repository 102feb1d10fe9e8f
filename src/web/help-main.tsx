import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HelpPage, quickExit } from './features/help/HelpPage.tsx';
import { pickHelpLanguage } from './features/help/help-strings.ts';
import './features/help/help.css';

/**
 * Entry of the public help page (help.html, served for /help/<organisation>): its own small bundle, without the staff
 * app, its router, its session or its service worker. Escape pressed twice leaves at once, like the Quick exit button.
 */
const organisation = decodeURIComponent(window.location.pathname.split('/')[2] ?? '');
let lastEscape = 0;
window.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape') return;
  if (e.timeStamp - lastEscape < 800) quickExit();
  lastEscape = e.timeStamp;
});
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <HelpPage
      organisation={organisation}
      initialLanguage={pickHelpLanguage(window.location.search, navigator.languages)}
    />
  </StrictMode>,
);
