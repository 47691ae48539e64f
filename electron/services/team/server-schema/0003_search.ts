/**
 * The server's search (team/server-search.ts), like the laptop's, leaves out answers of responses that are not
 * active (a duplicate resolved). Few responses are ever not active, so they are indexed on their own: the search
 * looks up that short list rather than joining every matching answer to its response.
 */
export const sql = `
CREATE INDEX response_not_active ON response (id) WHERE status <> 'active';
`;
