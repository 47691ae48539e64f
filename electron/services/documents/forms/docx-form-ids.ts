import type { QuestionType, RespondentFieldKey } from '#shared/domain/draft/model';
import type { FormQuestion, FormRowKind, FormSchema } from './form-schema';

/**
 * Where a Word response form keeps its ids: custom document properties (File > Properties >
 * Custom in Word; File > Properties > Custom Properties in LibreOffice). Both keep them when a
 * respondent edits and saves the form, unlike content-control tags or hidden text, which
 * LibreOffice drops or respondents delete by accident. Word cuts text properties at 255
 * characters, so the schema (question and option ids, numbers, types and row layout) is stored
 * as base64 of its JSON in numbered pieces of 240 characters.
 */
export const DOCX_FORM_KIND = 'consultation-workbench/response-form-docx';
export const PROP = {
  kind: 'CW form kind',
  formId: 'CW form id',
  consultationId: 'CW consultation id',
  version: 'CW form version',
  parts: 'CW schema parts',
  part: (i: number) => `CW schema ${String(i + 1).padStart(4, '0')}`,
} as const;
const PIECE = 240;

/** The compact schema stored in the properties: everything the reader needs, nothing it does not. */
interface Stored {
  f: [RespondentFieldKey, string][];
  q: { i: string; n: string; t: QuestionType; o: [string, string][]; r: [FormRowKind, string, string][] }[];
}

export function schemaProperties(schema: FormSchema): { name: string; value: string }[] {
  const stored: Stored = {
    f: schema.fields.map((f) => [f.key, f.label]),
    q: schema.questions.map((q) => ({
      i: q.id,
      n: q.number,
      t: q.type,
      o: q.options.map((o) => [o.id, o.label]),
      r: q.rows.map((r) => [r.kind, r.optionId ?? '', r.label]),
    })),
  };
  const b64 = Buffer.from(JSON.stringify(stored), 'utf8').toString('base64');
  const pieces: string[] = [];
  for (let i = 0; i < b64.length; i += PIECE) pieces.push(b64.slice(i, i + PIECE));
  return [
    { name: PROP.kind, value: DOCX_FORM_KIND },
    { name: PROP.formId, value: schema.formId },
    { name: PROP.consultationId, value: schema.consultationId },
    { name: PROP.version, value: String(schema.version) },
    { name: PROP.parts, value: String(pieces.length) },
    ...pieces.map((value, i) => ({ name: PROP.part(i), value })),
  ];
}

/** The schema back from the properties, or null when they are missing or damaged. */
export function schemaFromProperties(props: Map<string, string>): Pick<FormSchema, 'fields' | 'questions'> | null {
  const parts = Number(props.get(PROP.parts));
  if (!Number.isInteger(parts) || parts < 1) return null;
  let b64 = '';
  for (let i = 0; i < parts; i++) {
    const piece = props.get(PROP.part(i));
    if (piece === undefined) return null;
    b64 += piece.trim();
  }
  try {
    const stored = JSON.parse(Buffer.from(b64, 'base64').toString('utf8')) as Stored;
    const questions: FormQuestion[] = stored.q.map((q) => ({
      id: q.i,
      number: q.n,
      type: q.t,
      text: '',
      options: q.o.map(([id, label]) => ({ id, label })),
      rows: q.r.map(([kind, optionId, label]) => ({ kind, label, ...(optionId ? { optionId } : {}) })),
    }));
    return { fields: stored.f.map(([key, label]) => ({ key, label, options: [] })), questions };
  } catch {
    return null;
  }
}
