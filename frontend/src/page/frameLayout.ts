// Where the widget's frame sits on the page, and how much of the page it takes. The frame is a
// separate document: wherever it lies, the page under it cannot be clicked, so it covers only
// what the widget shows, and the page keeps its own things out from under it (it is given
// `reserve`, the width the frame takes at the right). The widget lays itself out by the frame's
// size, as it would by a browser window's: a floating panel where the frame is big enough, its
// full-window (mobile) layout where it is narrow. So the frame is sized for the layout wanted:
//
// - closed: the round launcher's corner;
// - "panel": a window with room for the floating panel beside the app: the panel's area,
//   bottom right, below the app's bar;
// - "docked": room beside the app, but too short for the panel: a column at the right, narrower
//   than the widget's breakpoint, so the widget fills it with its full-window layout;
// - "full": no room beside the app: the widget takes the window below the app's bar (never
//   wider than the breakpoint, so it is the full-window layout whatever the window's width).

export interface Size {
  width: number;
  height: number;
}

export interface Box extends Size {
  x: number;
  y: number;
}

export type Mode = "launcher" | "panel" | "docked" | "full";

export interface Layout {
  mode: Mode;
  /** The frame's box in the page's viewport. */
  frame: Box;
  /** How much of the page's width, from the right, the page must leave to the frame. */
  reserve: number;
}

/** The launcher (60 px) and its 24 px margins, with room for the unread badge. */
export const LAUNCHER_AREA = 108;

/** The open panel (about 385×600) and its 24 px margins, wider than the widget's breakpoint. */
export const PANEL_AREA: Size = { width: 500, height: 680 };

/**
 * The least height the floating panel needs: 600, its 24 px bottom margin, and 8 px at the
 * top (the margin there may shrink: it is what keeps the panel floating in a window whose bar
 * takes two lines).
 */
export const PANEL_MIN_HEIGHT = 632;

/**
 * The widget switches to its full-window layout in a viewport at most this wide (the real one
 * at about 480 px).
 */
export const BREAKPOINT = 480;

/** A docked chat column: the panel's width, well below the breakpoint. */
export const DOCK_WIDTH = 400;

/** The least width the app's own page needs beside the chat. */
export const PAGE_MIN_WIDTH = 320;

/**
 * The frame's layout in a viewport whose top `top` pixels are the app's bar (which stays
 * reachable in every layout).
 */
export function frameLayout(open: boolean, viewport: Size, top: number): Layout {
  const below = { width: viewport.width, height: Math.max(0, viewport.height - top) };
  const atBottomRight = (width: number, height: number): Box => {
    const w = Math.min(width, below.width);
    const h = Math.min(height, below.height);
    return { x: viewport.width - w, y: viewport.height - h, width: w, height: h };
  };
  if (!open) return { mode: "launcher", frame: atBottomRight(LAUNCHER_AREA, LAUNCHER_AREA), reserve: 0 };
  if (below.width >= PANEL_AREA.width + PAGE_MIN_WIDTH && below.height >= PANEL_MIN_HEIGHT) {
    return { mode: "panel", frame: atBottomRight(PANEL_AREA.width, PANEL_AREA.height), reserve: PANEL_AREA.width };
  }
  if (below.width >= DOCK_WIDTH + PAGE_MIN_WIDTH) {
    return { mode: "docked", frame: atBottomRight(DOCK_WIDTH, below.height), reserve: DOCK_WIDTH };
  }
  return { mode: "full", frame: atBottomRight(Math.min(BREAKPOINT, below.width), below.height), reserve: viewport.width };
}
