/**
 * Writes schema/railway.graphql from Railway's introspection JSON.
 * Usage: tsx scripts/prune-schema.ts [path/to/schema.json]   (or RAILWAY_SCHEMA_JSON=...)
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pruneSchema } from './prune';
import { pruneConfig } from './prune-schema.config';
import {
  fullSchemaExists,
  fullSchemaPath,
  prunedSdlPath,
  readIntrospection,
} from './schema-source';

const source = process.argv[2] ? resolve(process.argv[2]) : fullSchemaPath;
if (!fullSchemaExists(source)) {
  console.error(`Railway schema not found at ${source}; pass a path or set RAILWAY_SCHEMA_JSON.`);
  process.exit(1);
}
const sdl = pruneSchema(readIntrospection(source), pruneConfig);
writeFileSync(prunedSdlPath, sdl);
console.log(`Wrote ${prunedSdlPath} (${sdl.split('\n').length} lines) from ${source}`);
