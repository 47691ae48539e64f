import { useApp } from '../../app/store';
import { TAB_LABELS, WORKSPACE_TABS, routeToHash, type WorkspaceTab } from '../../app/routes';
import { classes } from '../../components/classes';

/** GOV.UK service navigation for the workspace's sections. */
export function WorkspaceNav({ current }: { current: WorkspaceTab }) {
  const navigate = useApp((s) => s.navigate);
  return (
    <section
      aria-label="Workspace sections"
      className="govuk-service-navigation"
      data-module="govuk-service-navigation"
    >
      <div className="govuk-width-container">
        <div className="govuk-service-navigation__container">
          <nav aria-label="Workspace" className="govuk-service-navigation__wrapper">
            <ul className="govuk-service-navigation__list" id="navigation">
              {WORKSPACE_TABS.map((tab) => {
                const active = tab === current;
                return (
                  <li
                    key={tab}
                    className={classes(
                      'govuk-service-navigation__item',
                      active && 'govuk-service-navigation__item--active',
                    )}
                  >
                    <a
                      className="govuk-service-navigation__link"
                      href={routeToHash({ page: 'workspace', tab })}
                      aria-current={active ? 'page' : undefined}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate({ page: 'workspace', tab });
                      }}
                    >
                      {active ? (
                        <strong className="govuk-service-navigation__active-fallback">{TAB_LABELS[tab]}</strong>
                      ) : (
                        TAB_LABELS[tab]
                      )}
                    </a>
                  </li>
                );
              })}
            </ul>
          </nav>
        </div>
      </div>
    </section>
  );
}
