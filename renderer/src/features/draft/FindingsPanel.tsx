/** The consultation standard findings: arrives with the checker. */
export function FindingsPanel() {
  return (
    <aside aria-label="Consultation standard">
      <h2 className="govuk-heading-s">Consultation standard</h2>
      <p className="govuk-body-s">The checker is not available yet.</p>
    </aside>
  );
}
