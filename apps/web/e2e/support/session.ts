import type { BrowserContext } from 'playwright-core';

/**
 * Puts a session obtained with `signIn` (its `Cookie` header) into a browser context, so a test
 * starts signed in without going through the sign-in form: better-auth allows only a few
 * sign-ins per minute from one address, and the form itself is tested once.
 */
export async function useSession(
  context: BrowserContext,
  webUrl: string,
  cookie: string,
): Promise<void> {
  await context.addCookies(
    cookie.split('; ').map((pair) => {
      const at = pair.indexOf('=');
      return { name: pair.slice(0, at), value: pair.slice(at + 1), url: webUrl };
    }),
  );
}
