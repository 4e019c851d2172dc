// The clone's target folder from a picked parent: named after the repository as `git clone` names it.

import { describe, expect, it } from 'vitest';
import { cloneFolderName, joinFolder } from '../../src/renderer/src/lib/cloneTarget';

describe('the clone target folder', () => {
  it('is named after the repository, as git clone names it', () => {
    expect(cloneFolderName('https://github.com/acme/fleet.git')).toBe('fleet');
    expect(cloneFolderName('https://dev.azure.com/acme/ops/_git/fleet-ops')).toBe('fleet-ops');
    expect(cloneFolderName('https://github.com/acme/fleet.git/')).toBe('fleet');
    expect(cloneFolderName('https://example.com/git/fleet.git?ref=x')).toBe('fleet');
    expect(cloneFolderName('git@github.com:acme/fleet.git')).toBe('fleet');
    expect(cloneFolderName('https://example.com/acme/fleet%20ops.git')).toBe('fleet-20ops');
  });

  it('gives no name for an address without a repository part, so nothing is guessed', () => {
    expect(cloneFolderName('')).toBeNull();
    expect(cloneFolderName('https://example.com/..')).toBeNull();
  });

  it('joins the picked folder and the name with the platform separator', () => {
    expect(joinFolder('/home/maya/src/', 'fleet', 'linux')).toBe('/home/maya/src/fleet');
    expect(joinFolder('C:\\Users\\maya\\src', 'fleet', 'win32')).toBe('C:\\Users\\maya\\src\\fleet');
  });
});
