/**
 * "Download .ckpt": a trainer's checkpoint as a file the browser saves.
 */
import { type CheckpointTarget, memoryIO } from '@mindts/checkpoint';

/**
 * Saves through `save` into memory and hands the bytes to the browser as the file `name`;
 * resolves to what the status line says.
 * @example
 * await downloadCheckpoint((io) => trainer.save(io), 'mindts-playground-step-40.ckpt');
 */
export async function downloadCheckpoint(save: (target: CheckpointTarget) => Promise<void>, name: string): Promise<string> {
  const io = memoryIO();
  await save(io);
  const url = URL.createObjectURL(new Blob([io.bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // The browser has taken the URL once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return `Downloaded ${name} (${io.bytes?.length} bytes, MindSpore .ckpt).`;
}
