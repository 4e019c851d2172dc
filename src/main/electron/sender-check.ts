// Whether an IPC call comes from our window's main frame showing our page: the facts Electron gives about the
// sender, judged without Electron (ipc-binding.ts gathers them), so the rule is unit-tested.

import { isRendererUrl, type RendererLocation } from './renderer-location';

interface FrameFacts {
  processId: number;
  routingId: number;
  url: string;
}

/** What ipc-binding reads from an invoke event and the window. */
export interface SenderFacts {
  /** The event's sender is the window's webContents (not another window or a webview). */
  fromWindowContents: boolean;
  /** The sending frame, null once it is gone. */
  frame: FrameFacts | null;
  mainFrame: Omit<FrameFacts, 'url'>;
}

/** True only for the window's main frame (not an iframe) showing our renderer page at its own origin. */
export function isTrustedSenderFrame(facts: SenderFacts, location: RendererLocation): boolean {
  const { frame, mainFrame } = facts;
  return (
    facts.fromWindowContents &&
    frame !== null &&
    frame.processId === mainFrame.processId &&
    frame.routingId === mainFrame.routingId &&
    isRendererUrl(frame.url, location)
  );
}
