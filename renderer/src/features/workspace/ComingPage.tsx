import { PageHeading } from '../../components/PageHeading';
import { useApp } from '../../app/store';

/** Sections whose tools arrive in later releases say so plainly rather than showing empty controls. */
export function ComingPage({ heading, description }: { heading: string; description: string }) {
  const title = useApp((s) => s.workspace?.title);
  return (
    <>
      <PageHeading caption={title}>{heading}</PageHeading>
      <div className="govuk-inset-text">{description}</div>
    </>
  );
}
