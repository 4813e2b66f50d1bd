// The shared styles first: each component's own file, imported next to it, comes later and refines them.
import './styles/base.css';
import './styles/layout.css';
import './styles/chips.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ErrorBoundary } from './components/boundary/ErrorBoundary';
import { i18n } from './lib/i18n';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary what={i18n.t('app.name')}>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
