import { describe, expect, it } from "vitest";
import { frameSize, LAUNCHER_AREA, PANEL_AREA } from "./frameLayout";

describe("frameSize", () => {
  it.each([
    ["closed: just the launcher", false, { width: 1100, height: 760 }, { width: LAUNCHER_AREA, height: LAUNCHER_AREA }],
    ["open: the panel's area", true, { width: 1100, height: 760 }, PANEL_AREA],
    ["open in a short window: no taller than it", true, { width: 1100, height: 600 }, { width: PANEL_AREA.width, height: 600 }],
    ["open just wider than the panel: the panel", true, { width: 501, height: 760 }, { width: 500, height: PANEL_AREA.height }],
    ["open no wider than the panel: the whole window", true, { width: 480, height: 760 }, { width: 480, height: 760 }],
    ["open at the minimum size: the whole window", true, { width: 420, height: 640 }, { width: 420, height: 640 }],
    ["open in a very short window: the whole window", true, { width: 1100, height: 500 }, { width: 1100, height: 500 }],
    ["closed in a tiny window: no larger than it", false, { width: 80, height: 90 }, { width: 80, height: 90 }],
  ])("%s", (_label, open, viewport, want) => {
    expect(frameSize(open, viewport)).toEqual(want);
  });
});
