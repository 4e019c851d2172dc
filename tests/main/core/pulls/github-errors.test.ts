import { describe, expect, it } from 'vitest';
import { gitHubError } from '../../../../src/main/core/pulls/github-errors';

const context = { remote: 'origin', repository: 'acme/fleet', action: 'open a pull request' };

describe("GitHub's error answers as sentences", () => {
  it('reads the secondary rate limit (429 with Retry-After) as a wait in seconds', () => {
    const error = gitHubError(429, new Headers({ 'retry-after': '42' }), { message: 'You have exceeded a secondary rate limit.' }, context);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', data: { retryAfterSeconds: 42 } });
    expect(error.message).toContain('Try again in 42 s.');
  });

  it('names the classic scope a token lacks when GitHub lists the accepted scopes', () => {
    const error = gitHubError(403, new Headers({ 'x-accepted-oauth-scopes': 'repo' }), { message: 'Resource not accessible by integration' }, context);
    expect(error).toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(error.message).toBe('The token of "origin" is not allowed to open a pull request on acme/fleet. GitHub said: "Resource not accessible by integration". It needs the scope repo.');
  });

  it('says a server error is on GitHub\'s side, with the details it gave', () => {
    const error = gitHubError(502, new Headers(), { message: 'Server Error' }, context);
    expect(error).toMatchObject({ code: 'HOST_API_ERROR', data: { status: 502 } });
    expect(error.message).toContain("This is on GitHub's side");
  });
});
