import type { PlaybookImportResult } from '@common/playbook';
import { call } from '../../../api/client';
import { downloadText } from '../shared/download';

/** Downloads the whole playbook as a playbook file; returns the file name. */
export async function exportPlaybook(storeId: string, today: string): Promise<string> {
  const json = await call('playbook.export', {});
  const fileName = `playbook-${storeId}-${today}.json`;
  downloadText(fileName, json, 'application/json');
  return fileName;
}

export async function importPlaybookFile(file: File): Promise<PlaybookImportResult> {
  return call('playbook.import', { json: await file.text() });
}
