import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ErrorBoundary } from './components/boundary/ErrorBoundary';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary what="Counterpart">
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
