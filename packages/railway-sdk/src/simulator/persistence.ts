/**
 * Keeps a simulator's state in a JSON file so a development stack restarted later still has the
 * Railway projects its database refers to. Writes are debounced (a clone is a burst of mutations)
 * and atomic (temp file + rename), so a crash mid-write leaves the previous snapshot intact.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface StatePersistence {
  /** Something changed: write within `debounceMs`. */
  changed(): void;
  /** Writes now if anything changed since the last write (on close). */
  flush(): void;
  /** Stops pending writes without writing. */
  cancel(): void;
}

/** The parsed snapshot in `file`, or undefined when there is none yet. */
export function readStateFile(file: string): unknown {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    throw new Error(
      `Simulator state ${file} is unreadable (${(error as Error).message}); delete it to start afresh`,
    );
  }
}

export function writeStateFile(file: string, snapshot: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(snapshot));
  renameSync(temp, file);
}

export function createStatePersistence(options: {
  file: string;
  snapshot: () => unknown;
  debounceMs: number;
}): StatePersistence {
  let timer: NodeJS.Timeout | undefined;
  let dirty = false;
  const write = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!dirty) return;
    dirty = false;
    writeStateFile(options.file, options.snapshot());
  };
  return {
    changed() {
      dirty = true;
      timer ??= setTimeout(() => {
        try {
          write();
        } catch (error) {
          // A full disk must not take the simulator down; the next change or close retries.
          dirty = true;
          process.emitWarning(`Simulator state not saved: ${(error as Error).message}`);
        }
      }, options.debounceMs);
    },
    flush: write,
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      dirty = false;
    },
  };
}
