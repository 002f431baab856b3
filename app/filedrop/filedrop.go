// Package filedrop reads the files the user dropped on the window, for the widget's attachment
// input. WebKitGTK tells the page about a file dragged from a file manager only as its address,
// never as a file the page can read, so the app takes the drop from the native side (Wails'
// file drop: the paths GTK handed over) and gives the page the files' contents. Only what the
// user dropped is read, and only as much as a chat attachment can be.
package filedrop

import (
	"fmt"
	"io"
	"mime"
	"os"
	"path/filepath"
)

const (
	// MaxFiles and MaxBytes bound one drop: a chat attachment is a photo or a document, and
	// the contents cross into the page as an event.
	MaxFiles = 10
	MaxBytes = 25 << 20
)

// File is one dropped file.
type File struct {
	Name string `json:"name"`
	// Type is the MIME type by the name's extension, "" if unknown.
	Type string `json:"type"`
	// Data is the contents (base64 in JSON).
	Data []byte `json:"data"`
}

// ErrTooMuch is returned for a drop beyond MaxFiles or MaxBytes.
var ErrTooMuch = fmt.Errorf("at most %d files and %d MiB can be attached at once", MaxFiles, MaxBytes>>20)

// Read reads the regular files among paths (folders and anything else are skipped).
func Read(paths []string) ([]File, error) {
	var files []File
	total := 0
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		if len(files) == MaxFiles || total+int(info.Size()) > MaxBytes {
			return nil, ErrTooMuch
		}
		data, err := readAtMost(p, MaxBytes-total)
		if err != nil {
			return nil, err
		}
		total += len(data)
		files = append(files, File{Name: filepath.Base(p), Type: mime.TypeByExtension(filepath.Ext(p)), Data: data})
	}
	return files, nil
}

// readAtMost reads the file, refusing one that grew past limit since it was looked at.
func readAtMost(path string, limit int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, int64(limit)+1))
	if err != nil {
		return nil, err
	}
	if len(data) > limit {
		return nil, ErrTooMuch
	}
	return data, nil
}
