import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readZipEntry } from '../../../../../src/main/core/runner/remote/artifact-zip';
import { cleanupTempDirs, makeTempDir } from '../../../../helpers/git';
import { makeZip } from '../../../../helpers/zip';

afterAll(() => cleanupTempDirs());

describe('reading the record out of a downloaded artifact', () => {
  it('reads a deflated entry of an archive made by the zip program, as GitHub serves artifacts', () => {
    const dir = makeTempDir('fleet-zip-');
    const record = JSON.stringify({ outcome: 'review', padding: 'x'.repeat(5000) });
    writeFileSync(join(dir, 'record.json'), record);
    writeFileSync(join(dir, 'transcript.jsonl'), '{}\n');
    execFileSync('zip', ['-q', '-9', 'artifact.zip', 'transcript.jsonl', 'record.json'], { cwd: dir });
    const zip = readFileSync(join(dir, 'artifact.zip'));
    expect(readZipEntry(zip, 'record.json')!.toString('utf8')).toBe(record);
    expect(readZipEntry(zip, 'missing.json')).toBeNull();
  });

  it('reads stored entries, and refuses what is not a zip or an entry larger than the limit', () => {
    const zip = makeZip([{ name: 'record.json', content: '{"a":1}' }]);
    expect(readZipEntry(zip, 'record.json')!.toString()).toBe('{"a":1}');
    expect(() => readZipEntry(Buffer.from('not a zip at all, just some text here'), 'record.json')).toThrow(/not a readable zip archive/);
    expect(() => readZipEntry(zip, 'record.json', 3)).toThrow(/more than 3/);
  });
});
