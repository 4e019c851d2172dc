import { describe, expect, it } from 'vitest';
import { pickLanguage } from '../../src/renderer/src/lib/language';

describe('UI language', () => {
  it('takes the first preferred language that has a locale file, falling back from region to base', () => {
    expect(pickLanguage(['fr-CA', 'de-AT', 'en'], ['en', 'de'])).toBe('de');
    expect(pickLanguage(['pt-BR'], ['en', 'pt-BR', 'pt'])).toBe('pt-BR');
  });

  it('falls back to English when no preferred language is available', () => {
    expect(pickLanguage(['ja-JP'], ['en', 'de'])).toBe('en');
    expect(pickLanguage([], ['en'])).toBe('en');
  });
});
