import { test, expect } from '@playwright/test';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { startHost, type HostProcess } from '../harness/host';
import { expectNoAxeViolations } from '../harness/axe';
import { validateOoxml } from '../harness/ooxml';
import { AppPage } from './pages/app-page';

let host: HostProcess;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

test('export the consultation document and the Excel response form from the Outputs page', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(host.url);
  await page.getByRole('button', { name: 'New consultation' }).click();
  await page.getByLabel('Title of the consultation').fill('One online place for NHS information and services');
  await page.getByLabel('The filled-in example').check();
  await expect(page.getByLabel('Where to save it')).toHaveValue(
    /one-online-place-for-nhs-information-and-services\.consult$/,
  );
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await app.expectSaved();
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Outputs' }).click();
  await expect(app.heading()).toHaveText('Outputs');
  await expectNoAxeViolations(page, 'outputs');

  const doc = page.getByRole('region', { name: 'Consultation document (Word)' });
  await expect(doc).toContainText('warnings'); // the example has warnings but no errors
  const path = await doc.getByLabel('Save to').inputValue();
  expect(path).toMatch(/one-online-place-for-nhs-information-and-services-consultation\.docx$/);
  await doc.getByRole('button', { name: /^Export consultation document/ }).click();
  await expect(doc.getByRole('status')).toContainText('Saved to');
  expect(existsSync(path)).toBe(true);
  expect((await validateOoxml(path)).ok).toBe(true);

  // Exporting again to the same file asks first.
  await doc.getByRole('button', { name: /^Export consultation document/ }).click();
  await expect(doc.getByRole('alert')).toContainText('There is already a file at');
  await expect(doc.getByRole('alert')).toContainText('(the last export). Replace it?');
  await doc.getByRole('button', { name: 'Replace it' }).click();
  await expect(doc.getByRole('status')).toContainText('Saved to');

  // Browse: a new folder, then saved into it under the suggested name.
  await doc.getByRole('button', { name: /^Browse/ }).click();
  const chooser = doc.getByRole('region', { name: 'Choose where to save it' });
  await expect(chooser).toContainText(`Looking in ${host.docsDir}`);
  await expect(chooser.getByRole('button', { name: /one-online-place.*consultation\.docx/ })).toBeVisible();
  await expectNoAxeViolations(page, 'outputs: choosing where to save');
  await chooser.getByRole('button', { name: 'New folder' }).click();
  await chooser.getByLabel('Name of the new folder').fill('Published');
  await chooser.getByRole('button', { name: 'Make the folder' }).click();
  await expect(chooser).toContainText(`Looking in ${join(host.docsDir, 'Published')}`);
  await chooser.getByRole('button', { name: 'Save here' }).click();
  const moved = join(host.docsDir, 'Published', basename(path));
  await expect(doc.getByLabel('Save to')).toHaveValue(moved);
  await doc.getByRole('button', { name: /^Export consultation document/ }).click();
  await expect(doc.getByRole('status')).toContainText('Saved to');
  expect(existsSync(moved)).toBe(true);

  const form = page.getByRole('region', { name: 'Response form (Excel)' });
  await form.getByRole('button', { name: /^Export response form/ }).click();
  await expect(form.getByRole('status')).toContainText('Saved to');

  const log = page.getByRole('table', { name: /Every file written from this workspace/ });
  await expect(log.getByRole('row')).toHaveCount(5);
  await expect(log).toContainText('Consultation document (Word)');
  await expectNoAxeViolations(page, 'outputs after export');
});
