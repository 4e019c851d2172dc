// The tools' declarations as the providers get them, and the model's malformed calls answered with sentences:
// invalid JSON, an unknown tool, missing, mistyped and extra fields; finish; cancel.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOL_NAMES, toolSpecs } from '../../../../../src/main/core/implement/tools/tool-definitions';
import { FleetError } from '../../../../../src/shared/errors';
import { cleanupTempDirs } from '../../../../helpers/git';
import { toolsOn, toolsRepo, type ToolsFixture } from './tools-fixture';

afterAll(cleanupTempDirs);

let f: ToolsFixture;
beforeAll(async () => {
  f = await toolsRepo();
});

describe('tool declarations', () => {
  it('declares the ten tools with the stable names and arguments, as JSON Schemas that refuse extra fields', () => {
    const specs = toolSpecs();
    expect(specs.map((s) => s.name)).toEqual(['list_files', 'read_file', 'search', 'write_file', 'edit_file', 'delete_file', 'rename_file', 'run_check', 'run_command', 'finish']);
    expect(TOOL_NAMES).toHaveLength(10);
    const args = Object.fromEntries(specs.map((s) => [s.name, { props: Object.keys((s.parameters.properties as object) ?? {}), required: s.parameters.required ?? [] }]));
    expect(args).toEqual({
      list_files: { props: ['glob'], required: [] },
      read_file: { props: ['path', 'offset', 'limit'], required: ['path'] },
      search: { props: ['pattern', 'glob'], required: ['pattern'] },
      write_file: { props: ['path', 'content'], required: ['path', 'content'] },
      edit_file: { props: ['path', 'old_text', 'new_text'], required: ['path', 'old_text', 'new_text'] },
      delete_file: { props: ['path'], required: ['path'] },
      rename_file: { props: ['from', 'to'], required: ['from', 'to'] },
      run_check: { props: [], required: [] },
      run_command: { props: ['command'], required: ['command'] },
      finish: { props: ['summary'], required: ['summary'] },
    });
    for (const spec of specs) {
      expect(spec.parameters).toMatchObject({ type: 'object', additionalProperties: false });
      expect(spec.parameters).not.toHaveProperty('$schema');
      expect(spec.description.length).toBeGreaterThan(20);
    }
    expect(toolSpecs({ allowList: ['npm test'] }).find((s) => s.name === 'run_command')!.description).toContain('Allowed here: "npm test".');
  });
});

describe('malformed calls', () => {
  it('answers each mistake with a sentence naming it and how the tool is called, never throwing', async () => {
    const { call } = await toolsOn(f);
    const cases: Array<[string, unknown, RegExp]> = [
      ['read_file', '{"path": "src/a.ts"', /^The arguments of read_file are not valid JSON \(.+\); send one JSON object, as read_file\(path, offset\?, limit\?\)\.$/u],
      ['read_file', '["src/a.ts"]', /must be one JSON object with named fields/u],
      ['open_file', { path: 'a' }, /^There is no tool named "open_file"\. The tools are: list_files, read_file, search, write_file, edit_file, delete_file, rename_file, run_check, run_command, finish\.$/u],
      ['edit_file', { path: 'src/a.ts', old_text: 'x' }, /^The arguments of edit_file are not right: missing field "new_text" \(string\)\. It is called as edit_file\(path, old_text, new_text\)\.$/u],
      ['read_file', { path: 'src/a.ts', offset: 'ten' }, /field "offset" must be a number/u],
      ['read_file', { path: 'src/a.ts', offset: 0 }, /field "offset" is too small \(at least 1\)/u],
      ['write_file', { path: 'x', content: 'y', mode: '755' }, /unexpected field "mode"/u],
      ['finish', {}, /missing field "summary"/u],
      ['run_check', { now: true }, /unexpected field "now"/u],
    ];
    for (const [name, args, message] of cases) {
      const outcome = await call(name, args);
      expect(outcome.ok, name).toBe(false);
      expect(outcome.content).toMatch(message);
    }
    // No arguments at all is an empty object for tools that take none.
    expect(await call('list_files', '')).toMatchObject({ ok: true });
  });

  it('finish ends with the summary; a cancelled call throws CANCELLED', async () => {
    const { call } = await toolsOn(f);
    expect(await call('finish', { summary: 'Made alpha return 42.' })).toMatchObject({ ok: true, finish: { summary: 'Made alpha return 42.' } });
    const error = await call('list_files', {}, AbortSignal.abort()).catch((e: FleetError) => e);
    expect(error).toBeInstanceOf(FleetError);
    expect((error as FleetError).code).toBe('CANCELLED');
  });
});
