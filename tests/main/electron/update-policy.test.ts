// When the packaged app looks for updates (never in development or unpackaged runs) and what it tells the user.

import { describe, expect, it } from 'vitest';
import { checkOutcomeMessage, readyNotice, updateMenuItem, updatePolicy } from '../../../src/main/electron/update-policy';

const packaged = { isPackaged: true, platform: 'darwin' as const, env: {}, hasFeed: true };

describe('updatePolicy', () => {
  it('never updates an unpackaged run, whatever else holds', () => {
    expect(updatePolicy({ ...packaged, isPackaged: false })).toEqual({ enabled: false, reason: 'not a packaged build (development or npm start)' });
  });

  it('updates packaged macOS and Windows builds that carry a feed', () => {
    expect(updatePolicy(packaged)).toEqual({ enabled: true });
    expect(updatePolicy({ ...packaged, platform: 'win32' })).toEqual({ enabled: true });
    expect(updatePolicy({ ...packaged, hasFeed: false })).toMatchObject({ enabled: false, reason: expect.stringMatching(/no update feed/) });
    expect(updatePolicy({ ...packaged, env: { FLEET_DISABLE_UPDATES: '1' } })).toMatchObject({ enabled: false });
  });

  it('updates the Linux AppImage only, not a .deb', () => {
    expect(updatePolicy({ ...packaged, platform: 'linux' })).toMatchObject({ enabled: false, reason: 'only the AppImage updates itself on Linux' });
    expect(updatePolicy({ ...packaged, platform: 'linux', env: { APPIMAGE: '/home/u/Fleet.AppImage' } })).toEqual({ enabled: true });
  });
});

describe('what the user sees', () => {
  it('labels the menu item by the updater state', () => {
    expect(updateMenuItem({ state: 'idle' })).toEqual({ label: 'Check for Updates…', enabled: true });
    expect(updateMenuItem({ state: 'checking' }).enabled).toBe(false);
    expect(updateMenuItem({ state: 'downloading', version: '0.2.0' })).toEqual({ label: 'Downloading Update 0.2.0…', enabled: false });
    expect(updateMenuItem({ state: 'ready', version: '0.2.0' })).toEqual({ label: 'Restart to Update to 0.2.0', enabled: true });
  });

  it('answers a manual check with the result, and a downloaded update with a quiet notice', () => {
    expect(checkOutcomeMessage('0.1.0', { available: false }).detail).toBe('Version 0.1.0 is the newest version.');
    expect(checkOutcomeMessage('0.1.0', { available: true, version: '0.2.0' }).message).toBe('Fleet Control 0.2.0 is available');
    expect(checkOutcomeMessage('0.1.0', { error: 'net::ERR_INTERNET_DISCONNECTED' })).toEqual({ message: 'Could not check for updates', detail: 'net::ERR_INTERNET_DISCONNECTED' });
    expect(readyNotice('0.2.0').title).toBe('Fleet Control 0.2.0 is ready');
  });
});
