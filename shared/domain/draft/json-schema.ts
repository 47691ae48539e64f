import { z } from 'zod';
import { draftSchema, DRAFT_FORMAT, DRAFT_FORMAT_VERSION } from './model';

/** The draft format as JSON Schema (draft 2020-12), generated from the zod schema imports are checked against. */
export function draftJsonSchemaText(): string {
  const schema = z.toJSONSchema(draftSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const doc = {
    $id: `https://consultation-workbench.example.gov.uk/schemas/${DRAFT_FORMAT}/${DRAFT_FORMAT_VERSION}.json`,
    title: 'Consultation Workbench draft',
    description:
      'A consultation draft as written by `npx workbench draft-export` and read by `npx workbench new --from`. ' +
      'See shared/domain/draft/README.md.',
    ...schema,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
