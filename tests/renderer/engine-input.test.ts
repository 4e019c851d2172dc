import { describe, expect, it } from 'vitest';
import { parseTimeCap, templateProblem } from '../../src/renderer/src/lib/engineInput';

describe('the custom engine template as typed in the settings', () => {
  it('accepts an empty template (not set up) and one with {prompt_file}, {workdir} and {model}', () => {
    expect(templateProblem('')).toBeNull();
    expect(templateProblem('my-agent --task {prompt_file} --cwd {workdir} --model {model}')).toBeNull();
  });

  it('refuses a template without {prompt_file}: the agent would get no task', () => {
    expect(templateProblem('my-agent --cwd {workdir}')?.key).toBe('implement.engines.templateNoPrompt');
  });

  it('names a placeholder it does not know, but leaves the shell its own ${VAR}', () => {
    expect(templateProblem('my-agent {prompt_file} --out {output}')).toEqual({ key: 'implement.engines.templateUnknown', values: { name: '{output}' } });
    expect(templateProblem('my-agent {prompt_file} --home ${HOME}')).toBeNull();
  });

  it('refuses a second line and a template longer than the settings keep', () => {
    expect(templateProblem('my-agent {prompt_file}\nrm -rf /')?.key).toBe('implement.engines.templateOneLine');
    expect(templateProblem(`my-agent {prompt_file} ${'x'.repeat(2000)}`)?.key).toBe('implement.engines.templateTooLong');
  });
});

describe('a time cap typed in the Implement dialog', () => {
  it('is empty, a whole number of minutes from 1 to 1440, or wrong', () => {
    expect(parseTimeCap(' ')).toBeNull();
    expect(parseTimeCap('30')).toBe(30);
    expect(parseTimeCap('0')).toBeNaN();
    expect(parseTimeCap('1441')).toBeNaN();
    expect(parseTimeCap('2.5')).toBeNaN();
    expect(parseTimeCap('ten')).toBeNaN();
  });
});
