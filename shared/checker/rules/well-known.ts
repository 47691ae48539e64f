/**
 * Abbreviations readers know without expansion (GOV.UK's examples are UK, EU, VAT and MP), plus
 * file formats and a few everyday ones. Also used to tell an acronym from shouting in capitals.
 */
export const WELL_KNOWN_ACRONYMS: ReadonlySet<string> = new Set([
  'UK', 'GB', 'EU', 'US', 'USA', 'UN', 'NATO', 'VAT', 'MP', 'MEP', 'NHS', 'GP', 'BBC', 'ITV', 'TV', 'IT', 'ID', 'PIN', 'DVD', 'CD', 'USB', 'PDF',
  'CSV', 'HTML', 'URL', 'PC', 'OK', 'AM', 'PM', 'COVID', 'HIV', 'AIDS', 'DNA', 'MOT', 'BST', 'GMT', 'UTC', 'GDPR', 'FAQ', 'CCTV', 'SMS', 'ATM',
  'HM', 'GCSE', 'ODT', 'ODS', 'DOCX', 'DOC', 'XLSX', 'XLS', 'RTF', 'JPEG', 'JPG', 'PNG', 'GIF', 'SVG', 'MB', 'KB', 'GB', 'A', 'I',
]);
