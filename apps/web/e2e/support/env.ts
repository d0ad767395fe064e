/** The only place the browser tests read process.env (DESIGN §1). */
export interface E2eEnv {
  /** Passed on to the stack (PATH, HOME…). */
  inherited: Record<string, string | undefined>;
  chromiumPath: string;
  /** E2E_KEEP_DATA=1 keeps the stack's temporary data directory for a post-mortem. */
  keepData: boolean;
}

export function e2eEnv(): E2eEnv {
  return {
    inherited: { ...process.env },
    chromiumPath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    keepData: process.env.E2E_KEEP_DATA === '1',
  };
}
