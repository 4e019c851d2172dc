// Tree entry names as bytes: surrogateescape decoding and encoding round-trip every byte string, and sort as git does.

import { afterAll, describe, expect, it } from 'vitest';
import { compareNames, decodeName, encodeName, hasEscapedBytes, isEncodableName } from '../../../../src/main/core/git/name-bytes';
import { cleanupTempDirs, git, gitBuffer, initRepo } from '../../../helpers/git';

afterAll(cleanupTempDirs);

const bytes = (...values: number[]) => Buffer.from(values);

describe('decodeName', () => {
  it('decodes valid UTF-8 as text, including a byte order mark and U+FFFD itself', () => {
    expect(decodeName(Buffer.from('café/日本/😀.txt', 'utf8'))).toBe('café/日本/😀.txt');
    expect(decodeName(Buffer.from('\ufeffa', 'utf8'))).toBe('\ufeffa');
    expect(decodeName(Buffer.from('a\ufffdb', 'utf8'))).toBe('a\ufffdb');
  });

  it('turns each byte of an invalid sequence into U+DC80+byte, so Latin-1 names stay distinct', () => {
    expect(decodeName(Buffer.from('caf\xe9.txt', 'latin1'))).toBe('caf\udce9.txt');
    expect(decodeName(Buffer.from('caf\xe8.txt', 'latin1'))).toBe('caf\udce8.txt');
    expect(hasEscapedBytes('caf\udce9.txt')).toBe(true);
    expect(hasEscapedBytes('café.txt')).toBe(false);
  });

  it('escapes overlong forms, encoded surrogates, code points above U+10FFFF, stray continuations and cut sequences', () => {
    expect(decodeName(bytes(0xc0, 0x80))).toBe('\udcc0\udc80');
    expect(decodeName(bytes(0xe0, 0x80, 0xaf))).toBe('\udce0\udc80\udcaf');
    expect(decodeName(bytes(0xed, 0xa0, 0x80))).toBe('\udced\udca0\udc80');
    expect(decodeName(bytes(0xf4, 0x90, 0x80, 0x80))).toBe('\udcf4\udc90\udc80\udc80');
    expect(decodeName(bytes(0xf5, 0x80))).toBe('\udcf5\udc80');
    expect(decodeName(bytes(0x61, 0xbf, 0x62))).toBe('a\udcbfb');
    expect(decodeName(bytes(0xe2, 0x82))).toBe('\udce2\udc82');
    expect(decodeName(bytes(0xe2, 0x82, 0x41, 0xe2, 0x82, 0xac))).toBe('\udce2\udc82A€');
  });

  it('decodes a slice of a larger buffer', () => {
    const buffer = Buffer.concat([Buffer.from('100644 '), bytes(0x63, 0xe9), bytes(0)]);
    expect(decodeName(buffer, 7, 9)).toBe('c\udce9');
  });
});

describe('encodeName', () => {
  it('round-trips every byte string and escapes exactly the strings a strict UTF-8 decoder rejects', () => {
    const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const interesting = [0x41, 0x80, 0xbf, 0xc2, 0xc3, 0xa9, 0xe0, 0xe2, 0xed, 0xa0, 0xef, 0xbf, 0xbd, 0xf0, 0x90, 0xf4, 0x8f, 0xf8, 0xff];
    for (let n = 0; n < 2000; n++) {
      const length = 1 + Math.floor(random() * 8);
      const name = Buffer.from(Array.from({ length }, () => (random() < 0.7 ? interesting[Math.floor(random() * interesting.length)]! : 1 + Math.floor(random() * 255))));
      const decoded = decodeName(name);
      expect(encodeName(decoded).equals(name), name.toString('hex')).toBe(true);
      expect(isEncodableName(decoded)).toBe(true);
      let valid: string | null;
      try {
        valid = strict.decode(name);
      } catch {
        valid = null;
      }
      expect(hasEscapedBytes(decoded), name.toString('hex')).toBe(valid === null);
      if (valid !== null) expect(decoded).toBe(valid);
    }
  });

  it('keeps two Latin-1 names apart and survives JSON as lone surrogates', () => {
    const a = decodeName(Buffer.from('caf\xe9.txt', 'latin1'));
    const b = decodeName(Buffer.from('caf\xe8.txt', 'latin1'));
    expect(a).not.toBe(b);
    const travelled = JSON.parse(JSON.stringify({ a, b })) as { a: string; b: string };
    expect(JSON.stringify(a)).toBe('"caf\\udce9.txt"');
    expect(encodeName(travelled.a).toString('latin1')).toBe('caf\xe9.txt');
    expect(encodeName(travelled.b).toString('latin1')).toBe('caf\xe8.txt');
  });

  it('refuses strings no bytes decode to: other lone surrogates, and escapes that spell valid UTF-8', () => {
    expect(() => encodeName('a\ud800b')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => encodeName('a\udc41')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => encodeName('\udcc3\udca9')).toThrow(/valid UTF-8/);
    expect(isEncodableName('\udcc3\udca9')).toBe(false);
    expect(encodeName('😀').toString('hex')).toBe('f09f9880');
  });
});

describe('compareNames', () => {
  it('orders names as git orders their bytes, escaped bytes and characters beyond U+FFFF included', () => {
    const dir = initRepo();
    const blob = git(dir, 'hash-object', '-w', '--stdin');
    const raw = [
      Buffer.from('caf\xe9.txt', 'latin1'),
      Buffer.from('caf\xe8.txt', 'latin1'),
      Buffer.from('café.txt', 'utf8'),
      Buffer.from('caf\uffff.txt', 'utf8'),
      Buffer.from('caf😀.txt', 'utf8'),
      Buffer.from('caf\x7f.txt', 'latin1'),
      Buffer.from('cafe.txt', 'latin1'),
      Buffer.from('caf\xff', 'latin1'),
      Buffer.from('Caf', 'latin1'),
    ];
    const input = Buffer.concat(raw.map((name) => Buffer.concat([Buffer.from(`100644 blob ${blob}\t`), name, bytes(0)])));
    const tree = gitBuffer(dir, ['mktree', '-z'], input).toString('latin1').trim();
    const listed = gitBuffer(dir, ['ls-tree', '-z', '--name-only', tree]).toString('latin1').split('\0').filter(Boolean);
    const ours = raw.map((name) => decodeName(name)).sort(compareNames).map((name) => encodeName(name).toString('latin1'));
    expect(ours).toEqual(listed);
  });
});
