/**
 * A team copy may hold a slice of the consultation (team/slice.ts): the answers to some questions only, made from
 * the server's rows, so a laptop can code one question of a 500,000-response consultation without holding all of
 * it. `slice` is then the JSON array of those question ids (NULL: the whole consultation). A slice copy syncs only
 * its questions' work and refuses to publish documents, whose figures need every answer.
 */
export const sql = `
ALTER TABLE team_state ADD COLUMN slice TEXT;  -- JSON array of question ids; NULL for a whole copy
`;
