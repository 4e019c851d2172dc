// Renderer entry: theme and language first (before the first paint), then the app.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles/theme.css';
import './styles/app.css';
import { api } from './api';
import { connectDocBackend } from './lib/docBackend';
import { applyTheme, useSettingsStore } from './stores/settings';
import { startSync } from './stores/sync';
import { useWorkspaceStore } from './stores/workspace';
import { App } from './components/App';

applyTheme(useSettingsStore.getState().theme);
connectDocBackend(api);
startSync();
void useWorkspaceStore.getState().load();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
