/**
 * Standalone simulator: `pnpm --filter @roundhouse/railway-sdk sim [--port 4010] [--rate-limit hobby] ...`
 * Prints what a client needs, then a single JSON line with the same (for scripts that spawn it).
 */
import { readSimConfig } from './env';
import { createSimulator } from './simulator';

async function main(): Promise<void> {
  const sim = await createSimulator(readSimConfig());
  const info = {
    url: sim.url,
    baseUrl: sim.baseUrl,
    controlUrl: `${sim.baseUrl}/_sim`,
    token: sim.token,
    workspaceId: sim.workspaceId,
    publicUrlTemplate: sim.publicUrlTemplate,
    templates: sim.templates,
  };
  console.log(`Railway simulator listening on ${sim.url}`);
  console.log(`  token (Authorization: Bearer): ${sim.token}`);
  console.log(`  workspace id: ${sim.workspaceId}`);
  for (const [name, template] of Object.entries(sim.templates ?? {})) {
    console.log(
      `  template ${name}: project ${template.projectId} services ${JSON.stringify(template.serviceIds)}`,
    );
  }
  console.log(`  control API: ${info.controlUrl}/info`);
  console.log(JSON.stringify(info));
  const stop = () => {
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
