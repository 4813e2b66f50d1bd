// The shared styles first: each component's own file, imported next to it, comes later and refines them.
import './styles/base.css';
import './styles/layout.css';
import './styles/chips.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ErrorBoundary } from './components/boundary/ErrorBoundary';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary what="Counterpart">
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
