import fs from 'node:fs';
import path from 'node:path';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** The normal (not maximized) bounds; x/y absent means "centre it". */
  bounds: Partial<Pick<Rect, 'x' | 'y'>> & Pick<Rect, 'width' | 'height'>;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 820 };
export const MIN_SIZE = { width: 960, height: 600 };
/** How much of the window's top strip (its title bar) must be on a display to be grabbed: half of this. */
const GRAB = { width: 120, height: 40 };

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

/**
 * Where a remembered window may open on the displays there are now (work areas, i.e. without
 * the taskbar or the menu bar). A monitor unplugged since, a resolution lowered, or a file edited
 * by hand: the window shrinks to fit and moves onto the display holding most of it, and is
 * centred when its title bar would not be reachable on any display.
 */
export function clampToDisplays(saved: WindowState | undefined, workAreas: readonly Rect[]): WindowState {
  const largest = workAreas.reduce<Rect | undefined>(
    (a, b) => (!a || b.width * b.height > a.width * a.height ? b : a),
    undefined,
  );
  const fit = (v: unknown, min: number, def: number, max: number) =>
    Math.max(Math.min(min, max), Math.min(isCount(v) && v > 0 ? Math.round(v) : def, max));
  const width = fit(saved?.bounds.width, MIN_SIZE.width, DEFAULT_SIZE.width, largest?.width ?? Infinity);
  const height = fit(saved?.bounds.height, MIN_SIZE.height, DEFAULT_SIZE.height, largest?.height ?? Infinity);
  const maximized = saved?.maximized === true;
  const { x, y } = saved?.bounds ?? {};
  if (!isCount(x) || !isCount(y) || workAreas.length === 0) return { bounds: { width, height }, maximized };

  const titleBar = { x, y, width, height: GRAB.height };
  const reachable = workAreas.some((d) => overlap(titleBar, d) >= GRAB.width * GRAB.height * 0.5);
  if (!reachable) return { bounds: { width, height }, maximized };
  const rect = { x, y, width, height };
  const home = workAreas.reduce((a, b) => (overlap(rect, b) > overlap(rect, a) ? b : a));
  const within = (v: number, lo: number, size: number, span: number) =>
    Math.round(Math.min(Math.max(v, lo), lo + span - size));
  return {
    bounds: {
      x: within(x, home.x, width, home.width),
      y: within(y, home.y, height, home.height),
      width,
      height,
    },
    maximized,
  };
}

/** The window's state in `<userData>/window-state.json`, written whole (temp file, then rename). */
export class WindowStateFile {
  constructor(private readonly file: string) {}

  static in(dir: string): WindowStateFile {
    return new WindowStateFile(path.join(dir, 'window-state.json'));
  }

  read(): WindowState | undefined {
    try {
      const v = JSON.parse(fs.readFileSync(this.file, 'utf8')) as WindowState;
      return v && typeof v === 'object' && v.bounds && typeof v.bounds === 'object' ? v : undefined;
    } catch {
      // Absent or damaged: the window opens at its default size, and the next move rewrites it.
      return undefined;
    }
  }

  write(state: WindowState): void {
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(tmp, JSON.stringify(state), { mode: 0o600 });
      fs.renameSync(tmp, this.file);
    } catch (e) {
      // Losing the window's position is not worth a crash (a full disk, a read-only folder).
      console.warn(`[window] could not remember the window's position: ${(e as Error).message}`);
    }
  }
}
