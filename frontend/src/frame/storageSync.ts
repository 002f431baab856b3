// The widget's localStorage across runs. WebKit keeps a cross-origin frame's localStorage
// only for the run, so the frame restores what the app kept before the widget's script runs,
// and hands every change back to the app (Go keeps it in a file, within limits).

import type { Items } from "../shared/frameProtocol";

/** The storage's items, in key order (so that equal contents compare equal). */
export function snapshot(storage: Storage): Items {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key !== null) keys.push(key);
  }
  const items: Items = {};
  for (const key of keys.sort()) items[key] = storage.getItem(key) ?? "";
  return items;
}

/** Puts back what the app kept; a storage that refuses (full, disabled) keeps what it can. */
export function restore(storage: Storage, items: Items): void {
  for (const [key, value] of Object.entries(items)) {
    try {
      storage.setItem(key, value);
    } catch {
      return;
    }
  }
}

/**
 * Calls changed with the items whenever they change: soon after setItem, removeItem or clear,
 * and at the latest every pollMs (the widget may also assign localStorage.key = value, which
 * no method call announces). Returns a function that stops watching.
 */
export function watch(
  win: Window & { Storage: typeof Storage },
  storage: Storage,
  changed: (items: Items) => void,
  pollMs: number,
): () => void {
  let last = JSON.stringify(snapshot(storage));
  let scheduled = false;
  const check = () => {
    scheduled = false;
    const items = snapshot(storage);
    const now = JSON.stringify(items);
    if (now === last) return;
    last = now;
    changed(items);
  };
  const soon = () => {
    if (scheduled) return;
    scheduled = true;
    setTimeout(check, 0);
  };
  // On the prototype: assigning to the storage object itself would store an item instead.
  const proto = win.Storage.prototype;
  const originals = { setItem: proto.setItem, removeItem: proto.removeItem, clear: proto.clear };
  proto.setItem = function (this: Storage, key: string, value: string) {
    originals.setItem.call(this, key, value);
    if (this === storage) soon();
  };
  proto.removeItem = function (this: Storage, key: string) {
    originals.removeItem.call(this, key);
    if (this === storage) soon();
  };
  proto.clear = function (this: Storage) {
    originals.clear.call(this);
    if (this === storage) soon();
  };
  const timer = setInterval(check, pollMs);
  win.addEventListener("pagehide", check);
  return () => {
    Object.assign(proto, originals);
    clearInterval(timer);
    win.removeEventListener("pagehide", check);
  };
}
