import './analysis.scss';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../app/store';
import { PageHeading } from '../../components/PageHeading';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useAnalysis, type QuestionTab, type View } from './analysis-store';
import { SettingsBar } from './SettingsBar';
import { FiguresPanel } from './FiguresPanel';
import { CodingQueue } from './CodingQueue';
import { ThemesPanel } from './ThemesPanel';
import { ProposalsPanel } from './ProposalsPanel';
import { QuotesPanel } from './QuotesPanel';
import { QuestionResponsePanel } from './QuestionResponsePanel';
import { SectionsPanel } from './SectionsPanel';
import { CodebookPanel } from './CodebookPanel';
import { TwoCodersPanel } from './TwoCodersPanel';
import type { QuestionAnalysisSummary } from '#shared/coding/types';

const TABS: Array<{ tab: QuestionTab; label: string }> = [
  { tab: 'figures', label: 'Figures' },
  { tab: 'coding', label: 'Coding' },
  { tab: 'proposals', label: 'Proposed codes' },
  { tab: 'themes', label: 'Themes' },
  { tab: 'quotes', label: 'Quotes' },
  { tab: 'response', label: 'Government response' },
];

const questionName = (q: Pick<QuestionAnalysisSummary, 'number' | 'text'>) =>
  q.number ? `Question ${q.number}` : q.text;
const same = (a: View | null, b: View) =>
  !!a && a.kind === b.kind && (a.kind !== 'question' || (b.kind === 'question' && a.questionId === b.questionId));

/**
 * Analysing the responses: per question the figures (tallies, cross-tabs, charts), the coding
 * queue, themes (codebook, bulk coding, suggestions), quotes and the government's response; and
 * for the whole consultation the codebook, the response-level sections and two coders.
 */
export function AnalysisPage() {
  const title = useApp((s) => s.workspace?.title);
  const { overview, view, error } = useAnalysis(
    useShallow((s) => ({ overview: s.overview, view: s.view, error: s.error })),
  );
  useEffect(() => {
    void useAnalysis.getState().load();
  }, []);

  if (!overview) {
    return (
      <>
        {error ? <ErrorSummary errors={[{ message: error.message }]} title="The analysis could not be loaded" /> : null}
        <PageHeading caption={title}>Analysis</PageHeading>
        <p className="govuk-body">Loading the responses…</p>
      </>
    );
  }
  const question = view?.kind === 'question' ? overview.questions.find((q) => q.id === view.questionId) : undefined;
  const select = (v: View) => useAnalysis.getState().select(v);
  const items: Array<{ view: View; label: string; meta: string }> = [
    ...overview.questions.map((q) => ({
      view: { kind: 'question' as const, questionId: q.id, tab: view?.kind === 'question' ? view.tab : 'figures' },
      label: `${questionName(q)}: ${q.text.length > 70 ? `${q.text.slice(0, 67)}…` : q.text}`,
      meta: q.codable
        ? `${q.progress.coded.toLocaleString('en-GB')} of ${q.progress.total.toLocaleString('en-GB')} coded`
        : 'Counts only',
    })),
    { view: { kind: 'response' }, label: 'The whole response', meta: 'Introduction, other themes, next steps' },
    {
      view: { kind: 'codebook' },
      label: 'Codebook',
      meta: `${useAnalysis.getState().codebook.filter((t) => !t.archived).length} themes`,
    },
    { view: { kind: 'coders' }, label: 'Two coders', meta: 'Packages and agreement' },
  ];

  return (
    <>
      {error ? <ErrorSummary errors={[{ message: error.message }]} title="There is a problem" /> : null}
      <PageHeading caption={title}>Analysis</PageHeading>
      {overview.package ? (
        <div className="govuk-notification-banner" role="region" aria-labelledby="package-banner-title">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="package-banner-title">
              Coding package
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">
              This is a coding package from “{overview.package.sourceTitle}”
              {overview.package.coder ? ` for ${overview.package.coder}` : ''}:{' '}
              {overview.package.answers.toLocaleString('en-GB')} answers to code.
            </p>
            <p className="govuk-body">
              Code each answer with the keyboard on the Coding tab. When you have finished, close the workspace and send
              this file back to {overview.package.createdBy}.
            </p>
          </div>
        </div>
      ) : (
        <SettingsBar />
      )}
      <div className="app-analysis">
        <nav className="app-analysis__nav" aria-label="Questions and analysis">
          <ul className="app-analysis-nav">
            {items.map((it) => {
              const selected = same(view, it.view);
              return (
                <li
                  key={it.view.kind === 'question' ? it.view.questionId : it.view.kind}
                  className={`app-analysis-nav__item${selected ? ' app-analysis-nav__item--selected' : ''}`}
                >
                  <button
                    type="button"
                    className="app-link-button govuk-body-s govuk-!-margin-bottom-0"
                    aria-current={selected ? 'true' : undefined}
                    onClick={() => select(it.view)}
                  >
                    {it.label}
                  </button>
                  <span className="app-analysis-nav__meta">{it.meta}</span>
                </li>
              );
            })}
          </ul>
        </nav>
        <div>
          {view?.kind === 'question' && question ? <QuestionView question={question} tab={view.tab} /> : null}
          {view?.kind === 'response' ? <SectionsPanel /> : null}
          {view?.kind === 'codebook' ? <CodebookPanel /> : null}
          {view?.kind === 'coders' ? <TwoCodersPanel /> : null}
        </div>
      </div>
    </>
  );
}

function QuestionView({ question, tab }: { question: QuestionAnalysisSummary; tab: QuestionTab }) {
  const tabs = TABS.filter(
    (t) => question.codable || !(['coding', 'proposals', 'themes', 'quotes'] as QuestionTab[]).includes(t.tab),
  );
  const active = tabs.some((t) => t.tab === tab) ? tab : 'figures';
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const go = (t: QuestionTab) => useAnalysis.getState().select({ kind: 'question', questionId: question.id, tab: t });
  // Arrow keys move between tabs, as the WAI-ARIA tabs pattern says.
  const onKey = (e: KeyboardEvent<HTMLButtonElement>, i: number) => {
    const next =
      e.key === 'ArrowRight' ? (i + 1) % tabs.length : e.key === 'ArrowLeft' ? (i - 1 + tabs.length) % tabs.length : -1;
    if (next < 0) return;
    e.preventDefault();
    go(tabs[next]!.tab);
    refs.current[next]?.focus();
  };
  const panelId = `analysis-panel-${active}`;
  return (
    <section aria-labelledby="analysis-question-heading">
      <h2 className="govuk-heading-m" id="analysis-question-heading">
        {questionName(question)}
        <span className="govuk-caption-m">{question.text}</span>
      </h2>
      <div role="tablist" aria-label={`${questionName(question)}: views`} className="app-analysis-tabs">
        {tabs.map((t, i) => (
          <button
            key={t.tab}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`analysis-tab-${t.tab}`}
            aria-selected={t.tab === active}
            aria-controls={t.tab === active ? panelId : undefined}
            tabIndex={t.tab === active ? 0 : -1}
            className="app-analysis-tab"
            onClick={() => go(t.tab)}
            onKeyDown={(e) => onKey(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={panelId} aria-labelledby={`analysis-tab-${active}`}>
        {active === 'figures' ? <FiguresPanel key={question.id} question={question} /> : null}
        {active === 'coding' ? <CodingQueue key={question.id} question={question} /> : null}
        {active === 'proposals' ? <ProposalsPanel key={question.id} question={question} /> : null}
        {active === 'themes' ? <ThemesPanel key={question.id} question={question} /> : null}
        {active === 'quotes' ? <QuotesPanel key={question.id} question={question} /> : null}
        {active === 'response' ? <QuestionResponsePanel key={question.id} question={question} /> : null}
      </div>
    </section>
  );
}
