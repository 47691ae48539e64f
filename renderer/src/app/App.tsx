import { useEffect } from 'react';
import { useApp } from './store';
import { events, hasBridge } from '../lib/api';
import { Header } from './Header';
import { pageTitle, type Route } from './routes';
import { HomePage } from '../features/home/HomePage';
import { NewConsultationPage } from '../features/home/NewConsultationPage';
import { OpenPage } from '../features/home/OpenPage';
import { SaveAsPage } from '../features/home/SaveAsPage';
import { AboutPage } from '../features/home/AboutPage';
import { WorkspaceNav } from '../features/workspace/WorkspaceNav';
import { OverviewPage } from '../features/workspace/OverviewPage';
import { DraftPage } from '../features/draft/DraftPage';
import { OutputsPage } from '../features/outputs/OutputsPage';
import { ResponsesPage } from '../features/responses/ResponsesPage';
import { AnalysisPage } from '../features/analysis/AnalysisPage';
import { TeamPage } from '../features/team/TeamPage';
import { JoinTeamPage } from '../features/team/JoinTeamPage';
import { useTeam } from '../features/team/team-store';
import { useDraft } from '../features/draft/draft-store';
import { useAnalysis } from '../features/analysis/analysis-store';
import { NotificationBanner } from '../components/NotificationBanner';
import { ErrorSummary } from '../components/ErrorSummary';
import { call } from '../lib/api';

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'home':
      return <HomePage />;
    case 'new':
      return <NewConsultationPage />;
    case 'open':
      return <OpenPage />;
    case 'save-as':
      return <SaveAsPage />;
    case 'about':
      return <AboutPage />;
    case 'join':
      return <JoinTeamPage />;
    case 'workspace':
      switch (route.tab) {
        case 'overview':
          return <OverviewPage />;
        case 'draft':
          return <DraftPage />;
        case 'responses':
          return <ResponsesPage />;
        case 'analysis':
          return <AnalysisPage />;
        case 'outputs':
          return <OutputsPage />;
        case 'team':
          return <TeamPage />;
      }
  }
}

export function App() {
  const route = useApp((s) => s.route);
  const workspace = useApp((s) => s.workspace);
  const saveState = useApp((s) => s.saveState);
  const banner = useApp((s) => s.banner);
  const startupError = useApp((s) => s.startupError);
  const info = useApp((s) => s.info);

  useEffect(() => {
    if (!hasBridge()) return;
    const s = useApp.getState();
    void s.init();
    const onHash = () => useApp.getState().setRouteFromHash(location.hash);
    window.addEventListener('hashchange', onHash);
    window.addEventListener('popstate', onHash);
    const ev = events();
    const offState = ev.onWorkspaceState((st) => useApp.getState().setDurability(st));
    const offRestart = ev.onBackendRestarted(({ message }) => {
      const app = useApp.getState();
      useApp.setState({ workspace: null, durability: null, saveState: 'saved', saveError: null });
      app.navigate({ page: 'home' });
      app.setBanner({ kind: 'important', text: message });
      void app.refreshRecent();
    });
    const offMenu = ev.onMenuCommand(({ command, path }) => {
      const app = useApp.getState();
      if (command === 'new') app.navigate({ page: 'new' });
      else if (command === 'open') {
        void call('dialog.openWorkspace', {}).then((r) => {
          if (r.ok && r.value) void app.openWorkspace(r.value.path);
          else if (!r.ok) app.navigate({ page: 'open' });
        });
      } else if (command === 'open-recent' && path)
        void app.openWorkspace(path).then((r) => !r.ok && app.setBanner({ kind: 'important', text: r.error.message }));
      else if (command === 'save-as' && app.workspace) app.navigate({ page: 'save-as' });
      else if (command === 'close') void app.closeWorkspace();
      else if (command === 'about') app.navigate({ page: 'about' });
    });
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('popstate', onHash);
      offState();
      offMenu();
      offRestart();
    };
  }, []);

  // A different workspace (or none): forget the previous draft and its undo history.
  const workspacePath = workspace?.path;
  useEffect(() => {
    useDraft.getState().reset();
    useAnalysis.getState().reset();
    useTeam.getState().reset();
  }, [workspacePath]);

  // The window title carries the consultation and whether it is saved (Electron shows it in the title bar).
  useEffect(() => {
    const state = saveState === 'saving' ? 'Saving…' : saveState === 'error' ? 'Not saved' : 'Saved';
    document.title = workspace
      ? `${workspace.title} (${state}) – ${pageTitle(route)} – Consultation Workbench`
      : `${pageTitle(route)} – Consultation Workbench`;
  }, [workspace, saveState, route]);

  if (!hasBridge()) {
    return (
      <main className="govuk-width-container app-main" id="main-content">
        <h1 className="govuk-heading-l">Consultation Workbench cannot start here</h1>
        <p className="govuk-body">
          Open the app from its shortcut, or open the address the app printed when it started.
        </p>
      </main>
    );
  }

  return (
    <>
      <a
        href="#main-content"
        className="govuk-skip-link"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main-content')?.focus();
        }}
      >
        Skip to main content
      </a>
      <Header />
      {workspace && route.page === 'workspace' ? <WorkspaceNav current={route.tab} /> : null}
      <div
        className={
          route.page === 'workspace' && (route.tab === 'draft' || route.tab === 'analysis')
            ? 'app-wide'
            : 'govuk-width-container'
        }
      >
        <main className="govuk-main-wrapper app-main" id="main-content" tabIndex={-1}>
          {startupError ? (
            <ErrorSummary errors={[{ message: startupError.message }]} title="The app could not start" />
          ) : null}
          {banner ? <NotificationBanner banner={banner} onDismiss={() => useApp.getState().setBanner(null)} /> : null}
          {info || startupError ? (
            <Page key={JSON.stringify(route)} route={route} />
          ) : (
            <p className="govuk-body">Loading…</p>
          )}
        </main>
      </div>
      <footer className="govuk-footer" role="contentinfo">
        <div className="govuk-width-container">
          <p className="govuk-body-s govuk-!-margin-bottom-0">
            Consultation Workbench {info?.version} · works offline · your data stays on this computer{' '}
            <button
              type="button"
              className="app-link-button govuk-body-s"
              onClick={() => useApp.getState().navigate({ page: 'about' })}
            >
              About
            </button>
          </p>
        </div>
      </footer>
    </>
  );
}
