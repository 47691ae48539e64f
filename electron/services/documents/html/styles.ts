/**
 * The HTML document's styles: GOV.UK typography in Arial (no web fonts: nothing is loaded),
 * text #0b0c0c on white, visible focus, tables that scroll rather than overflow on a phone, and
 * print rules. Contrast of every text colour here is at least 4.5:1.
 */
export const HTML_STYLES = [
  '',
  ':root { color-scheme: light; }',
  '* { box-sizing: border-box; }',
  'body { margin: 0; background: #fff; color: #0b0c0c; font-family: Arial, "Liberation Sans", Helvetica, sans-serif; ' +
    'font-size: 1.1875rem; line-height: 1.45; }',
  'main { max-width: 50rem; margin: 0 auto; padding: 1.5rem 1rem 4rem; }',
  'h1, h2, h3, h4 { line-height: 1.2; font-weight: 700; margin: 2.5rem 0 1rem; }',
  'h1 { font-size: 2.5rem; margin-top: 0.5rem; }',
  'h2 { font-size: 2rem; padding-top: 1rem; border-top: 1px solid #b1b4b6; }',
  'h3 { font-size: 1.5rem; }',
  'h4 { font-size: 1.1875rem; }',
  'p { margin: 0 0 1rem; }',
  '.department { font-size: 1.5rem; font-weight: 700; margin-bottom: 0.5rem; }',
  '.lead { font-size: 1.5rem; }',
  '.question { font-weight: 700; border-left: 5px solid #1d70b8; padding: 0.25rem 0 0.25rem 0.75rem; margin-top: ' +
    '1.75rem; }',
  'ul, ol { margin: 0 0 1rem; padding-left: 1.5rem; }',
  'li { margin-bottom: 0.4rem; }',
  'a { color: #1d70b8; text-decoration: underline; text-underline-offset: 0.15em; }',
  'a:visited { color: #4c2c92; }',
  'a:hover { color: #003078; text-decoration-thickness: 3px; }',
  'a:focus { outline: 3px solid transparent; color: #0b0c0c; background-color: #ffdd00; box-shadow: 0 -2px #ffdd00, ' +
    '0 4px #0b0c0c; text-decoration: none; }',
  '.skip-link { position: absolute; left: -9999px; top: 0; padding: 0.5rem 1rem; }',
  '.skip-link:focus { left: 0; }',
  '.contents ol { list-style: none; padding-left: 0; }',
  '.contents li { margin-bottom: 0.5rem; }',
  '.table-wrap { overflow-x: auto; margin: 0 0 1.5rem; }',
  'table { border-collapse: collapse; width: 100%; }',
  'th, td { text-align: left; vertical-align: top; border: 1px solid #b1b4b6; padding: 0.5rem 0.6rem; }',
  'thead th { background: #f3f2f1; }',
  'td p:last-child, th p:last-child, td ul:last-child, th ul:last-child { margin-bottom: 0; }',
  'img { max-width: 100%; height: auto; }',
  '@media print {',
  '  body { font-size: 12pt; }',
  '  main { max-width: none; padding: 0; }',
  '  h2 { break-before: page; border-top: 0; }',
  '  .contents + h2, h1 + h2 { break-before: auto; }',
  '  .skip-link { display: none; }',
  '}',
  '',
]
  .join('\n')
  .trim();
