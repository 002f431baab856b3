import { describe, expect, it } from "vitest";
import { BREAKPOINT, DOCK_WIDTH, frameLayout, LAUNCHER_AREA, type Layout, PANEL_AREA } from "./frameLayout";

const BAR = 50;

describe("frameLayout", () => {
  it.each<[string, boolean, { width: number; height: number }, Layout]>([
    ["closed: just the launcher, bottom right", false, { width: 1100, height: 735 },
      { mode: "launcher", frame: { x: 1100 - LAUNCHER_AREA, y: 735 - LAUNCHER_AREA, width: LAUNCHER_AREA, height: LAUNCHER_AREA }, reserve: 0 }],
    ["open with room beside the app: the floating panel's area", true, { width: 1100, height: 735 },
      { mode: "panel", frame: { x: 600, y: 735 - PANEL_AREA.height, ...PANEL_AREA }, reserve: PANEL_AREA.width }],
    ["open at full HD: the same panel's area", true, { width: 1920, height: 1055 },
      { mode: "panel", frame: { x: 1420, y: 1055 - PANEL_AREA.height, ...PANEL_AREA }, reserve: PANEL_AREA.width }],
    ["open just tall enough for the panel: no higher than the bar", true, { width: 1100, height: 700 },
      { mode: "panel", frame: { x: 600, y: BAR, width: PANEL_AREA.width, height: 650 }, reserve: PANEL_AREA.width }],
    ["open with a little room above the panel: still the panel", true, { width: 1100, height: 682 },
      { mode: "panel", frame: { x: 600, y: BAR, width: PANEL_AREA.width, height: 632 }, reserve: PANEL_AREA.width }],
    ["open a pixel too short for the panel: a column", true, { width: 1100, height: 681 },
      { mode: "docked", frame: { x: 1100 - DOCK_WIDTH, y: BAR, width: DOCK_WIDTH, height: 631 }, reserve: DOCK_WIDTH }],
    ["open too short for the panel: a column below the bar", true, { width: 800, height: 575 },
      { mode: "docked", frame: { x: 800 - DOCK_WIDTH, y: BAR, width: DOCK_WIDTH, height: 525 }, reserve: DOCK_WIDTH }],
    ["open too narrow for the panel beside the app: a column", true, { width: 760, height: 1000 },
      { mode: "docked", frame: { x: 360, y: BAR, width: DOCK_WIDTH, height: 950 }, reserve: DOCK_WIDTH }],
    ["open at the minimum size: the window below the bar", true, { width: 420, height: 615 },
      { mode: "full", frame: { x: 0, y: BAR, width: 420, height: 565 }, reserve: 420 }],
    ["open with no room beside the app but wider than the breakpoint: still the full-window layout", true, { width: 700, height: 615 },
      { mode: "full", frame: { x: 700 - BREAKPOINT, y: BAR, width: BREAKPOINT, height: 565 }, reserve: 700 }],
    ["closed in a tiny window: no larger than it", false, { width: 80, height: 90 },
      { mode: "launcher", frame: { x: 0, y: BAR, width: 80, height: 40 }, reserve: 0 }],
  ])("%s", (_label, open, viewport, want) => {
    expect(frameLayout(open, viewport, BAR)).toEqual(want);
  });

  it.each([
    [420, 615], [800, 575], [1280, 775], [1920, 1055], [640, 480], [1000, 640], [2560, 1400],
  ])("open at %i×%i: the frame lies inside the viewport below the bar, and the page's part beside it", (width, height) => {
    const { frame, reserve } = frameLayout(true, { width, height }, BAR);
    expect(frame.x).toBeGreaterThanOrEqual(0);
    expect(frame.y).toBeGreaterThanOrEqual(BAR);
    expect(frame.x + frame.width).toBe(width);
    expect(frame.y + frame.height).toBe(height);
    expect(width - reserve).toBeLessThanOrEqual(frame.x);
  });
});
