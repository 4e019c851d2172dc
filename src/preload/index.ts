// The preload: exposes window.fleetBridge with one function per contract method and `on` for events.
// Sandboxed and bundled, so it imports only the zod-free name lists; no ipcRenderer or generic invoke leaks out.

import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_NAMES, IPC_PREFIX, METHOD_NAMES, type Envelope } from '../shared/names';
import type { FleetBridge } from './bridge';

type Listener = (payload: unknown) => void;

const listeners = new Map<string, Set<Listener>>();

ipcRenderer.on(`${IPC_PREFIX}event`, (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
  if (typeof name !== 'string') return;
  for (const listener of [...(listeners.get(name) ?? [])]) {
    try {
      listener(payload);
    } catch (error) {
      console.error(`A listener for ${name} failed:`, error);
    }
  }
});

/** Subscribes to one contract event; returns the unsubscribe. */
function on(event: string, listener: Listener): () => void {
  if (!(EVENT_NAMES as readonly string[]).includes(event)) throw new Error(`There is no event called "${event}".`);
  if (typeof listener !== 'function') throw new Error('The listener must be a function.');
  let set = listeners.get(event);
  if (!set) listeners.set(event, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
  };
}

const methods: Record<string, (input: unknown) => Promise<Envelope<unknown>>> = {};
for (const name of METHOD_NAMES) {
  methods[name] = (input: unknown) => ipcRenderer.invoke(IPC_PREFIX + name, input) as Promise<Envelope<unknown>>;
}

const bridge = { ...methods, on } as unknown as FleetBridge;
contextBridge.exposeInMainWorld('fleetBridge', bridge);
