/**
 * The one guarded way the CLI reads a file it was given: scenario and catalog files, steps
 * files (`run --steps`) and exports (`import`). Only regular files are read, and never more
 * than a size limit: a device (`/dev/zero`) would be read without end, a FIFO would block
 * forever, a socket cannot be read at all. The file is opened without blocking and checked on
 * the open descriptor (not by name, which could change in between), then read to at most the
 * limit plus one byte, so a file that grows while it is read is still caught.
 *
 * No core import here: scenario-paths.ts (which the menu loads before the validator) uses it.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import type { MessageCode } from '../core/format/messages.js';

/** What a path is on disk, in the words a trainer reads. */
export type FileKind = 'file' | 'folder' | 'fifo' | 'socket' | 'character-device' | 'block-device' | 'other';

export function kindOf(st: Stats): FileKind {
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'folder';
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice()) return 'character-device';
  if (st.isBlockDevice()) return 'block-device';
  return 'other';
}

export type ReadFailure =
  | { readonly reason: 'not-found' | 'permission' }
  | { readonly reason: 'folder' }
  | { readonly reason: 'not-regular'; readonly kind: FileKind }
  | { readonly reason: 'too-large'; readonly bytes: number; readonly limit: number }
  | { readonly reason: 'io'; readonly code: string };

export type ReadBytes =
  | { readonly ok: true; readonly bytes: Buffer }
  | { readonly ok: false; readonly failure: ReadFailure };

export interface ReadOptions {
  /**
   * Also read pipes (`--steps <(…)`, a FIFO being written to), to the same limit. A pipe that
   * nobody writes to reads as empty at once; one that stays silent longer than
   * PIPE_SILENCE_MS is given up on. Devices and sockets are refused all the same.
   */
  readonly pipes?: boolean;
}

/** A steps file (`run --steps`) is a list of choices: a scenario file's limit is plenty. */
export const MAX_STEPS_BYTES = 2 * 1024 * 1024;

/** An export to import (`roleplay import`): a team's sessions, but not without end. */
export const MAX_IMPORT_BYTES = 128 * 1024 * 1024;

/** How long a pipe may stay silent before reading it is given up (a writer that never writes). */
export const PIPE_SILENCE_MS = 10_000;

/** The bytes of a regular file of at most `limit` bytes, or why they cannot be had. */
export function readRegularFile(path: string, limit: number, options: ReadOptions = {}): ReadBytes {
  const fail = (failure: ReadFailure): ReadBytes => ({ ok: false, failure });
  // A socket cannot even be opened (ENXIO): say what it is rather than an error code.
  try {
    const kind = kindOf(statSync(path));
    if (kind === 'socket') return fail({ reason: 'not-regular', kind });
  } catch (e) {
    return fail(failureOf(e));
  }
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return fail(failureOf(e));
  }
  try {
    const st = fstatSync(fd);
    const kind = kindOf(st);
    if (kind === 'folder') return fail({ reason: 'folder' });
    if (kind === 'fifo' && options.pipes) return readUpTo(fd, limit, 0);
    if (kind !== 'file') return fail({ reason: 'not-regular', kind });
    if (st.size > limit) return fail({ reason: 'too-large', bytes: st.size, limit });
    return readUpTo(fd, limit, st.size);
  } catch (e) {
    return fail(failureOf(e));
  } finally {
    closeSync(fd);
  }
}

/** Reads to the end, refusing past `limit` bytes (a file may grow, or report size 0 like /proc). */
function readUpTo(fd: number, limit: number, sizeHint: number): ReadBytes {
  let buffer = Buffer.allocUnsafe(Math.min(limit, Math.max(sizeHint, 4096)) + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.min(limit + 1, buffer.length * 2));
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const n = readWaiting(fd, buffer, length);
    if (n === 'silent')
      return { ok: false, failure: { reason: 'io', code: `no data for ${PIPE_SILENCE_MS / 1000} s` } };
    if (n === 0) break;
    length += n;
    if (length > limit) return { ok: false, failure: { reason: 'too-large', bytes: length, limit } };
  }
  return { ok: true, bytes: buffer.subarray(0, length) };
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** readSync that waits (briefly, without spinning) while a pipe opened without blocking has nothing yet. */
function readWaiting(fd: number, buffer: Buffer, at: number): number | 'silent' {
  const deadline = Date.now() + PIPE_SILENCE_MS;
  for (;;) {
    try {
      return readSync(fd, buffer, at, buffer.length - at, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN' || Date.now() > deadline) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') return 'silent';
        throw e;
      }
      Atomics.wait(pause, 0, 0, 10);
    }
  }
}

function failureOf(e: unknown): ReadFailure {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { reason: 'not-found' };
  if (code === 'EACCES' || code === 'EPERM') return { reason: 'permission' };
  if (code === 'EISDIR') return { reason: 'folder' };
  return { reason: 'io', code: code ?? String((e as Error)?.message ?? e).split('\n')[0]! };
}

const KIND_NAMES: Readonly<Record<FileKind, { zh: string; en: string }>> = {
  file: { zh: '普通文件', en: 'a regular file' },
  folder: { zh: '文件夹', en: 'a folder' },
  fifo: { zh: '命名管道（FIFO）', en: 'a named pipe (FIFO)' },
  socket: { zh: '套接字（socket）', en: 'a socket' },
  'character-device': { zh: '字符设备', en: 'a character device' },
  'block-device': { zh: '块设备', en: 'a block device' },
  other: { zh: '特殊文件', en: 'a special file' },
};

export function kindName(kind: FileKind): { zh: string; en: string } {
  return KIND_NAMES[kind];
}

/** Megabytes as a trainer reads them: "2", "0.5", "51.3". */
export const mb = (bytes: number): string => {
  const m = bytes / 1024 / 1024;
  return Number.isInteger(m) ? String(m) : m.toFixed(1);
};

export function notRegularText(kind: FileKind, pipes = false): { zh: string; en: string } {
  const k = kindName(kind);
  return pipes
    ? {
        zh: `这是${k.zh}，不是普通文件；只读取普通文件和管道`,
        en: `this is ${k.en}, not a regular file; only regular files and pipes are read`,
      }
    : {
        zh: `这是${k.zh}，不是普通文件；只读取普通文件`,
        en: `this is ${k.en}, not a regular file; only regular files are read`,
      };
}

/** Scanning a folder passes over such an entry, and says so (a warning). */
export function skippedText(kind: FileKind): { zh: string; en: string } {
  const k = kindName(kind);
  return {
    zh: `这是${k.zh}，不是普通文件；检查文件夹时跳过了它`,
    en: `this is ${k.en}, not a regular file; skipped while scanning the folder`,
  };
}

/**
 * Why a file could not be read, in both languages; `what` names the kind of file expected
 * ("a scenario file", "an export") for the size message.
 */
export function failureText(
  f: ReadFailure,
  what: { zh: string; en: string },
  options: ReadOptions = {},
): { zh: string; en: string } {
  switch (f.reason) {
    case 'not-found':
      return { zh: '没有这个文件', en: 'no such file' };
    case 'permission':
      return { zh: '没有权限：无法读取这个文件', en: 'permission denied: the file cannot be read' };
    case 'folder':
      return { zh: `这是一个文件夹，不是${what.zh}`, en: `this is a folder, not ${what.en}` };
    case 'not-regular':
      return notRegularText(f.kind, options.pipes);
    case 'too-large':
      return {
        zh: `文件有 ${mb(f.bytes)} MB；${what.zh}最大 ${mb(f.limit)} MB——是不是选错了文件？`,
        en: `the file is ${mb(f.bytes)} MB; ${what.en} may be at most ${mb(f.limit)} MB — is this the right file?`,
      };
    case 'io':
      return { zh: `无法读取（${f.code}）`, en: `cannot be read (${f.code})` };
  }
}

/** The message code of a failure, for `lint --format json` and tools. */
export function failureCode(f: ReadFailure): MessageCode {
  if (f.reason === 'folder') return 'is-directory';
  if (f.reason === 'not-regular') return 'not-regular-file';
  if (f.reason === 'too-large') return 'file-too-large';
  return 'unreadable';
}

/**
 * YAML reads a lone CR as a line break (as old Mac editors wrote them), but several tools
 * here split on LF only. One CR for one LF keeps every offset, so positions stay right.
 */
export function loneCrToLf(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** A text file (UTF-8) read with the guard above, lone CRs made LFs. */
export function readTextFile(
  path: string,
  limit: number,
  options: ReadOptions = {},
): { readonly ok: true; readonly text: string } | { readonly ok: false; readonly failure: ReadFailure } {
  const read = readRegularFile(path, limit, options);
  if (!read.ok) return read;
  return { ok: true, text: loneCrToLf(read.bytes.toString('utf8')) };
}

/** A folder entry that scanning skips: anything but a regular file or a folder. */
export function specialKindOf(path: string): FileKind | undefined {
  try {
    const kind = kindOf(statSync(path));
    return kind === 'file' || kind === 'folder' ? undefined : kind;
  } catch {
    return undefined; // a dangling link: reading it reports it
  }
}
