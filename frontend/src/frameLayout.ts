// Where the widget's frame sits on the page. The frame is a separate document: wherever it
// lies, the page under it cannot be clicked, so it covers only what the widget shows: the round
// launcher when the chat is closed, the chat panel when it is open, and the whole window in the
// widget's narrow layout. Both are anchored bottom right, where the widget draws them.

export interface Size {
  width: number;
  height: number;
}

/** The launcher (60 px) and its 24 px margins, with room for the unread badge. */
export const LAUNCHER_AREA = 108;

/**
 * The open panel (about 385×600) and its margins. The frame is the widget's viewport, so it is
 * wider than the width at which the widget switches to its full-window layout.
 */
export const PANEL_AREA: Size = { width: 500, height: 680 };

/** At or below these the widget covers its whole viewport (its mobile layout). */
export const NARROW: Size = { width: 480, height: 520 };

export function frameSize(open: boolean, viewport: Size): Size {
  const fit = (s: Size): Size => ({ width: Math.min(s.width, viewport.width), height: Math.min(s.height, viewport.height) });
  if (!open) return fit({ width: LAUNCHER_AREA, height: LAUNCHER_AREA });
  // A window the panel does not fit beside the app: the widget takes all of it, as it would
  // take all of a phone's screen.
  if (viewport.width <= PANEL_AREA.width || viewport.height <= NARROW.height) return { ...viewport };
  return fit(PANEL_AREA);
}
