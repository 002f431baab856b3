package profile

import "jedidesk-desktop/app/jsonfile"

// Store owns the current profile and its file. It is safe for concurrent use;
// saves are serialized. It wraps jsonfile.Store so that the profile's contract
// (what Load and Save promise) is documented beside the Profile type.
type Store struct {
	file *jsonfile.Store[Profile]
}

// NewStore returns a store for the profile file at path, holding an empty
// profile until Load or Save.
func NewStore(path string) *Store {
	return &Store{file: jsonfile.NewStore(path, Profile.Normalized, Profile.clone)}
}

// Path returns the profile file's path.
func (s *Store) Path() string { return s.file.Path() }

// Current returns a deep copy of the current profile.
func (s *Store) Current() Profile { return s.file.Current() }

// Load reads the profile file. A missing file gives an empty profile and no
// error. A corrupt or invalid file is kept aside, Current becomes empty and
// the *jsonfile.CorruptError is returned. If the file cannot be read, the
// error is returned, Current is empty, nothing is touched, and Save refuses
// until a Load succeeds, so a file that was never read is never overwritten.
func (s *Store) Load() error { return s.file.Load() }

// Save normalizes and validates p. If p is invalid it returns the
// validation.Errors and writes nothing; otherwise it writes the file
// atomically, makes p current and returns the normalized profile.
func (s *Store) Save(p Profile) (Profile, error) { return s.file.Save(p) }
