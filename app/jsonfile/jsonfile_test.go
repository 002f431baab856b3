package jsonfile_test

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/jsonfile"
	"jedidesk-desktop/app/validation"
)

// sample is a small Validator standing in for the real profile and settings.
type sample struct {
	Name  string   `json:"name"`
	Count int      `json:"count"`
	Tags  []string `json:"tags,omitempty"`
}

func (s sample) Validate() error {
	var errs validation.Errors
	if s.Count < 0 {
		errs.Add("count", validation.CodeMustBePositive, "count: use zero or more")
	}
	return errs.Err()
}

func mode(t *testing.T, path string) fs.FileMode {
	t.Helper()
	info, err := os.Stat(path)
	require.NoError(t, err)
	return info.Mode().Perm()
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = e.Name()
	}
	return out
}

func TestWriteCreatesPrivateDirsAndFileWithIndentedJSON(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, "new", "sub", "profile.json")

	require.NoError(t, jsonfile.Write(path, sample{Name: "Ann", Count: 2}))

	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "{\n  \"name\": \"Ann\",\n  \"count\": 2\n}\n", string(data))
	assert.Equal(t, fs.FileMode(0o600), mode(t, path))
	assert.Equal(t, fs.FileMode(0o700), mode(t, filepath.Join(root, "new")))
	assert.Equal(t, fs.FileMode(0o700), mode(t, filepath.Join(root, "new", "sub")))
	assert.Equal(t, []string{"profile.json"}, names(t, filepath.Join(root, "new", "sub")), "no temp file may be left behind")
}

func TestWriteOverExistingFileLeavesMode0600(t *testing.T) {
	tests := []struct {
		name    string
		oldMode fs.FileMode
	}{
		{"file written by us", 0o600},
		{"file made world-readable by hand", 0o644},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "settings.json")
			require.NoError(t, os.WriteFile(path, []byte("{}\n"), tt.oldMode))
			require.NoError(t, os.Chmod(path, tt.oldMode))

			require.NoError(t, jsonfile.Write(path, sample{Name: "new"}))

			assert.Equal(t, fs.FileMode(0o600), mode(t, path))
			var got sample
			require.NoError(t, jsonfile.Read(path, &got))
			assert.Equal(t, sample{Name: "new"}, got)
		})
	}
}

func TestFailedWriteLeavesOldContentAndNoTempFiles(t *testing.T) {
	old := []byte("{\n  \"name\": \"old\",\n  \"count\": 1\n}\n")
	tests := []struct {
		name string
		// setup prepares dir and returns the path to write and the file whose bytes must survive.
		setup  func(t *testing.T, dir string) (path, keep string)
		value  any
		asRoot bool // whether the case still fails when the test runs as root
	}{
		{
			name: "value cannot be marshalled",
			setup: func(t *testing.T, dir string) (string, string) {
				path := filepath.Join(dir, "f.json")
				require.NoError(t, os.WriteFile(path, old, 0o600))
				return path, path
			},
			value:  map[string]any{"c": make(chan int)},
			asRoot: true,
		},
		{
			name: "rename fails because a directory is in the way",
			setup: func(t *testing.T, dir string) (string, string) {
				path := filepath.Join(dir, "f.json")
				require.NoError(t, os.Mkdir(path, 0o700))
				keep := filepath.Join(path, "inside")
				require.NoError(t, os.WriteFile(keep, old, 0o600))
				return path, keep
			},
			value:  sample{Name: "new"},
			asRoot: true,
		},
		{
			name: "directory is read-only",
			setup: func(t *testing.T, dir string) (string, string) {
				path := filepath.Join(dir, "f.json")
				require.NoError(t, os.WriteFile(path, old, 0o600))
				require.NoError(t, os.Chmod(dir, 0o500))
				t.Cleanup(func() { _ = os.Chmod(dir, 0o700) })
				return path, path
			},
			value: sample{Name: "new"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !tt.asRoot && os.Geteuid() == 0 {
				t.Skip("root ignores directory permissions")
			}
			dir := filepath.Join(t.TempDir(), "d")
			require.NoError(t, os.Mkdir(dir, 0o700))
			path, keep := tt.setup(t, dir)
			before := names(t, dir)

			err := jsonfile.Write(path, tt.value)

			require.Error(t, err)
			assert.Contains(t, err.Error(), path)
			got, readErr := os.ReadFile(keep)
			require.NoError(t, readErr)
			assert.Equal(t, old, got)
			assert.Equal(t, before, names(t, dir), "temp files must be removed")
		})
	}
}

func TestWriteReportsAParentThatIsAFile(t *testing.T) {
	parent := filepath.Join(t.TempDir(), "not-a-dir")
	require.NoError(t, os.WriteFile(parent, []byte("x"), 0o600))
	path := filepath.Join(parent, "f.json")

	err := jsonfile.Write(path, sample{})

	require.Error(t, err)
	assert.Contains(t, err.Error(), path)
}

func TestReadMissingFileReportsNotExistAndCreatesNothing(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, "missing-dir", "f.json")

	var got sample
	err := jsonfile.Read(path, &got)

	require.ErrorIs(t, err, fs.ErrNotExist)
	assert.Empty(t, names(t, root))
}

func TestReadDecodesAndValidatesAGoodFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.json")
	require.NoError(t, os.WriteFile(path, []byte(`{"name":"Ann","count":3,"tags":["a"]}`+"\n"), 0o600))

	var got sample
	require.NoError(t, jsonfile.Read(path, &got))
	assert.Equal(t, sample{Name: "Ann", Count: 3, Tags: []string{"a"}}, got)
}

var asidePattern = regexp.MustCompile(`\.corrupt-\d{8}T\d{6}Z$`)

func TestReadSetsAsideAFileThatCannotBeUsed(t *testing.T) {
	tests := []struct {
		name       string
		content    string
		validation bool // whether the cause is a validation.Errors
	}{
		{"garbage", "not json at all", false},
		{"empty file", "", false},
		{"truncated", `{"name":"Ann"`, false},
		{"unknown key", `{"name":"Ann","colour":"red"}`, false},
		{"trailing data", `{"name":"Ann"} trailing`, false},
		{"second value", `{"name":"Ann"}{"name":"Bob"}`, false},
		{"wrong type", `{"count":"three"}`, false},
		{"invalid value", `{"count":-1}`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "f.json")
			require.NoError(t, os.WriteFile(path, []byte(tt.content), 0o600))

			var got sample
			err := jsonfile.Read(path, &got)

			var corrupt *jsonfile.CorruptError
			require.ErrorAs(t, err, &corrupt)
			assert.Equal(t, path, corrupt.Path)
			assert.Regexp(t, asidePattern, corrupt.AsidePath)
			assert.Equal(t, dir, filepath.Dir(corrupt.AsidePath))
			assert.NoFileExists(t, path)
			kept, readErr := os.ReadFile(corrupt.AsidePath)
			require.NoError(t, readErr)
			assert.Equal(t, tt.content, string(kept))
			assert.Equal(t, path+" could not be used ("+corrupt.Err.Error()+"); it was kept as "+corrupt.AsidePath+" and a new one will be written when you save", err.Error())

			var verrs validation.Errors
			assert.Equal(t, tt.validation, errors.As(err, &verrs), "validation.Errors must be reachable through CorruptError")
		})
	}
}

func TestReadLeavesAnUnreadableFileInPlace(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, path string)
	}{
		{"directory at the path", func(t *testing.T, path string) {
			require.NoError(t, os.Mkdir(path, 0o700))
		}},
		{"no read permission", func(t *testing.T, path string) {
			if os.Geteuid() == 0 {
				t.Skip("root can read any file")
			}
			require.NoError(t, os.WriteFile(path, []byte(`{"name":"x"}`), 0o000))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "f.json")
			tt.setup(t, path)

			var got sample
			err := jsonfile.Read(path, &got)

			require.Error(t, err)
			var corrupt *jsonfile.CorruptError
			assert.False(t, errors.As(err, &corrupt))
			assert.NotErrorIs(t, err, fs.ErrNotExist)
			assert.Contains(t, err.Error(), path)
			assert.Equal(t, []string{"f.json"}, names(t, dir))
		})
	}
}

func TestReadIntoANonPointerKeepsTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.json")
	require.NoError(t, os.WriteFile(path, []byte(`{"name":"Ann"}`), 0o600))

	err := jsonfile.Read(path, sample{})

	require.Error(t, err)
	assert.FileExists(t, path)
}

func TestSetAsideNamesTheFileByUTCTime(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "profile.json")
	require.NoError(t, os.WriteFile(path, []byte("bad"), 0o600))
	kyiv := time.FixedZone("Kyiv", 2*60*60)
	now := time.Date(2026, 3, 4, 7, 8, 9, 0, kyiv)

	aside, err := jsonfile.SetAside(path, now)

	require.NoError(t, err)
	assert.Equal(t, path+".corrupt-20260304T050809Z", aside)
	assert.NoFileExists(t, path)
	got, err := os.ReadFile(aside)
	require.NoError(t, err)
	assert.Equal(t, "bad", string(got))
}

func TestSetAsideNeverOverwritesAnEarlierAsideFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "profile.json")
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	base := path + ".corrupt-20260102T030405Z"
	require.NoError(t, os.WriteFile(base, []byte("first"), 0o600))
	require.NoError(t, os.WriteFile(base+"-1", []byte("second"), 0o600))
	require.NoError(t, os.WriteFile(path, []byte("third"), 0o600))

	aside, err := jsonfile.SetAside(path, now)

	require.NoError(t, err)
	assert.Equal(t, base+"-2", aside)
	for file, want := range map[string]string{base: "first", base + "-1": "second", base + "-2": "third"} {
		got, err := os.ReadFile(file)
		require.NoError(t, err)
		assert.Equal(t, want, string(got), file)
	}
}

func TestSetAsideOfAMissingFileFails(t *testing.T) {
	_, err := jsonfile.SetAside(filepath.Join(t.TempDir(), "missing.json"), time.Now())
	require.ErrorIs(t, err, fs.ErrNotExist)
}

func TestDecodeIsStrict(t *testing.T) {
	tests := []struct {
		name    string
		input   string
		want    sample
		wantErr string
	}{
		{"object", `{"name":"Ann","count":1}`, sample{Name: "Ann", Count: 1}, ""},
		{"surrounding white space", " \n{\"name\":\"Ann\"}\n\n", sample{Name: "Ann"}, ""},
		{"unknown key", `{"nam":"Ann"}`, sample{}, `unknown field "nam"`},
		{"trailing value", `{} {}`, sample{}, "unexpected data after the JSON value"},
		{"trailing garbage", `{} ,`, sample{}, "unexpected data after the JSON value"},
		{"empty", ``, sample{}, "no JSON value"},
		{"wrong type", `{"count":1.5}`, sample{}, "cannot unmarshal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got sample
			err := jsonfile.Decode([]byte(tt.input), &got)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestWriteThenReadRoundTripsSpecialCharacters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.json")
	want := sample{Name: "Олена \"quoted\" \\ </script> 🎉"}
	require.NoError(t, jsonfile.Write(path, want))

	var got sample
	require.NoError(t, jsonfile.Read(path, &got))
	assert.Equal(t, want, got)

	var raw map[string]any
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &raw))
	assert.Equal(t, want.Name, raw["name"])
}

func TestReadOfACorruptFileThatCannotBeMovedAsideLeavesItInPlace(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores directory permissions")
	}
	dir := filepath.Join(t.TempDir(), "d")
	require.NoError(t, os.Mkdir(dir, 0o700))
	path := filepath.Join(dir, "f.json")
	require.NoError(t, os.WriteFile(path, []byte("garbage"), 0o600))
	require.NoError(t, os.Chmod(dir, 0o500))
	t.Cleanup(func() { _ = os.Chmod(dir, 0o700) })

	var got sample
	err := jsonfile.Read(path, &got)

	require.Error(t, err)
	var corrupt *jsonfile.CorruptError
	assert.False(t, errors.As(err, &corrupt), "the file was not kept aside, so it must not be reported as such")
	assert.ErrorIs(t, err, fs.ErrPermission)
	assert.Equal(t, []string{"f.json"}, names(t, dir))
}
