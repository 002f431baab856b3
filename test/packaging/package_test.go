//go:build packaging

// Package packaging checks the installers the way people get them: the .deb installed with apt,
// its app started from /usr/bin against the stand-in widget and then removed again, and the
// Windows installer's file format. scripts/test-package.sh builds and installs the .deb first.
package packaging

import (
	"bufio"
	"bytes"
	"debug/buildinfo"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/test/standin"
)

const (
	pkg       = "jedidesk-desktop"
	installed = "/usr/bin/jedidesk-desktop"
	launcher  = "/usr/share/applications/jedidesk-desktop.desktop"
	copyright = "/usr/share/doc/jedidesk-desktop/copyright"
	// A deadline for waiting on a small CI machine, never an assertion about speed.
	startTimeout = 45 * time.Second
)

var root = mustAbs("../..")

func mustAbs(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		panic(err)
	}
	return abs
}

func TestMain(m *testing.M) {
	if os.Getenv("DISPLAY") == "" || os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		fmt.Fprintln(os.Stderr, "packaging tests need an X server and a D-Bus session: run them with scripts/test-package.sh under xvfb-run and dbus-run-session")
		os.Exit(1)
	}
	if out, err := exec.Command("dpkg-query", "-W", "-f=${Status}", pkg).Output(); err != nil || string(out) != "install ok installed" {
		fmt.Fprintln(os.Stderr, "packaging tests need the .deb installed: run scripts/test-package.sh, which builds, installs and removes it")
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// The steps share one installation and run in order; the last one removes it.
func TestDebInstallsRunsAndRemovesCleanly(t *testing.T) {
	files := packageFiles(t)

	t.Run("installs the app, launcher, icons and copyright", func(t *testing.T) {
		want := []string{installed, launcher, copyright, "/usr/share/icons/hicolor/scalable/apps/jedidesk-desktop.svg"}
		for _, size := range []string{"16x16", "32x32", "48x48", "64x64", "128x128", "256x256", "512x512"} {
			want = append(want, "/usr/share/icons/hicolor/"+size+"/apps/jedidesk-desktop.png")
		}
		for _, path := range want {
			assert.Contains(t, files, path)
			assert.FileExists(t, path)
		}
	})

	entry := desktopEntry(t, launcher)

	t.Run("launcher runs the installed app with its installed icon", func(t *testing.T) {
		exe, err := exec.LookPath(strings.Fields(entry["Exec"])[0])
		require.NoError(t, err)
		assert.Equal(t, installed, exe)
		assert.Contains(t, files, "/usr/share/icons/hicolor/48x48/apps/"+entry["Icon"]+".png")
	})

	t.Run("installed app shows the widget in the window its launcher claims", func(t *testing.T) {
		s, err := standin.Start(filepath.Join(root, "frontend", "public", "demo-widget"), 400*time.Millisecond)
		require.NoError(t, err)
		t.Cleanup(s.Close)

		app := start(t, installed, "--widget-url", s.URL)

		records, ok := s.WaitFor(startTimeout, func(records []standin.Record) bool {
			for _, r := range records {
				if r.Type == "mount" {
					return true
				}
			}
			return false
		})
		require.True(t, ok, "the widget did not mount; it recorded %+v", records)
		// Docks group a window under the launcher whose StartupWMClass matches its WM_CLASS.
		out, err := exec.Command("xdotool", "search", "--all", "--onlyvisible", "--pid", fmt.Sprint(app.Process.Pid),
			"--classname", "^"+entry["StartupWMClass"]+"$").Output()
		require.NoError(t, err, "no visible window of the app has WM_CLASS %q", entry["StartupWMClass"])
		assert.NotEmpty(t, strings.Fields(string(out)))
	})

	t.Run("copyright names every module linked into the app", func(t *testing.T) {
		info, err := buildinfo.ReadFile(installed)
		require.NoError(t, err)
		text, err := os.ReadFile(copyright)
		require.NoError(t, err)
		for _, dep := range info.Deps {
			assert.Contains(t, string(text), "vendor/"+dep.Path+"/*", "add a Files: stanza for %s to build/linux/copyright", dep.Path)
		}
	})

	t.Run("removing and purging leaves nothing behind", func(t *testing.T) {
		asRoot(t, "apt-get", "remove", "-y", "-qq", pkg)
		// dpkg, not apt: apt no longer knows a removed package that came from a file.
		asRoot(t, "dpkg", "--purge", pkg)

		out, err := exec.Command("dpkg", "-L", pkg).CombinedOutput()
		assert.Error(t, err, "dpkg still lists files: %s", out)
		for _, path := range files {
			assert.NoFileExists(t, path)
		}
	})
}

// packageFiles is what dpkg says the package installed, without the folders it shares.
func packageFiles(t *testing.T) []string {
	t.Helper()
	out, err := exec.Command("dpkg", "-L", pkg).Output()
	require.NoError(t, err)
	var files []string
	for _, path := range strings.Fields(string(out)) {
		if info, err := os.Stat(path); err == nil && !info.IsDir() {
			files = append(files, path)
		}
	}
	require.NotEmpty(t, files)
	return files
}

// desktopEntry reads the [Desktop Entry] group's untranslated keys.
func desktopEntry(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	entry := map[string]string{}
	group := ""
	for sc := bufio.NewScanner(f); sc.Scan(); {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") {
			group = line
			continue
		}
		if key, value, ok := strings.Cut(line, "="); ok && group == "[Desktop Entry]" {
			entry[strings.TrimSpace(key)] = strings.TrimSpace(value)
		}
	}
	for _, key := range []string{"Exec", "Icon", "StartupWMClass"} {
		require.NotEmpty(t, entry[key], "%s has no %s", path, key)
	}
	return entry
}

// output collects a process's output while the test reads it.
type output struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (o *output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.Write(p)
}

func (o *output) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.String()
}

// start runs the app with its own XDG folders, so the test never touches a real profile, and
// kills it (and anything it started) when the test ends.
func start(t *testing.T, name string, args ...string) *exec.Cmd {
	t.Helper()
	home := t.TempDir()
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(),
		"XDG_CONFIG_HOME="+filepath.Join(home, "config"),
		"XDG_DATA_HOME="+filepath.Join(home, "data"),
		"XDG_CACHE_HOME="+filepath.Join(home, "cache"),
		"NO_AT_BRIDGE=1",
	)
	out := &output{}
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	require.NoError(t, cmd.Start())
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
		}
		if t.Failed() {
			t.Logf("app output:\n%s", out.String())
		}
	})
	return cmd
}

func asRoot(t *testing.T, name string, args ...string) {
	t.Helper()
	if os.Geteuid() != 0 {
		args = append([]string{name}, args...)
		name = "sudo"
	}
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s %v: %s", name, args, out)
}

func TestWindowsInstallerIsASaneWindowsProgram(t *testing.T) {
	var project struct {
		Info struct {
			ProductVersion string `json:"productVersion"`
		} `json:"info"`
	}
	raw, err := os.ReadFile(filepath.Join(root, "wails.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(raw, &project))
	path := filepath.Join(root, "dist", "jedidesk-desktop-"+project.Info.ProductVersion+"-windows-amd64-installer.exe")
	exe, err := os.ReadFile(path)
	require.NoError(t, err, "scripts/package.sh names the installer after wails.json's version")

	t.Run("starts with the DOS header", func(t *testing.T) {
		assert.Equal(t, "MZ", string(exe[:2]))
	})
	t.Run("has the PE signature where the DOS header points", func(t *testing.T) {
		require.Greater(t, len(exe), 0x40)
		at := int(binary.LittleEndian.Uint32(exe[0x3c:]))
		require.Less(t, at+4, len(exe))
		assert.Equal(t, "PE\x00\x00", string(exe[at:at+4]))
	})
	t.Run("is the size of an app with WebView2's bootstrapper", func(t *testing.T) {
		// Less would mean a missing app; more, something bundled by mistake.
		assert.GreaterOrEqual(t, len(exe), 2<<20)
		assert.LessOrEqual(t, len(exe), 30<<20)
	})
}
