import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../app/store';
import { PageHeading } from '../../components/PageHeading';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useResponses, VIEW_LABELS, type ResponsesView } from './responses-store';
import { Overview } from './Overview';
import { ImportWizard } from './ImportWizard';
import { LetterForm } from './LetterForm';
import { BrowseView } from './BrowseView';
import { ReviewList } from './ReviewList';
import { CampaignsView } from './CampaignsView';
import { DuplicatesView } from './DuplicatesView';
import { OrganisationsView } from './OrganisationsView';
import { PersonalDataView } from './PersonalDataView';

const NAV: ResponsesView[] = [
  'overview',
  'import',
  'letter',
  'browse',
  'review',
  'campaigns',
  'duplicates',
  'organisations',
  'personal-data',
];

/**
 * Collating responses: import (survey exports, returned forms, emails), letters typed in, the
 * batches each import made, the review list, browsing and search, campaigns, duplicates,
 * organisation names and the personal data found in answers. One page with its own sections, so
 * the workspace tabs stay as they are.
 */
export function ResponsesPage() {
  const title = useApp((s) => s.workspace?.title);
  const path = useApp((s) => s.workspace?.path ?? null);
  const { view, summary, error } = useResponses(
    useShallow((s) => ({ view: s.view, summary: s.summary, error: s.error })),
  );
  useEffect(() => {
    useResponses.getState().forWorkspace(path);
    void useResponses.getState().refresh();
  }, [path]);

  const count = (v: ResponsesView): string => {
    if (!summary) return '';
    if (v === 'review' && summary.openRejected) return ` (${summary.openRejected})`;
    if (v === 'campaigns' && summary.campaigns.proposed) return ` (${summary.campaigns.proposed} to check)`;
    if (v === 'duplicates' && summary.duplicateGroups.open) return ` (${summary.duplicateGroups.open})`;
    return '';
  };

  return (
    <>
      <PageHeading caption={title}>Responses</PageHeading>
      {error ? <ErrorSummary errors={[{ message: error }]} /> : null}
      <nav className="app-subnav" aria-label="Responses">
        <ul className="app-subnav__list">
          {NAV.map((v) => (
            <li key={v} className={`app-subnav__item${v === view ? ' app-subnav__item--current' : ''}`}>
              <button
                type="button"
                className="app-subnav__link"
                aria-current={v === view ? 'page' : undefined}
                onClick={() => useResponses.getState().setView(v)}
              >
                {VIEW_LABELS[v]}
                {count(v)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div className="app-subnav__content">
        {view === 'overview' ? <Overview /> : null}
        {view === 'import' ? <ImportWizard /> : null}
        {view === 'letter' ? <LetterForm /> : null}
        {view === 'browse' ? <BrowseView /> : null}
        {view === 'review' ? <ReviewList /> : null}
        {view === 'campaigns' ? <CampaignsView /> : null}
        {view === 'duplicates' ? <DuplicatesView /> : null}
        {view === 'organisations' ? <OrganisationsView /> : null}
        {view === 'personal-data' ? <PersonalDataView /> : null}
      </div>
    </>
  );
}
