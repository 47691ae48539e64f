import { AppError } from '#shared/core/errors';
import { DOCX_FORM_KIND, PROP, schemaFromProperties } from './docx-form-ids';
import { FORM_SCHEMA_VERSION, type FormQuestion, type FormRow } from './form-schema';
import { cleanAnswer, interpretAnswer, isRespondentKey, sameLabel, type ReturnedForm } from './returned-form';
import { childElements, findAll, localName, parseXml, type XmlElement } from '../../formats/ooxml/xml';
import { readZip } from '../../formats/zip/zip';
import { ABOUT_YOU_TABLE_LABEL } from './response-form-docx';

/**
 * Reads a returned Word response form. The form is recognised by its custom document properties
 * (form id, consultation id, and the schema of question ids, options and answer rows); answers are
 * read from the tables, each found by its first cell ("Question 3", "About you"). Rows are matched
 * by position when the table still has the rows we wrote, otherwise by their left-hand label, so a
 * respondent who deleted or added a row still gets the rest of their answers read.
 *
 * Any text in an answer cell ticks an option (X, x, ✓, "yes"); ranking cells need a number.
 * Deleted text in tracked changes is ignored. Throws AppError 'bad-file' when the file is not one
 * of our forms.
 */
export function readResponseFormDocx(bytes: Uint8Array): ReturnedForm {
  let files: Map<string, Uint8Array>;
  try {
    files = readZip(bytes);
  } catch (e) {
    throw new AppError('bad-file', 'This file could not be read as a Word document.', { reason: (e as Error).message });
  }
  const decoder = new TextDecoder();
  const custom = files.get('docProps/custom.xml');
  const document = files.get('word/document.xml');
  if (!document) throw new AppError('bad-file', 'This file is not a Word document.');
  if (!custom) throw notOurs('it has no form properties');
  const props = customProperties(decoder.decode(custom));
  if (props.get(PROP.kind) !== DOCX_FORM_KIND) throw notOurs('its properties do not identify a response form');
  const formId = props.get(PROP.formId) ?? '';
  const consultationId = props.get(PROP.consultationId) ?? '';
  const version = Number(props.get(PROP.version));
  if (!formId || !consultationId) throw notOurs('its form or consultation id is missing');
  if (version > FORM_SCHEMA_VERSION)
    throw new AppError(
      'bad-file',
      'This response form was made by a newer version of Consultation Workbench. Update the app to import it.',
      { version },
    );
  const schema = schemaFromProperties(props);
  if (!schema) throw notOurs('its form description is damaged');

  let root: XmlElement;
  try {
    root = parseXml(decoder.decode(document));
  } catch (e) {
    throw new AppError('bad-file', 'The Word document is damaged.', { reason: (e as Error).message });
  }
  const body = findAll(root, 'body')[0] ?? root;
  const tables = findAll(body, 'tbl').map(tableText);
  const warnings: string[] = [];

  const respondent: ReturnedForm['respondent'] = {};
  const aboutTable = tables.find((t) => sameLabel(t[0]?.[0] ?? '', ABOUT_YOU_TABLE_LABEL));
  if (aboutTable) {
    const rows = aboutTable.slice(1);
    schema.fields.forEach((f, i) => {
      const positional =
        rows.length === schema.fields.length
          ? rows[i]
          : rows.find((r) => firstLine(r[0]) !== '' && sameLabel(firstLine(r[0]), f.label));
      const value = cleanAnswer(positional?.[1] ?? '').trim();
      if (value && isRespondentKey(f.key)) respondent[f.key] = value;
    });
  } else if (schema.fields.length)
    warnings.push('The “About you” table is missing, so no details about the respondent were read.');

  const byNumber = new Map<string, string[][]>();
  for (const t of tables) {
    const m = /^question\s+(\S+)$/i.exec((t[0]?.[0] ?? '').trim());
    if (m && !byNumber.has(m[1]!.toLowerCase())) byNumber.set(m[1]!.toLowerCase(), t);
  }
  const answers: ReturnedForm['answers'] = [];
  for (const q of schema.questions) {
    const t = byNumber.get(q.number.toLowerCase());
    if (!t) {
      warnings.push(`Question ${q.number}: its table is missing, so it was not read.`);
      continue;
    }
    const a = interpretAnswer(q, rowValues(q, t.slice(1), warnings), warnings);
    if (a) answers.push(a);
  }
  return { formId, consultationId, respondent, answers, warnings };
}

function notOurs(why: string): AppError {
  return new AppError('bad-file', `This Word document is not a Consultation Workbench response form: ${why}.`);
}

function rowValues(q: FormQuestion, rows: string[][], warnings: string[]): { row: FormRow; value: string }[] {
  if (rows.length === q.rows.length) return q.rows.map((row, i) => ({ row, value: rows[i]?.[1] ?? '' }));
  warnings.push(
    `Question ${q.number}: the table has ${rows.length} answer rows instead of ${q.rows.length}; rows were ` +
      `matched by their labels.`,
  );
  return q.rows.map((row) => {
    const found = rows.find((r) => sameLabel(firstLine(r[0]), firstLine(row.label)));
    return { row, value: found?.[1] ?? '' };
  });
}

const firstLine = (s: string | undefined): string => (s ?? '').split('\n')[0] ?? '';

/** Text of each row's cells; paragraphs joined with "\n". Nested tables are read as text of their cell. */
function tableText(tbl: XmlElement): string[][] {
  return findAll(tbl, 'tr').map((tr) => findAll(tr, 'tc').map((tc) => findAll(tc, 'p').map(paragraphText).join('\n')));
}

function paragraphText(p: XmlElement): string {
  let out = '';
  const walk = (el: XmlElement) => {
    for (const c of el.children) {
      if (typeof c === 'string') continue;
      const name = localName(c.name);
      if (name === 't') out += c.children.filter((x): x is string => typeof x === 'string').join('');
      else if (name === 'tab') out += '\t';
      else if (name === 'br' || name === 'cr') out += '\n';
      else if (name === 'delText' || name === 'del' || name === 'instrText') continue;
      else walk(c);
    }
  };
  walk(p);
  return out;
}

/** Custom properties by name (text values). */
function customProperties(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch {
    return out;
  }
  for (const prop of childElements(root, 'property')) {
    const name = prop.attrs['name'];
    const value = prop.children.find((c): c is XmlElement => typeof c !== 'string');
    if (name && value) out.set(name, value.children.filter((x): x is string => typeof x === 'string').join(''));
  }
  return out;
}
