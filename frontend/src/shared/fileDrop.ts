// Files dropped on the window. Where no page takes a dropped file, WebKit opens it in place of
// the app (the navigation guard stops that, and the file is lost). People expect what a chat in
// a browser tab does: a file dropped on the chat is attached to the message. So the widget's
// frame hands a dropped file to the widget's own attachment input (its paperclip's), as if it
// had been chosen in the file dialog, unless the widget took the drop itself; the app's page
// takes drops only to keep them from opening.

/** Where dropped files go; false: nowhere (the drop is only kept from opening the file). */
export type Attach = (files: FileList) => boolean;

// WebKitGTK lists a file from a file manager as "text/uri-list" while it is dragged, and as
// "Files" only once dropped. A dropped link would lead the window away just the same.
const carriesFiles = (e: DragEvent) => ["Files", "text/uri-list"].some((type) => e.dataTransfer?.types.includes(type));

export function acceptDrops(win: Window, attach: Attach): void {
  win.addEventListener("dragover", (e) => {
    // A widget with a drop zone of its own has answered already.
    if (!carriesFiles(e) || e.defaultPrevented) return;
    e.preventDefault();
  });
  win.addEventListener("drop", (e) => {
    if (!carriesFiles(e) || e.defaultPrevented) return;
    e.preventDefault();
    const files = e.dataTransfer?.files;
    if (files && files.length > 0) attach(files);
  });
}

/**
 * Attaches files with the document's file input, as the file dialog would: the input's files
 * and then its input and change events, which the widget listens to.
 */
export function attachWithInput(doc: Document): Attach {
  return (files) => {
    const input = doc.querySelector<HTMLInputElement>('input[type="file"]:not([disabled])');
    if (!input) return false;
    input.files = input.multiple || files.length === 1 ? files : firstOf(doc, files);
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
    return true;
  };
}

function firstOf(doc: Document, files: FileList): FileList {
  const one = new (doc.defaultView as Window & typeof globalThis).DataTransfer();
  one.items.add(files[0]);
  return one.files;
}
