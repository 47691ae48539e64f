/**
 * The consultation's draft as published (its questions, options and About-you fields), so a copy can be made of a
 * slice of the consultation — one question's answers, say, at 500,000 responses — from the server's rows, without
 * the whole published workspace file (team/slice.ts). Readable by the team's roles (0002's default privileges).
 */
export const sql = `
CREATE TABLE published_draft (
  id    integer PRIMARY KEY CHECK (id = 1),
  draft jsonb NOT NULL
);
`;
