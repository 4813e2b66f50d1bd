import type { PlaybookImportResult } from '../../../../../common/playbook';
import { call } from '../../../api/client';
import type { Format } from '../../../../../common/format';
import { plural } from '../../../lib/format';
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

export function importSummary(f: Format, r: PlaybookImportResult): string {
  if (r.added.length === 0 && r.updated.length === 0)
    return `Playbook imported: nothing changed (${plural(f, r.unchanged.length, 'template')} already up to date).`;
  return `Playbook imported: ${f.number(r.added.length)} added, ${f.number(r.updated.length)} updated, ${f.number(r.unchanged.length)} unchanged.`;
}
