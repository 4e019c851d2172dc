// The contract over Electron IPC: one ipcMain.handle per method on `fleet:<method>`, every call's sender
// checked in one place, and core events sent to the window on `fleet:event`.

import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { ContractDispatcher } from '../api';
import type { FleetApp } from '../core/app';
import { IPC_PREFIX, METHOD_NAMES } from '../../shared/names';
import type { RendererLocation } from './renderer-location';
import { isTrustedSenderFrame } from './sender-check';

export const EVENT_CHANNEL = `${IPC_PREFIX}event`;

/** True only for our window's main frame showing our renderer page (not an iframe, not another page). */
export function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | null, location: RendererLocation): boolean {
  if (!window || window.isDestroyed()) return false;
  const frame = event.senderFrame;
  const mainFrame = window.webContents.mainFrame;
  return isTrustedSenderFrame(
    {
      fromWindowContents: event.sender === window.webContents,
      frame: frame ? { processId: frame.processId, routingId: frame.routingId, url: frame.url } : null,
      mainFrame: { processId: mainFrame.processId, routingId: mainFrame.routingId },
    },
    location,
  );
}

/** Registers one handler per contract method; returns a function that removes them all. */
export function bindContractToIpc(options: {
  dispatcher: ContractDispatcher;
  getWindow: () => BrowserWindow | null;
  location: RendererLocation;
  log: (message: string, error?: unknown) => void;
}): () => void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(IPC_PREFIX + method, (event, input: unknown) => {
      if (!isTrustedSender(event, options.getWindow(), options.location)) {
        options.log(`refused ${method} from an untrusted sender (${event.senderFrame?.url ?? 'a closed frame'})`);
        throw new Error('Refused: this page may not call Fleet Control.');
      }
      return options.dispatcher.call(method, input);
    });
  }
  return () => {
    for (const method of METHOD_NAMES) ipcMain.removeHandler(IPC_PREFIX + method);
  };
}

/** Sends every core event to the window while it exists; returns the unsubscribe. */
export function forwardEventsToWindow(app: Pick<FleetApp, 'onEvent'>, getWindow: () => BrowserWindow | null): () => void {
  return app.onEvent((event, payload) => {
    const window = getWindow();
    if (window && !window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event, payload);
  });
}
