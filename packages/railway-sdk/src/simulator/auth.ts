/**
 * Railway's two token kinds: a workspace (team/account) token sent as `Authorization: Bearer`, and
 * a project token sent as `Project-Access-Token`, limited to one project environment.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Rng } from './rng';

export type Principal =
  | { kind: 'workspace'; workspaceId: string }
  | { kind: 'project'; projectId: string; environmentId: string };

export type TokenKind = 'workspace' | 'project' | 'none' | 'invalid';

export interface Caller {
  principal: Principal | null;
  tokenKind: TokenKind;
  /** What rate limits are counted against: the token, or the anonymous bucket. */
  rateKey: string;
}

export class Tokens {
  private readonly byToken = new Map<string, Principal>();

  constructor(private readonly rng: Rng) {}

  issueWorkspaceToken(workspaceId: string, token = this.rng.uuid()): string {
    if (this.byToken.has(token)) throw new Error('Token already issued');
    this.byToken.set(token, { kind: 'workspace', workspaceId });
    return token;
  }

  issueProjectToken(projectId: string, environmentId: string): string {
    const token = this.rng.uuid();
    this.byToken.set(token, { kind: 'project', projectId, environmentId });
    return token;
  }

  /** Every issued token, for a snapshot. */
  entries(): [string, Principal][] {
    return [...this.byToken];
  }

  /** Re-issues the tokens of a snapshot. */
  restore(entries: readonly [string, Principal][]): void {
    for (const [token, principal] of entries) this.byToken.set(token, principal);
  }

  identify(headers: IncomingHttpHeaders): Caller {
    const projectToken = headers['project-access-token'];
    if (typeof projectToken === 'string' && projectToken) {
      const principal = this.byToken.get(projectToken);
      return principal?.kind === 'project'
        ? { principal, tokenKind: 'project', rateKey: projectToken }
        : { principal: null, tokenKind: 'invalid', rateKey: projectToken };
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
    if (!bearer) return { principal: null, tokenKind: 'none', rateKey: 'anonymous' };
    const principal = this.byToken.get(bearer);
    return principal?.kind === 'workspace'
      ? { principal, tokenKind: 'workspace', rateKey: bearer }
      : { principal: null, tokenKind: 'invalid', rateKey: bearer };
  }
}
