import { useEffect, useRef } from 'react';
import type { Banner } from '../app/store';

/** GOV.UK notification banner. Success banners take focus so screen readers announce them. */
export function NotificationBanner({ banner, onDismiss }: { banner: Banner; onDismiss?: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (banner.kind === 'success') ref.current?.focus();
  }, [banner]);
  const success = banner.kind === 'success';
  return (
    <div
      ref={ref}
      className={`govuk-notification-banner${success ? ' govuk-notification-banner--success' : ''}`}
      role={success ? 'alert' : 'region'}
      aria-labelledby="notification-banner-title"
      tabIndex={-1}
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="notification-banner-title">
          {success ? 'Success' : 'Important'}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{banner.text}</p>
        {onDismiss ? (
          <button type="button" className="app-link-button" onClick={onDismiss}>
            Dismiss<span className="govuk-visually-hidden"> this message</span>
          </button>
        ) : null}
      </div>
    </div>
  );
}
