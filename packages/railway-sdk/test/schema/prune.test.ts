import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSchema } from 'graphql';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { PruneError, pruneSchema } from '../../scripts/prune';
import { pruneConfig } from '../../scripts/prune-schema.config';
import { prunedSdlPath, readIntrospection } from '../../scripts/schema-source';
import { fullSchemaNote, hasFullSchema } from '../helpers/schemas';

const packageDir = resolve(import.meta.dirname, '../..');

describe('pruned Railway schema', () => {
  it.skipIf(!hasFullSchema)(`the committed SDL equals a fresh prune${fullSchemaNote}`, () => {
    const fresh = pruneSchema(readIntrospection(), pruneConfig);
    expect(readFileSync(prunedSdlPath, 'utf8')).toBe(fresh);
  });

  it.skipIf(!hasFullSchema)(
    `refuses object types nobody allowlisted, naming what to add${fullSchemaNote}`,
    () => {
      const { Deployment: _dropped, ...objects } = pruneConfig.objects;
      const attempt = () => pruneSchema(readIntrospection(), { ...pruneConfig, objects });
      expect(attempt).toThrow(PruneError);
      expect(attempt).toThrow(
        /Query\.deployment returns Deployment, which is not allowlisted: add Deployment/,
      );
    },
  );

  it.skipIf(!hasFullSchema)(
    `refuses fields the schema does not have and unused entries${fullSchemaNote}`,
    () => {
      const objects = { ...pruneConfig.objects, Log: ['message', 'colour'], Team: ['id'] };
      const attempt = () => pruneSchema(readIntrospection(), { ...pruneConfig, objects });
      expect(attempt).toThrow(/Log\.colour does not exist/);
      expect(attempt).toThrow(/objects\.Team is allowlisted but no kept field returns it/);
    },
  );

  it('the committed SDL is a valid schema with the agreed root fields', () => {
    const schema = buildSchema(readFileSync(prunedSdlPath, 'utf8'));
    expect(Object.keys(schema.getQueryType()!.getFields()).sort()).toEqual(
      [...pruneConfig.roots.Query].sort(),
    );
    expect(Object.keys(schema.getMutationType()!.getFields()).sort()).toEqual(
      [...pruneConfig.roots.Mutation].sort(),
    );
    // Input types are kept whole, so any input field Railway accepts may be sent.
    expect(Object.keys(schema.getTypeMap())).toContain('ServiceInstanceUpdateInput');
  });

  it('src/graphql-env.d.ts is what gql.tada generates from the committed SDL', async () => {
    const output = join(mkdtempSync(join(tmpdir(), 'tada-')), 'graphql-env.d.ts');
    execFileSync(
      join(packageDir, 'node_modules/.bin/gql-tada'),
      ['generate-output', '--output', output],
      {
        cwd: packageDir,
        stdio: 'pipe',
      },
    );
    const committedPath = join(packageDir, 'src/graphql-env.d.ts');
    const options = { ...(await resolveConfig(committedPath)), filepath: committedPath };
    const fresh = await format(readFileSync(output, 'utf8'), options);
    expect(readFileSync(committedPath, 'utf8')).toBe(fresh);
  });
});
