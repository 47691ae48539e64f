import { useEffect, useRef, type ReactNode } from 'react';

/** On the first page after start-up focus stays at the top of the document (so Tab reaches the skip link). */
let firstPage = true;

/**
 * The page's h1. It takes focus when the page changes (as GOV.UK single-page services do), so a
 * keyboard or screen reader user starts at the top of the new page.
 */
export function PageHeading({
  children,
  caption,
  size = 'l',
}: {
  children: ReactNode;
  caption?: ReactNode;
  size?: 'xl' | 'l' | 'm';
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    // A success banner or error summary that has just taken focus keeps it.
    if (document.activeElement?.closest('.govuk-notification-banner, .govuk-error-summary')) return;
    ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <>
      {caption ? <span className={`govuk-caption-${size}`}>{caption}</span> : null}
      <h1 className={`govuk-heading-${size}`} tabIndex={-1} ref={ref} id="page-heading">
        {children}
      </h1>
    </>
  );
}
