// Renderer entry: theme and language first (before the first paint), then the app.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles/theme.css';
import './styles/app.css';
import { api } from './api';
import { connectDocBackend, connectRunCommits } from './lib/docBackend';
import { startAgentsSync, uncommittedRunOf } from './stores/agentsRuns';
import { startImplementSync } from './stores/implementRuns';
import { applyTheme, useSettingsStore } from './stores/settings';
import { startSync } from './stores/sync';
import { useWorkspaceStore } from './stores/workspace';
import { App } from './components/App';

applyTheme(useSettingsStore.getState().theme);
connectDocBackend(api);
startSync();
startAgentsSync();
startImplementSync();
connectRunCommits(uncommittedRunOf);
void useWorkspaceStore.getState().load();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
