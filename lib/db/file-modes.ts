// Herald's files hold password hashes, recipients' personal data, mail bodies and the keys that
// open stored secrets: only the account Herald runs as may read them. The data
// folder is 0700, the SQLite database and its -wal / -shm / -journal companions 0600 — on a new
// install and, tightened at start, on an existing one. (SQLite creates its companions with the
// database file's mode, so a 0600 database gets 0600 companions.) No server imports: the migrator
// and the CLI use it too.
import fs from "node:fs";

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** chmod when the mode is wider; a folder or file Herald does not own is left alone (EPERM). */
function tighten(p: string, mode: number): void {
  try {
    const st = fs.statSync(p);
    if ((st.mode & 0o777) !== mode) fs.chmodSync(p, mode);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "ENOENT" && code !== "EPERM") throw e;
  }
}

/** Creates the folder (and missing parents) 0700, or tightens an existing one to 0700. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  tighten(dir, PRIVATE_DIR_MODE);
}

/** Creates the SQLite file 0600 before SQLite opens it (SQLite would use the umask, often 0644),
 * and tightens an existing file and its companions. */
export function ensurePrivateSqliteFiles(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, fs.constants.O_CREAT | fs.constants.O_WRONLY, PRIVATE_FILE_MODE));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) tighten(f, PRIVATE_FILE_MODE);
}
