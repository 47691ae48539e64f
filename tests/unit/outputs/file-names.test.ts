import { describe, expect, it } from 'vitest';
import { exampleDraft } from '#shared/domain/draft/example';
import { outputFileName } from '#electron/services/documents/consultation-outputs';

const named = (title: string) => ({ metadata: { ...exampleDraft().metadata, title } });

describe('output file names (GOV.UK rules)', () => {
  it('are lowercase and hyphenated, and say what the file is', () => {
    const d = exampleDraft();
    expect(outputFileName('consultation-docx', d)).toBe(
      'one-online-place-for-nhs-information-and-services-consultation.docx',
    );
    expect(outputFileName('consultation-html', d)).toBe(
      'one-online-place-for-nhs-information-and-services-consultation.html',
    );
    expect(outputFileName('response-form-docx', d)).toBe(
      'one-online-place-for-nhs-information-and-services-response-form.docx',
    );
    expect(outputFileName('response-form-xlsx', d)).toBe(
      'one-online-place-for-nhs-information-and-services-response-form.xlsx',
    );
    expect(outputFileName('questions-xlsx', d)).toBe(
      'one-online-place-for-nhs-information-and-services-questions.xlsx',
    );
  });

  it('drop "draft", "final" and version markers, and do not repeat "consultation"', () => {
    expect(outputFileName('consultation-docx', named('DRAFT Consultation on rural bus services v2 (final)'))).toBe(
      'consultation-on-rural-bus-services.docx',
    );
    expect(outputFileName('response-form-xlsx', named('Café & Bar licensing – version 3'))).toBe(
      'cafe-and-bar-licensing-3-response-form.xlsx',
    );
    expect(outputFileName('consultation-docx', named('🙂 ✨'))).toBe('consultation.docx');
  });
});
