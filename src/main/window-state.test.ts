import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/temp-dir';
import { clampToDisplays, DEFAULT_SIZE, WindowStateFile } from './window-state';

const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const external = { x: 1440, y: -200, width: 2560, height: 1400 };

describe('window position', () => {
  it('opens at the default size, centred, the first time', () => {
    expect(clampToDisplays(undefined, [laptop])).toEqual({ bounds: DEFAULT_SIZE, maximized: false });
  });

  it('reopens where it was when that display is still there', () => {
    const saved = { bounds: { x: 1600, y: 0, width: 1400, height: 900 }, maximized: true };
    expect(clampToDisplays(saved, [laptop, external])).toEqual(saved);
  });

  it('centres on a display there is when the one it was on is unplugged', () => {
    const saved = { bounds: { x: 1600, y: 0, width: 1400, height: 900 }, maximized: false };
    expect(clampToDisplays(saved, [laptop])).toEqual({
      bounds: { width: 1400, height: 875 },
      maximized: false,
    });
  });

  it('pulls a window hanging off the edge back inside its display', () => {
    const saved = { bounds: { x: 1000, y: 600, width: 1200, height: 800 }, maximized: false };
    expect(clampToDisplays(saved, [laptop]).bounds).toEqual({ x: 240, y: 75, width: 1200, height: 800 });
  });

  it('centres a window whose title bar is above every display', () => {
    const saved = { bounds: { x: 100, y: -600, width: 1200, height: 800 }, maximized: false };
    expect(clampToDisplays(saved, [laptop]).bounds).toEqual({ width: 1200, height: 800 });
  });

  it('shrinks to the largest display, and never below the minimum that fits', () => {
    const small = { x: 0, y: 0, width: 1024, height: 700 };
    const huge = { bounds: { x: 0, y: 0, width: 5000, height: 3000 }, maximized: false };
    expect(clampToDisplays(huge, [small]).bounds).toEqual({ x: 0, y: 0, width: 1024, height: 700 });
    const tiny = { bounds: { x: 0, y: 0, width: 10, height: 10 }, maximized: false };
    expect(clampToDisplays(tiny, [small]).bounds).toMatchObject({ width: 960, height: 600 });
  });

  it('ignores nonsense from a hand-edited file', () => {
    const bad = { bounds: { x: 'a', y: null, width: -5, height: 'big' }, maximized: 'yes' } as never;
    expect(clampToDisplays(bad, [laptop])).toEqual({
      bounds: { width: DEFAULT_SIZE.width, height: 820 },
      maximized: false,
    });
  });

  it('remembers through a file, and a damaged file is no state', () => {
    const dir = tempDir();
    const f = WindowStateFile.in(dir);
    expect(f.read()).toBeUndefined();
    const s = { bounds: { x: 10, y: 20, width: 1300, height: 900 }, maximized: false };
    f.write(s);
    expect(f.read()).toEqual(s);
    expect(fs.readdirSync(dir)).toEqual(['window-state.json']);
    fs.writeFileSync(path.join(dir, 'window-state.json'), '{"bounds": ');
    expect(f.read()).toBeUndefined();
  });
});
