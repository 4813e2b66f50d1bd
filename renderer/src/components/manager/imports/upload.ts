import type { ImportEntityName, ImportMappingInput, ImportPresetChoice } from '@common/imports';
import { call } from '../../../api/client';

function toBase64(bytes: Uint8Array): string {
  let bin = '';
  // String.fromCharCode takes arguments, so the bytes go in slices well below the engine's argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/**
 * Sends the chosen file to the main process in order, one chunk per call (the main process refuses gaps and
 * repeats), then starts the import there. Only the chunk being sent is held in memory.
 */
export async function uploadAndStart(
  file: File,
  opts: {
    entity: ImportEntityName;
    dryRun: boolean;
    preset: ImportPresetChoice;
    mapping: ImportMappingInput | null;
    onSent(bytes: number): void;
  },
): Promise<string> {
  const { uploadId, chunkBytes } = await call('imports.begin', {
    entity: opts.entity,
    fileName: file.name,
    size: file.size,
  });
  for (let index = 0, at = 0; at < file.size; index++, at += chunkBytes) {
    const bytes = new Uint8Array(await file.slice(at, at + chunkBytes).arrayBuffer());
    await call('imports.chunk', { uploadId, index, base64: toBase64(bytes) });
    opts.onSent(Math.min(file.size, at + chunkBytes));
  }
  const { jobId } = await call('imports.start', {
    uploadId,
    dryRun: opts.dryRun,
    preset: opts.preset,
    ...(opts.mapping ? { mapping: opts.mapping } : {}),
  });
  return jobId;
}

/** A mapping file as the command line takes it; the main process checks the field names. */
export async function readMapping(file: File): Promise<ImportMappingInput> {
  let json: unknown;
  try {
    json = JSON.parse((await file.text()).replace(/^\uFEFF/, ''));
  } catch {
    throw new Error(`${file.name} is not valid JSON.`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new Error(`${file.name} is not a mapping: expected an object with "columns" and "defaults".`);
  return json as ImportMappingInput;
}
