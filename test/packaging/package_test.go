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
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/test/launch"
	"jedidesk-desktop/test/sniwatcher"
	"jedidesk-desktop/test/standin"
)

// app is one installed package: the plain JediDesk app or the test brand
// (test/packaging/brand/acme.json), which scripts/test-package.sh installs side by side.
type app struct {
	pkg, name, id, version string
	// token is the one the brand bakes in; the plain app has none and shows the demo.
	token string
}

var (
	plain = app{pkg: "jedidesk-desktop", name: "JediDesk Desktop", id: "com.jedidesk.desktop"}
	acme  = app{pkg: "acme-support", name: "Acme Підтримка", id: "com.acme.support", version: "2.5.1", token: "acme_test-token.1"}
	apps  = []*app{&plain, &acme}
)

func (a app) binary() string   { return "/usr/bin/" + a.pkg }
func (a app) launcher() string { return "/usr/share/applications/" + a.pkg + ".desktop" }

// A deadline for waiting on a small CI machine, never an assertion about speed.
const startTimeout = 45 * time.Second

var root = launch.Root

func TestMain(m *testing.M) {
	if os.Getenv("DISPLAY") == "" || os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		fmt.Fprintln(os.Stderr, "packaging tests need an X server and a D-Bus session: run them with scripts/test-package.sh under xvfb-run and dbus-run-session")
		os.Exit(1)
	}
	for _, a := range apps {
		if out, err := exec.Command("dpkg-query", "-W", "-f=${Status}", a.pkg).Output(); err != nil || string(out) != "install ok installed" {
			fmt.Fprintf(os.Stderr, "packaging tests need the plain and the test brand's .deb installed (%s is not): run scripts/test-package.sh, which builds, installs and removes them\n", a.pkg)
			os.Exit(1)
		}
	}
	raw, err := os.ReadFile(filepath.Join(root, "wails.json"))
	if err == nil {
		var project struct {
			Info struct {
				ProductVersion string `json:"productVersion"`
			} `json:"info"`
		}
		err = json.Unmarshal(raw, &project)
		plain.version = project.Info.ProductVersion
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "packaging tests read the plain app's version from wails.json:", err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// The steps share one installation of both packages and run in order; the last one removes them.
func TestTheDebsInstallRunSideBySideAndRemoveCleanly(t *testing.T) {
	files := map[string][]string{}
	for _, a := range apps {
		files[a.pkg] = packageFiles(t, a.pkg)
	}

	for _, a := range apps {
		t.Run(a.pkg+" installs its app, launcher, icons and copyright", func(t *testing.T) {
			want := []string{a.binary(), a.launcher(), "/usr/share/doc/" + a.pkg + "/copyright", "/usr/share/icons/hicolor/scalable/apps/" + a.pkg + ".svg"}
			for _, size := range []string{"16x16", "32x32", "48x48", "64x64", "128x128", "256x256", "512x512"} {
				want = append(want, "/usr/share/icons/hicolor/"+size+"/apps/"+a.pkg+".png")
			}
			assert.ElementsMatch(t, want, files[a.pkg], "exactly these")
			for _, path := range want {
				assert.FileExists(t, path)
			}
		})

		t.Run(a.pkg+"'s launcher runs the installed app under its name with its installed icon", func(t *testing.T) {
			entry := desktopEntry(t, a.launcher())
			exe, err := exec.LookPath(strings.Fields(entry["Exec"])[0])
			require.NoError(t, err)
			assert.Equal(t, a.binary(), exe)
			assert.Equal(t, a.name, entry["Name"])
			assert.Equal(t, a.pkg, entry["Icon"])
			assert.Equal(t, a.pkg, entry["StartupWMClass"])
		})
	}

	t.Run("the brand's icon is its own, not JediDesk's", func(t *testing.T) {
		ours, err := os.ReadFile("/usr/share/icons/hicolor/48x48/apps/acme-support.png")
		require.NoError(t, err)
		theirs, err := os.ReadFile("/usr/share/icons/hicolor/48x48/apps/jedidesk-desktop.png")
		require.NoError(t, err)
		assert.NotEqual(t, theirs, ours)
	})

	t.Run("both apps run at once, each its own, beside each other", func(t *testing.T) {
		bothRunAtOnce(t)
	})

	for _, a := range apps {
		t.Run(a.pkg+"'s copyright names every module linked into it", func(t *testing.T) {
			info, err := buildinfo.ReadFile(a.binary())
			require.NoError(t, err)
			text, err := os.ReadFile("/usr/share/doc/" + a.pkg + "/copyright")
			require.NoError(t, err)
			for _, dep := range info.Deps {
				assert.Contains(t, string(text), "vendor/"+dep.Path+"/*", "add a Files: stanza for %s to build/linux/copyright", dep.Path)
			}
		})
	}

	t.Run("removing and purging both leaves nothing behind", func(t *testing.T) {
		asRoot(t, "apt-get", "remove", "-y", "-qq", plain.pkg, acme.pkg)
		for _, a := range apps {
			// dpkg, not apt: apt no longer knows a removed package that came from a file.
			asRoot(t, "dpkg", "--purge", a.pkg)
			out, err := exec.Command("dpkg", "-L", a.pkg).CombinedOutput()
			assert.Error(t, err, "dpkg still lists files of %s: %s", a.pkg, out)
			for _, path := range files[a.pkg] {
				assert.NoFileExists(t, path)
			}
		}
	})
}

// bothRunAtOnce starts the installed plain app and the brand for one user, each against its own
// stand-in widget, with a tray panel on the bus.
func bothRunAtOnce(t *testing.T) {
	watcher, err := sniwatcher.Start()
	require.NoError(t, err)
	t.Cleanup(func() { watcher.Close() })
	h := newHome(t)
	widgets := map[string]*standin.Server{}
	running := map[string]*launch.Process{}
	for _, a := range apps {
		s, err := standin.Start(filepath.Join(root, "frontend", "public", "demo-widget"), 400*time.Millisecond)
		require.NoError(t, err)
		t.Cleanup(s.Close)
		widgets[a.pkg] = s
		running[a.pkg] = start(t, h, a.binary(), "--widget-url", s.URL)
	}

	for _, a := range apps {
		records, ok := widgets[a.pkg].WaitFor(startTimeout, standin.Mounted)
		require.True(t, ok, "%s's widget did not mount; it recorded %+v", a.pkg, records)
		assert.Equal(t, a.token, standin.OfType(records, "mount")[0].Settings["token"], "%s loads the widget with its own token, with no settings file", a.pkg)
		assert.NoFileExists(t, filepath.Join(h.config, a.pkg, "settings.json"))
	}

	t.Run("two processes, each with its window under its own name and class", func(t *testing.T) {
		for _, a := range apps {
			cmd := running[a.pkg]
			require.NoError(t, cmd.Process.Signal(syscall.Signal(0)), "%s runs", a.pkg)
			out, err := exec.Command("xdotool", "search", "--all", "--onlyvisible", "--pid", fmt.Sprint(cmd.Process.Pid), "--classname", "^"+a.pkg+"$").Output()
			require.NoError(t, err, "no visible window of %s has WM_CLASS %q", a.pkg, a.pkg)
			windows := strings.Fields(string(out))
			require.NotEmpty(t, windows)
			title, err := exec.Command("xdotool", "getwindowname", windows[0]).Output()
			require.NoError(t, err)
			assert.Equal(t, a.name, strings.TrimSpace(string(title)))
			launch.Screenshot(t, "installed-"+a.pkg, windows[0])
		}
		assert.NotEqual(t, running[plain.pkg].Process.Pid, running[acme.pkg].Process.Pid)
	})

	t.Run("two tray items, each with its own id and name", func(t *testing.T) {
		require.Eventually(t, func() bool { return len(watcher.Items()) == 2 }, startTimeout, 50*time.Millisecond, "both items register")
		got := map[string]string{}
		require.EventuallyWithT(t, func(c *assert.CollectT) {
			for _, item := range watcher.Items() {
				id, err := watcher.ID(item)
				assert.NoError(c, err)
				title, err := watcher.Title(item)
				assert.NoError(c, err)
				got[id] = title
			}
			assert.Equal(c, map[string]string{plain.pkg: plain.name, acme.pkg: acme.name}, got)
		}, startTimeout, 100*time.Millisecond)
	})

	t.Run("a second launch of each goes to its own instance", func(t *testing.T) {
		for _, a := range apps {
			second := exec.Command(a.binary(), "--open")
			second.Env = h.env()
			out, err := second.CombinedOutput()
			require.NoError(t, err, "a second launch of %s ends with status 0: %s", a.pkg, out)
			records, ok := widgets[a.pkg].WaitFor(startTimeout, func(r []standin.Record) bool { return len(standin.Calls(r, "openWidget")) == 1 })
			require.True(t, ok, "%s's own widget did not open its chat: %+v", a.pkg, records)
		}
		for _, a := range apps {
			assert.Len(t, standin.Calls(widgets[a.pkg].Records(), "openWidget"), 1, "%s got one open, its own", a.pkg)
		}
	})

	t.Run("each keeps its own folders", func(t *testing.T) {
		for _, a := range apps {
			cmd := exec.Command(a.binary(), "--quit")
			cmd.Env = h.env()
			require.NoError(t, cmd.Run())
		}
		for _, a := range apps {
			running[a.pkg].WaitExit(t, startTimeout)
			// The window's place is saved on quitting, into the app's own config folder.
			assert.FileExists(t, filepath.Join(h.config, a.pkg, "settings.json"))
			assert.DirExists(t, filepath.Join(h.data, a.pkg), "the widget's WebKit storage")
			assert.FileExists(t, filepath.Join(h.state, a.pkg, a.pkg+".log"))
		}
	})
}

// packageFiles is what dpkg says the package installed, without the folders it shares.
func packageFiles(t *testing.T, pkg string) []string {
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

// home is one user's XDG folders, shared by the apps a test starts, so that whatever keeps them
// apart is the apps' own doing.
type home struct{ config, data, cache, state string }

func newHome(t *testing.T) home {
	dir := t.TempDir()
	return home{config: filepath.Join(dir, "config"), data: filepath.Join(dir, "data"), cache: filepath.Join(dir, "cache"), state: filepath.Join(dir, "state")}
}

func (h home) env() []string {
	return append(os.Environ(),
		"XDG_CONFIG_HOME="+h.config, "XDG_DATA_HOME="+h.data, "XDG_CACHE_HOME="+h.cache, "XDG_STATE_HOME="+h.state,
		"NO_AT_BRIDGE=1", "LANG=en_US.UTF-8", "LC_ALL=", "LC_MESSAGES=",
	)
}

// start runs an app in h, so the test never touches a real profile.
func start(t *testing.T, h home, name string, args ...string) *launch.Process {
	t.Helper()
	return launch.Start(t, h.env(), name, args...)
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

func TestWindowsInstallersAreSaneWindowsPrograms(t *testing.T) {
	for _, a := range apps {
		t.Run(a.pkg, func(t *testing.T) {
			path := filepath.Join(root, "dist", a.pkg+"-"+a.version+"-windows-amd64-installer.exe")
			exe, err := os.ReadFile(path)
			require.NoError(t, err, "scripts/package.sh names the installer after the app's command and version")

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
			t.Run("names the app in its version resource", func(t *testing.T) {
				// NSIS writes ProductName as UTF-16LE into the installer's version resource.
				assert.True(t, bytes.Contains(exe, utf16le(a.name)), "%s is not named in %s", a.name, path)
			})
		})
	}
}

func TestABadBrandFileStopsMakePackageWithOneLineNamingTheField(t *testing.T) {
	good, err := os.ReadFile(filepath.Join(root, "test", "packaging", "brand", "acme.json"))
	require.NoError(t, err)
	tests := []struct{ field, from, to string }{
		{"id", `"com.acme.support"`, `"com.Acme.support"`},
		{"name", `"Acme Підтримка"`, `"Acme: Support"`},
		{"icon", `"acme.svg"`, `"acme.gif"`},
		{"token", `"acme_test-token.1"`, `""`},
		{"widget_url", `"https://chat.acme.example"`, `"ftp://chat.acme.example"`},
		{"language", `"uk"`, `"de"`},
		{"version", `"2.5.1"`, `"2.5"`},
		{"maintainer", `"Acme IT <it@acme.example>"`, `"Acme IT"`},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			bad := strings.Replace(string(good), tt.from, tt.to, 1)
			require.NotEqual(t, string(good), bad)
			dir := t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(dir, "acme.svg"), []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), 0o644))
			path := filepath.Join(dir, "brand.json")
			require.NoError(t, os.WriteFile(path, []byte(bad), 0o644))

			cmd := exec.Command("make", "--no-print-directory", "-s", "package", "BRAND="+path)
			cmd.Dir = root
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			require.Error(t, cmd.Run(), "make package refuses the brand")

			var ours []string
			for _, line := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
				if !makeError.MatchString(line) {
					ours = append(ours, line)
				}
			}
			require.Len(t, ours, 1, "one line: %s", stderr.String())
			assert.Contains(t, ours[0], "brand file "+path+": "+tt.field+": ")
		})
	}
}

// makeError is make's own report that a recipe failed, which follows ours.
var makeError = regexp.MustCompile(`^make(\[\d+\])?: \*\*\* `)

func utf16le(s string) []byte {
	var out []byte
	for _, u := range utf16.Encode([]rune(s)) {
		out = binary.LittleEndian.AppendUint16(out, u)
	}
	return out
}

// The .rpm is checked the way Debian's rpm tools read it: the same files as the .deb, the same
// launcher, and Fedora's or openSUSE's names for GTK 3 and WebKitGTK 4.1.
func TestTheRPMsHoldWhatTheDebsHold(t *testing.T) {
	for _, a := range apps {
		t.Run(a.pkg, func(t *testing.T) {
			path := filepath.Join(root, "dist", a.pkg+"-"+a.version+"-1.x86_64.rpm")
			rpm := func(flag string) string {
				out, err := exec.Command("rpm", flag, path).Output()
				require.NoError(t, err, "rpm %s %s", flag, path)
				return string(out)
			}

			info := rpm("-qpi")
			assert.Regexp(t, `(?m)^Name\s*: `+a.pkg+`$`, info)
			assert.Regexp(t, `(?m)^Version\s*: `+regexp.QuoteMeta(a.version)+`$`, info)
			assert.Contains(t, info, a.name+": customer-support chat on your desktop")

			deb := filepath.Join(root, "dist", a.pkg+"_"+a.version+"_amd64.deb")
			out, err := exec.Command("dpkg-deb", "--contents", deb).Output()
			require.NoError(t, err)
			var debFiles []string
			for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
				fields := strings.Fields(line)
				if name := strings.TrimPrefix(fields[len(fields)-1], "."); !strings.HasSuffix(name, "/") {
					debFiles = append(debFiles, name)
				}
			}
			assert.ElementsMatch(t, debFiles, strings.Fields(rpm("-qpl")), "the same files as the .deb")

			assert.ElementsMatch(t, []string{"(gtk3 or libgtk-3-0)", "(webkit2gtk4.1 or libwebkit2gtk-4_1-0)"},
				strings.Split(strings.TrimSpace(rpm("-qpR")), "\n"))

			// rpm2archive (Debian's rpm has no cpio) unpacks the payload to compare the launcher.
			unpacked := t.TempDir()
			archive := exec.Command("sh", "-c", `rpm2archive - <"$1" | tar -xzf - -C "$2"`, "sh", path, unpacked)
			out, err = archive.CombinedOutput()
			require.NoError(t, err, "%s", out)
			fromRPM, err := os.ReadFile(filepath.Join(unpacked, a.launcher()))
			require.NoError(t, err)
			fromDeb, err := exec.Command("sh", "-c", `dpkg-deb --fsys-tarfile "$1" | tar -xOf - ".$2"`, "sh", deb, a.launcher()).Output()
			require.NoError(t, err)
			assert.Equal(t, string(fromDeb), string(fromRPM), "the same launcher as the .deb")
			assert.Equal(t, a.name, desktopEntry(t, filepath.Join(unpacked, a.launcher()))["Name"])
			for _, size := range []string{"16x16", "48x48", "256x256", "512x512"} {
				assert.FileExists(t, filepath.Join(unpacked, "usr/share/icons/hicolor", size, "apps", a.pkg+".png"))
			}
		})
	}
}
