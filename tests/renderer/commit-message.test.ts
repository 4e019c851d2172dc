import i18n from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../src/renderer/src/locales/en.json';
import { defaultCommitMessage } from '../../src/renderer/src/lib/commitMessage';

beforeAll(async () => {
  await i18n.init({ lng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false } });
});

const t = (key: string, options?: Record<string, unknown>) => i18n.t(key, options);

describe('default commit messages', () => {
  it('names the module and the documents it updates', () => {
    expect(defaultCommitMessage({ subject: 'Fleet Hub', files: [{ name: 'AS_IS_ANALYSIS.md', created: false }] }, t)).toBe('Fleet Hub: update AS_IS_ANALYSIS.md');
    expect(
      defaultCommitMessage(
        {
          subject: 'Fleet Hub',
          files: [
            { name: 'AS_IS_ANALYSIS.md', created: false },
            { name: 'TO_BE_DESIGN.md', created: false },
          ],
        },
        t,
      ),
    ).toBe('Fleet Hub: update AS_IS_ANALYSIS.md and TO_BE_DESIGN.md');
  });

  it('says "create" for a document that did not exist, and both verbs when a commit does both', () => {
    expect(defaultCommitMessage({ subject: 'Workspace', files: [{ name: 'USER_GUIDE.md', created: true }] }, t)).toBe('Workspace: create USER_GUIDE.md');
    expect(
      defaultCommitMessage(
        {
          subject: 'Drivers Hub',
          files: [
            { name: 'AS_IS_ANALYSIS.md', created: false },
            { name: 'TO_BE_DESIGN.md', created: true },
          ],
        },
        t,
      ),
    ).toBe('Drivers Hub: create TO_BE_DESIGN.md, update AS_IS_ANALYSIS.md');
  });

  it('records the commit a merged result was reconciled with', () => {
    expect(
      defaultCommitMessage({ subject: 'Analytics Hub', files: [{ name: 'AS_IS_ANALYSIS.md', created: false }], mergedWith: '0123456789abcdef0123456789abcdef01234567' }, t),
    ).toBe('Analytics Hub: update AS_IS_ANALYSIS.md (merged with 0123456)');
  });
});
