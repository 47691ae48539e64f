// Writes the draft JSON Schema (shared/domain/draft/draft.schema.json) from the zod schema that
// validates imports, so the documented format and the checked format cannot drift. A test fails
// when the committed file is out of date: run `node --import tsx build/scripts/draft-schema.mjs`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './build-node.mjs';
import { draftJsonSchemaText } from '#shared/domain/draft/json-schema';

writeFileSync(join(root, 'shared', 'domain', 'draft', 'draft.schema.json'), draftJsonSchemaText());
console.log('Wrote shared/domain/draft/draft.schema.json');
