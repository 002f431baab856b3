// Package widgetstore keeps the widget's own browser storage for it, its visitor id among it.
// The widget runs in a frame of its own origin under the app's page, and WebKit treats such a
// frame's localStorage as a third party's, kept only for the run: without this, every start
// would be a new anonymous visitor to the support team. The frame hands its storage to the app,
// which keeps it in a file and hands it back before the widget's script runs at the next start.
package widgetstore

import (
	"fmt"

	"jedidesk-desktop/app/jsonfile"
)

// Limits on what the widget may keep: a widget needs a few ids and flags, and the file must
// not become a place to dump data.
const (
	MaxItems      = 100
	MaxKeyBytes   = 200
	MaxValueBytes = 16 << 10
	MaxTotalBytes = 256 << 10
)

// Storage is the widget's localStorage as the frame last reported it.
type Storage struct {
	Items map[string]string `json:"items"`
}

// Validate checks the limits; the error names what is over.
func (s Storage) Validate() error {
	if len(s.Items) > MaxItems {
		return fmt.Errorf("the widget's storage has %d items, more than %d", len(s.Items), MaxItems)
	}
	total := 0
	for k, v := range s.Items {
		switch {
		case k == "" || len(k) > MaxKeyBytes:
			return fmt.Errorf("the widget's storage has a key of %d bytes; keys are 1 to %d bytes", len(k), MaxKeyBytes)
		case len(v) > MaxValueBytes:
			return fmt.Errorf("the widget's storage item %.40q is %d bytes, more than %d", k, len(v), MaxValueBytes)
		}
		total += len(k) + len(v)
	}
	if total > MaxTotalBytes {
		return fmt.Errorf("the widget's storage holds %d bytes, more than %d", total, MaxTotalBytes)
	}
	return nil
}

// Equal reports whether s and o hold the same items.
func (s Storage) Equal(o Storage) bool {
	if len(s.Items) != len(o.Items) {
		return false
	}
	for k, v := range s.Items {
		if w, ok := o.Items[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// NewStore returns the store of the widget's storage at path.
func NewStore(path string) *jsonfile.Store[Storage] {
	return jsonfile.NewStore(path, normalize, clone)
}

func normalize(s Storage) Storage {
	if s.Items == nil {
		s.Items = map[string]string{}
	}
	return s
}

func clone(s Storage) Storage {
	items := make(map[string]string, len(s.Items))
	for k, v := range s.Items {
		items[k] = v
	}
	return Storage{Items: items}
}
