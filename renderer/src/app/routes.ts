/** Pages, kept in the URL hash so Back works in the browser host and a reload keeps your place. */
export const WORKSPACE_TABS = ['overview', 'draft', 'responses', 'analysis', 'outputs', 'team'] as const;
export type WorkspaceTab = (typeof WORKSPACE_TABS)[number];

export type Route =
  | { page: 'home' }
  | { page: 'new' }
  | { page: 'open' }
  | { page: 'save-as' }
  | { page: 'about' }
  | { page: 'join' }
  | { page: 'workspace'; tab: WorkspaceTab };

export const TAB_LABELS: Record<WorkspaceTab, string> = {
  overview: 'Overview',
  draft: 'Draft',
  responses: 'Responses',
  analysis: 'Analysis',
  outputs: 'Outputs',
  team: 'Team',
};

export function routeToHash(r: Route): string {
  return r.page === 'workspace' ? `#/workspace/${r.tab}` : r.page === 'home' ? '#/' : `#/${r.page}`;
}

export function hashToRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [first, second] = parts;
  if (first === 'workspace') {
    const tab = (WORKSPACE_TABS as readonly string[]).includes(second ?? '') ? (second as WorkspaceTab) : 'overview';
    return { page: 'workspace', tab };
  }
  if (first === 'new' || first === 'open' || first === 'save-as' || first === 'about' || first === 'join')
    return { page: first };
  return { page: 'home' };
}

export function pageTitle(r: Route): string {
  switch (r.page) {
    case 'home':
      return 'Home';
    case 'new':
      return 'New consultation';
    case 'open':
      return 'Open a workspace';
    case 'save-as':
      return 'Save a copy as';
    case 'about':
      return 'About';
    case 'join':
      return 'Join a team';
    case 'workspace':
      return TAB_LABELS[r.tab];
  }
}
