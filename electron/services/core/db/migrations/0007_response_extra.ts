/**
 * Every cell of an imported export is kept. The columns that are not answers, "About you" details
 * or the response's id and times — the survey tool's own record of the response (an IP address, a
 * duration, a seed, a last page, a distribution channel), columns the official chose not to map —
 * are kept with the response as they were received, to be seen and exported, never analysed or
 * published. The headers they belong to are the batch's (`import_batch.details.headers`).
 */
export const sql = `
ALTER TABLE response ADD COLUMN extra TEXT;  -- [[column index, value], …] JSON: cells kept as received, by the batch's column
INSERT INTO data_classification (table_name, column_name, classification, note) VALUES
  ('response', 'extra', 'personal', 'the survey tool''s own record: IP addresses, recipient names and emails, locations');
`;
