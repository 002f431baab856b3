//go:build !windows && !darwin

package autostart

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// configHome points XDG_CONFIG_HOME at a fresh folder and returns it.
func configHome(t *testing.T) string {
	dir := filepath.Join(t.TempDir(), "config")
	t.Setenv("XDG_CONFIG_HOME", dir)
	return dir
}

var (
	jediDesk = App{ID: "com.jedidesk.desktop", Command: "jedidesk-desktop", Name: "JediDesk Desktop", RunValue: "JediDesk Desktop"}
	acme     = App{ID: "com.acme.support", Command: "acme-support", Name: `Acme "Support" \ Ж`, RunValue: "com.acme.support"}
)

func ourEntry(config string) string {
	return filepath.Join(config, "autostart", "jedidesk-desktop.desktop")
}

func mustExecutable(t *testing.T) string {
	exe, err := os.Executable()
	require.NoError(t, err)
	return exe
}

// snapshot is a folder's entries: name → mode and contents.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return map[string]string{}
	}
	require.NoError(t, err)
	out := map[string]string{}
	for _, e := range entries {
		info, err := e.Info()
		require.NoError(t, err)
		content, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		out[e.Name()] = info.Mode().String() + "\n" + string(content)
	}
	return out
}

func TestEnableWritesAnEntryThatStartsThisExecutableHidden(t *testing.T) {
	config := configHome(t)
	exe := mustExecutable(t)

	require.NoError(t, Enable(jediDesk))

	content, err := os.ReadFile(ourEntry(config))
	require.NoError(t, err)
	assert.Equal(t, "[Desktop Entry]\n"+
		"Type=Application\n"+
		"Name=JediDesk Desktop\n"+
		"Comment=Starts JediDesk Desktop in the background when you log in\n"+
		"Exec="+exe+" --hidden\n"+
		"Icon=jedidesk-desktop\n"+
		"Terminal=false\n"+
		"X-GNOME-Autostart-enabled=true\n", string(content))
}

func TestEnableCreatesReadableEntryAndFolderButKeepsConfigPrivate(t *testing.T) {
	config := configHome(t)

	require.NoError(t, Enable(jediDesk))

	for path, want := range map[string]os.FileMode{
		config:                             os.ModeDir | 0o700,
		filepath.Join(config, "autostart"): os.ModeDir | 0o755,
		ourEntry(config):                   0o644,
	} {
		info, err := os.Stat(path)
		require.NoError(t, err)
		assert.Equal(t, want, info.Mode(), path)
	}
}

func TestEnableDefaultsToDotConfigInHome(t *testing.T) {
	home := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", "")
	t.Setenv("HOME", home)

	require.NoError(t, Enable(jediDesk))

	assert.FileExists(t, ourEntry(filepath.Join(home, ".config")))
}

func TestEnableReplacesAnEntryForAMovedApp(t *testing.T) {
	config := configHome(t)
	require.NoError(t, os.MkdirAll(filepath.Dir(ourEntry(config)), 0o755))
	require.NoError(t, os.WriteFile(ourEntry(config), []byte("[Desktop Entry]\nExec=/opt/old/jedidesk-desktop --hidden\nX-GNOME-Autostart-enabled=false\n"), 0o644))

	require.NoError(t, Enable(jediDesk))

	content, err := os.ReadFile(ourEntry(config))
	require.NoError(t, err)
	assert.Equal(t, string(entry(jediDesk, mustExecutable(t))), string(content))
	on, err := Enabled(jediDesk)
	require.NoError(t, err)
	assert.True(t, on)
}

func TestDisableUndoesEnableExactly(t *testing.T) {
	others := map[string]string{
		"chat.desktop":  "[Desktop Entry]\nExec=chat\n",
		"notes.desktop": "[Desktop Entry]\nExec=notes\nHidden=true\n",
	}
	for _, tc := range []struct {
		name   string
		before map[string]string
	}{
		{"with no autostart folder yet", nil},
		{"with an empty autostart folder", map[string]string{}},
		{"beside other apps' entries", others},
	} {
		t.Run(tc.name, func(t *testing.T) {
			config := configHome(t)
			dir := filepath.Join(config, "autostart")
			if tc.before != nil {
				require.NoError(t, os.MkdirAll(dir, 0o755))
			}
			for name, content := range tc.before {
				require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644))
			}
			before := snapshot(t, dir)

			require.NoError(t, Enable(jediDesk))
			on, err := Enabled(jediDesk)
			require.NoError(t, err)
			assert.True(t, on, "enabled after Enable")
			assert.Len(t, snapshot(t, dir), len(before)+1, "Enable adds one file and no leftovers")

			require.NoError(t, Disable(jediDesk))
			on, err = Enabled(jediDesk)
			require.NoError(t, err)
			assert.False(t, on, "enabled after Disable")
			assert.Equal(t, before, snapshot(t, dir))
		})
	}
}

func TestTwoAppsHaveTheirOwnEntries(t *testing.T) {
	config := configHome(t)

	require.NoError(t, Enable(jediDesk))
	require.NoError(t, Enable(acme))
	require.NoError(t, Disable(jediDesk))

	assert.NoFileExists(t, ourEntry(config))
	content, err := os.ReadFile(filepath.Join(config, "autostart", "acme-support.desktop"))
	require.NoError(t, err)
	assert.Contains(t, string(content), "\nName=Acme \"Support\" \\\\ Ж\n", "the name is escaped as a desktop entry string")
	assert.Contains(t, string(content), "\nIcon=acme-support\n")
	on, err := Enabled(acme)
	require.NoError(t, err)
	assert.True(t, on, "the other app's entry stays")
}

func TestDisableWithoutAnEntryIsFine(t *testing.T) {
	configHome(t)

	require.NoError(t, Disable(jediDesk))
}

func TestEnabledHonoursTheDesktopsOwnSwitch(t *testing.T) {
	for _, tc := range []struct {
		name  string
		entry string // "" means no file at all
		want  bool
	}{
		{"no entry", "", false},
		{"our entry", string(entry(jediDesk, "/usr/bin/jedidesk-desktop")), true},
		{"switched off in GNOME's Startup Applications", "[Desktop Entry]\nExec=jedidesk-desktop --hidden\nX-GNOME-Autostart-enabled=false\n", false},
		{"switched off with spaces around the equals sign", "[Desktop Entry]\nX-GNOME-Autostart-enabled = false\n", false},
		{"hidden, as other desktops switch entries off", "[Desktop Entry]\nExec=jedidesk-desktop --hidden\nHidden=true\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			config := configHome(t)
			if tc.entry != "" {
				require.NoError(t, os.MkdirAll(filepath.Dir(ourEntry(config)), 0o755))
				require.NoError(t, os.WriteFile(ourEntry(config), []byte(tc.entry), 0o644))
			}

			on, err := Enabled(jediDesk)

			require.NoError(t, err)
			assert.Equal(t, tc.want, on)
		})
	}
}

func TestErrorsNameTheEntryThatCouldNotBeWritten(t *testing.T) {
	// Tests may run as root, which ignores permissions: a folder under a regular file is
	// unusable for everyone.
	blocker := filepath.Join(t.TempDir(), "a-file")
	require.NoError(t, os.WriteFile(blocker, nil, 0o644))
	config := filepath.Join(blocker, "config")
	t.Setenv("XDG_CONFIG_HOME", config)

	for name, call := range map[string]func() error{
		"Enable":  func() error { return Enable(jediDesk) },
		"Disable": func() error { return Disable(jediDesk) },
		"Enabled": func() error { _, err := Enabled(jediDesk); return err },
	} {
		t.Run(name, func(t *testing.T) {
			err := call()

			require.Error(t, err)
			assert.Contains(t, err.Error(), ourEntry(config))
		})
	}
}

func TestExecArgQuotesWhatTheSpecReserves(t *testing.T) {
	for _, tc := range []struct {
		name, path, want string
	}{
		{"plain path as is", "/usr/bin/jedidesk-desktop", "/usr/bin/jedidesk-desktop"},
		{"space quoted", "/opt/JediDesk Desktop/jedidesk-desktop", `"/opt/JediDesk Desktop/jedidesk-desktop"`},
		{"percent doubled", "/opt/100%/app", "/opt/100%%/app"},
		{"quote and dollar escaped", `/opt/a"b$c/app`, `"/opt/a\\"b\\$c/app"`},
		{"backslash escaped twice", `/opt/a\b/app`, `"/opt/a\\\\b/app"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, execArg(tc.path))
		})
	}
}
