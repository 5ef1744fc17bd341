// Quick access's entry (quick.html): the same renderer, styles and strings as the main window.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QuickAccessApp } from './features/quick-access/QuickAccessApp';
import { initI18n } from './i18n';
import './styles.css';
import './features/quick-access/quick-access.css';

void initI18n('en');

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QuickAccessApp />
    </StrictMode>,
  );
}
