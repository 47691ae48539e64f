import { describe, expect, it } from 'vitest';
import { parseSurveyTime } from '#shared/domain/survey-import/index';
import { isYes } from '#shared/domain/responses/store';
import { receivedText } from '#shared/report/rows';

describe("the survey tools' own ways of writing a time", () => {
  it('reads month names, JavaScript dates and epoch-free strings; a day alone stays a day', () => {
    // London is on GMT in March before the clocks change, on BST in May.
    expect(parseSurveyTime('Mar 9, 2025 10:14 am', 'mdy')).toBe('2025-03-09T10:14:00.000Z');
    expect(parseSurveyTime('Mar 9, 2025 10:14 pm', 'dmy')).toBe('2025-03-09T22:14:00.000Z');
    expect(parseSurveyTime('May 2, 2024 10:14', 'dmy')).toBe('2024-05-02T09:14:00.000Z');
    expect(parseSurveyTime('9 March 2025', 'mdy')).toBe('2025-03-09');
    expect(parseSurveyTime('Mar 16, 2025', 'mdy')).toBe('2025-03-16');
    expect(parseSurveyTime('2025-03-16', 'dmy')).toBe('2025-03-16');
    expect(parseSurveyTime('16/03/2025', 'dmy')).toBe('2025-03-16');
    expect(parseSurveyTime('Thu May 02 2024 07:19:55 GMT+0000 (Coordinated Universal Time)', 'dmy')).toBe(
      '2024-05-02T07:19:55.000Z',
    );
    expect(parseSurveyTime('Wed Jun 18 05:53:44 BST 2014', 'dmy')).toBe('2014-06-18T04:53:44.000Z');
    expect(parseSurveyTime('Smarch 40, 2025', 'dmy')).toBeNull();
    expect(parseSurveyTime('Feb 30, 2025', 'dmy')).toBeNull();
  });

  it('shows a day with no time as the day, and never guesses at text it could not read', () => {
    expect(receivedText('2025-03-16')).toBe('2025-03-16');
    expect(receivedText('2024-05-02T07:19:55.000Z')).toBe('2024-05-02 08:19');
    expect(receivedText('Mar 16, 2025')).toBe('');
  });
});

describe('consent in the words a tool writes it', () => {
  it('is a yes for the ways of saying yes, and never for a refusal', () => {
    for (const v of [
      'Yes',
      'yes, you may',
      'Accepted',
      'I agree',
      'Agreed',
      'Publish response with name',
      'Publish response only (without name)',
      'I consent',
      'I give permission',
    ])
      expect(isYes(v), v).toBe(true);
    for (const v of [
      'No',
      'Do not publish response',
      "Don't publish",
      'Not this time',
      'Never',
      '',
      'Prefer not to say',
    ])
      expect(isYes(v), v).toBe(false);
  });
});
