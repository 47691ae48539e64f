import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { draftJsonSchemaText } from '#shared/domain/draft/json-schema';

describe('the documented draft JSON schema', () => {
  it('is up to date with the schema imports are checked against', () => {
    const committed = readFileSync(
      join(__dirname, '..', '..', '..', 'shared', 'domain', 'draft', 'draft.schema.json'),
      'utf8',
    );
    expect(committed, 'run: node --import tsx build/scripts/draft-schema.mjs').toBe(draftJsonSchemaText());
    const parsed = JSON.parse(committed) as { properties: Record<string, unknown>; additionalProperties?: unknown };
    expect(Object.keys(parsed.properties)).toEqual([
      'format',
      'formatVersion',
      'metadata',
      'sections',
      'questions',
      'aboutYou',
      'privacyNotice',
      'checker',
      'dismissed',
    ]);
    expect(parsed.additionalProperties).toBe(false);
  });
});
