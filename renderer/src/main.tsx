import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ErrorBoundary } from './components/boundary/ErrorBoundary';
import { i18n } from './lib/i18n';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary what={i18n.t('app.name')}>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
