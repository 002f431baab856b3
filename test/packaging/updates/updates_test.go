//go:build packaging

// Package updates checks a company's update channel end to end, as its users' machines meet it:
// `make repo` publishes a brand's packages to a signed repository served on loopback, the .deb
// installed with apt brings its source along, a newer version published later reaches the
// machine through apt's own upgrade, and apt refuses a repository whose signature no longer
// matches. scripts/test-package.sh runs it (root: it installs and removes a package).
package updates

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/update"
	"jedidesk-desktop/test/launch"
)

const (
	pkg        = "acme-updates"
	passphrase = "throwaway passphrase"
)

var (
	root    = launch.Root
	sources = "/etc/apt/sources.list.d/" + pkg + ".sources"
	keyring = "/usr/share/keyrings/" + pkg + "-archive-keyring.gpg"
	// apt looks at this package's source only, and keeps the machine's other lists.
	aptOnly = []string{"-o", "Dir::Etc::sourcelist=" + sources, "-o", "Dir::Etc::sourceparts=-", "-o", "APT::Get::List-Cleanup=0", waitForLock[0], waitForLock[1]}
	// Another apt on the machine (set-up, a colleague's install) may hold dpkg's lock a while.
	waitForLock = []string{"-o", "DPkg::Lock::Timeout=600"}
)

func TestMain(m *testing.M) {
	if os.Geteuid() != 0 {
		fmt.Fprintln(os.Stderr, "the update channel's tests install a package: run them as root with scripts/test-package.sh")
		os.Exit(1)
	}
	if out, err := exec.Command("dpkg-query", "-W", "-f=${db:Status-Status}", pkg).Output(); err == nil && string(out) != "not-installed" {
		fmt.Fprintf(os.Stderr, "%s is on this machine already; remove it first (this test installs and removes it)\n", pkg)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// world is one company's publishing setup: its key, its repository folder and the loopback
// server its users' machines fetch from.
type world struct {
	dir, repo, key, url string
	// windowsKey signs the Windows manifest; windowsPublic is the brand's update_public_key.
	windowsKey, windowsPublic string
}

func newWorld(t *testing.T) *world {
	t.Helper()
	dir := t.TempDir()
	w := &world{dir: dir, repo: filepath.Join(dir, "repo"), key: filepath.Join(dir, "signing-key.asc")}
	w.key = makeKey(t, w.key, "Acme Updates <updates@acme.example>")
	w.windowsKey, w.windowsPublic = makeWindowsKey(t, filepath.Join(dir, "windows-key.pem"))

	listener, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	server := &http.Server{Handler: http.FileServer(http.Dir(w.repo))}
	go func() { _ = server.Serve(listener) }()
	t.Cleanup(func() { _ = server.Close() })
	w.url = "http://" + listener.Addr().String()
	return w
}

// makeKey writes a new passphrase-protected signing key, armored, to path.
func makeKey(t *testing.T, path, uid string) string {
	t.Helper()
	// Short: gpg-agent's socket path must fit in 108 bytes, which t.TempDir's may not.
	home, err := os.MkdirTemp("", "gpg")
	require.NoError(t, err)
	t.Cleanup(func() { _ = os.RemoveAll(home) })
	gpg := func(args ...string) []byte {
		cmd := exec.Command("gpg", append([]string{"--batch", "--quiet", "--pinentry-mode", "loopback", "--passphrase", passphrase}, args...)...)
		cmd.Env = append(os.Environ(), "GNUPGHOME="+home)
		out, err := cmd.Output()
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			t.Log(string(exit.Stderr))
		}
		require.NoError(t, err, "gpg %v", args)
		return out
	}
	gpg("--quick-gen-key", uid, "rsa3072", "sign", "never")
	require.NoError(t, os.WriteFile(path, gpg("--armor", "--export-secret-keys"), 0o600))
	t.Cleanup(func() { _ = exec.Command("gpgconf", "--homedir", home, "--kill", "gpg-agent").Run() })
	return path
}

// makeWindowsKey makes the Windows manifest's Ed25519 key as IT does (cmd/updatemanifest).
func makeWindowsKey(t *testing.T, path string) (key, public string) {
	t.Helper()
	cmd := exec.Command("go", "run", "./cmd/updatemanifest", "keygen", path)
	cmd.Dir = root
	out, err := cmd.Output()
	require.NoError(t, err)
	return path, strings.TrimSpace(string(out))
}

// brand writes the test brand at version with the given update_url ("" for none).
func (w *world) brand(t *testing.T, version, updateURL string) string {
	t.Helper()
	fields := fmt.Sprintf(`{"id": "com.acme.updates", "name": "Acme Updates", "icon": %q, "token": "acme_test-token.1",
  "version": %q, "maintainer": "Acme IT <it@acme.example>"`, filepath.Join(root, "test", "packaging", "brand", "acme.svg"), version)
	if updateURL != "" {
		fields += fmt.Sprintf(`, "update_url": %q, "update_public_key": %q`, updateURL, w.windowsPublic)
	}
	path := filepath.Join(w.dir, "brand-"+version+".json")
	require.NoError(t, os.WriteFile(path, []byte(fields+"}\n"), 0o644))
	return path
}

// repo runs make repo's script; key and windowsKey "" pass the world's keys.
func (w *world) makeRepo(brand, key, windowsKey string) (string, error) {
	if key == "" {
		key = w.key
	}
	if windowsKey == "" {
		windowsKey = w.windowsKey
	}
	cmd := exec.Command(filepath.Join(root, "scripts", "repo.sh"), brand, key, w.repo)
	cmd.Env = append(os.Environ(), "SIGNING_KEY_PASSPHRASE="+passphrase, "WINDOWS_SIGNING_KEY="+windowsKey)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err := cmd.Run()
	return stderr.String(), err
}

// snapshot is every file under dir with its content's hash: what "nothing written" compares.
func snapshot(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	files := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		files[path] = sha256.Sum256(data)
		return err
	})
	if !os.IsNotExist(err) {
		require.NoError(t, err)
	}
	return files
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s %v:\n%s", name, args, out)
	return string(out)
}

func installedVersion(t *testing.T) string {
	out, err := exec.Command("dpkg-query", "-W", "-f=${Version}", pkg).Output()
	require.NoError(t, err)
	return string(out)
}

// The steps share one repository and one installation and run in order; the package is
// removed at the end whatever failed.
func TestAnUpdatePublishedWithMakeRepoReachesAnInstalledCopyThroughApt(t *testing.T) {
	w := newWorld(t)
	t.Cleanup(func() {
		if exec.Command("dpkg-query", "-W", pkg).Run() == nil {
			_ = exec.Command("dpkg", "--purge", pkg).Run()
		}
	})

	t.Run("make repo publishes 1.0.0 signed with the key, the public key beside it", func(t *testing.T) {
		cmd := exec.Command("make", "--no-print-directory", "repo", "BRAND="+w.brand(t, "1.0.0", w.url), "SIGNING_KEY="+w.key, "REPO="+w.repo,
			"WINDOWS_SIGNING_KEY="+w.windowsKey)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "SIGNING_KEY_PASSPHRASE="+passphrase)
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s", out)
		for _, file := range []string{"dists/stable/InRelease", "dists/stable/Release.gpg", "pool/main/a/acme-updates/acme-updates_1.0.0_amd64.deb",
			"rpm/repodata/repomd.xml", "rpm/repodata/repomd.xml.asc", "key.asc"} {
			assert.FileExists(t, filepath.Join(w.repo, file))
		}
		run(t, "gpgv", "--keyring", dearmored(t, w), filepath.Join(w.repo, "dists/stable/InRelease"))
	})

	t.Run("the .deb installed with apt brings its source, trusting only its own keyring", func(t *testing.T) {
		run(t, "apt-get", "install", "-y", "-qq", waitForLock[0], waitForLock[1], filepath.Join(w.repo, "pool/main/a/acme-updates/acme-updates_1.0.0_amd64.deb"))
		source, err := os.ReadFile(sources)
		require.NoError(t, err)
		assert.Contains(t, string(source), "URIs: "+w.url+"\n")
		assert.Contains(t, string(source), "Signed-By: "+keyring+"\n")
		assert.FileExists(t, keyring)
	})

	t.Run("apt sees the package in the source", func(t *testing.T) {
		run(t, "apt-get", append([]string{"update"}, aptOnly...)...)
		policy := run(t, "apt-cache", append([]string{"policy", pkg}, aptOnly...)...)
		t.Log(policy)
		assert.Contains(t, policy, w.url+" stable/main")
	})

	t.Run("the same version again, another key, a missing key or no update_url are refused in one line and nothing is written", func(t *testing.T) {
		other := makeKey(t, filepath.Join(w.dir, "other-key.asc"), "Someone Else <else@example.invalid>")
		otherWindows, _ := makeWindowsKey(t, filepath.Join(w.dir, "other-windows-key.pem"))
		before := snapshot(t, w.repo)
		tests := []struct {
			name, brand, key, windowsKey, says string
		}{
			{"not newer", w.brand(t, "1.0.0", w.url), "", "", "is not newer than 1.0.0"},
			{"another key", w.brand(t, "1.0.1", w.url), other, "", "is not the key " + w.repo + " is signed with"},
			{"missing key", w.brand(t, "1.0.1", w.url), filepath.Join(w.dir, "nope.asc"), "", "does not exist"},
			{"another Windows key", w.brand(t, "1.0.1", w.url), "", otherWindows, "is not the key of"},
			{"no update_url", w.brand(t, "1.0.2", ""), "", "", "has no update_url"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				stderr, err := w.makeRepo(tt.brand, tt.key, tt.windowsKey)
				require.Error(t, err)
				assert.Contains(t, stderr, tt.says)
				assert.Equal(t, 1, strings.Count(strings.TrimSpace(stderr), "\n")+1, "one line: %q", stderr)
				assert.Equal(t, before, snapshot(t, w.repo), "nothing written")
			})
		}
	})

	t.Run("1.0.1 published later is installed by apt's upgrade, keeping the source", func(t *testing.T) {
		stderr, err := w.makeRepo(w.brand(t, "1.0.1", w.url), "", "")
		require.NoError(t, err, stderr)
		assert.FileExists(t, filepath.Join(w.repo, "pool/main/a/acme-updates/acme-updates_1.0.0_amd64.deb"), "earlier versions stay")
		run(t, "apt-get", append([]string{"update"}, aptOnly...)...)
		upgrade := run(t, "apt-get", append([]string{"install", "--only-upgrade", "-y", pkg}, aptOnly...)...)
		t.Log(upgrade)
		assert.Contains(t, upgrade, "Unpacking "+pkg+" (1.0.1) over (1.0.0)")
		assert.Equal(t, "1.0.1", installedVersion(t))
		assert.FileExists(t, sources)
		assert.FileExists(t, keyring)
	})

	t.Run("a repository whose InRelease was altered is refused by apt", func(t *testing.T) {
		inRelease := filepath.Join(w.repo, "dists/stable/InRelease")
		original, err := os.ReadFile(inRelease)
		require.NoError(t, err)
		t.Cleanup(func() { _ = os.WriteFile(inRelease, original, 0o644) })
		altered := strings.Replace(string(original), "Description: Acme Updates's updates", "Description: Acme Updates's updatez", 1)
		require.NotEqual(t, string(original), altered)
		require.NoError(t, os.WriteFile(inRelease, []byte(altered), 0o644))

		// --error-on=any: apt keeps the last good index and only warns by default.
		out, err := exec.Command("apt-get", append([]string{"update", "--error-on=any"}, aptOnly...)...).CombinedOutput()
		t.Log(string(out))
		assert.Error(t, err)
		assert.Contains(t, string(out), "The following signatures were invalid: BADSIG")
		assert.Contains(t, string(out), "The repository is not updated")
	})

	t.Run("the rpm repository's package and metadata verify with its key", func(t *testing.T) {
		db := t.TempDir()
		run(t, "rpm", "--dbpath", db, "--import", filepath.Join(w.repo, "key.asc"))
		rpms, err := filepath.Glob(filepath.Join(w.repo, "rpm", "*.rpm"))
		require.NoError(t, err)
		require.Len(t, rpms, 2, "both versions")
		for _, file := range rpms {
			out := run(t, "rpm", "--dbpath", db, "--checksig", "-v", file)
			assert.Contains(t, out, "Signature, key ID")
			assert.NotContains(t, out, "NOKEY")
			assert.Contains(t, out, ": OK")
		}
		repomd := filepath.Join(w.repo, "rpm", "repodata", "repomd.xml")
		run(t, "gpgv", "--keyring", dearmored(t, w), repomd+".asc", repomd)
		listed := run(t, "rpm", "-qlp", rpms[0])
		assert.Contains(t, listed, "/etc/yum.repos.d/"+pkg+".repo")
	})

	t.Run("dnf reads the rpm repository through the .rpm's own repository file, checking its signature", func(t *testing.T) {
		root := t.TempDir()
		rpms, err := filepath.Glob(filepath.Join(w.repo, "rpm", pkg+"-1.0.1-*.rpm"))
		require.NoError(t, err)
		require.Len(t, rpms, 1)
		unpack := exec.Command("sh", "-c", `rpm2archive - < "$1" | tar -xz -C "$2" ./etc`, "sh", rpms[0], root)
		out, err := unpack.CombinedOutput()
		require.NoError(t, err, "%s", out)
		repoFile := filepath.Join(root, "etc", "yum.repos.d", pkg+".repo")
		repo, err := os.ReadFile(repoFile)
		require.NoError(t, err)
		for _, line := range []string{"baseurl=" + w.url + "/rpm", "gpgcheck=1", "repo_gpgcheck=1", "gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-" + pkg} {
			assert.Contains(t, string(repo), "\n"+line+"\n")
		}
		// dnf runs in a root of its own here, where the package's key is under that root.
		inRoot := strings.Replace(string(repo), "file:///etc/", "file://"+root+"/etc/", 1)
		require.NoError(t, os.WriteFile(repoFile, []byte(inRoot), 0o644))
		conf := filepath.Join(root, "dnf.conf")
		require.NoError(t, os.WriteFile(conf, []byte("[main]\ngpgcheck=1\n"), 0o644))
		list := run(t, "dnf", "-y", "--installroot="+root, "--releasever=12", "--config="+conf, "--setopt=reposdir="+filepath.Dir(repoFile),
			"list", "--available", pkg)
		t.Log(list)
		assert.Contains(t, list, "Importing GPG key")
		assert.Regexp(t, pkg+`\.x86_64\s+1\.0\.1-1\s`, list)
	})

	t.Run("the Windows manifest names 1.0.1's installer, with its hash, signed for the brand's public key", func(t *testing.T) {
		data, err := os.ReadFile(filepath.Join(w.repo, "windows", "latest.json"))
		require.NoError(t, err)
		key, err := update.ParsePublicKey(w.windowsPublic)
		require.NoError(t, err)
		m, err := update.ParseManifest(data, "com.acme.updates", key)
		require.NoError(t, err)
		assert.Equal(t, "1.0.1", m.Version)
		name := "acme-updates-1.0.1-windows-amd64-installer.exe"
		assert.Equal(t, w.url+"/windows/"+name, m.URL)
		installer, err := os.ReadFile(filepath.Join(w.repo, "windows", name))
		require.NoError(t, err)
		assert.Equal(t, fmt.Sprintf("%x", sha256.Sum256(installer)), m.SHA256)
	})

	t.Run("removing the package removes its source and keyring", func(t *testing.T) {
		run(t, "apt-get", "remove", "-y", "-qq", waitForLock[0], waitForLock[1], pkg)
		assert.NoFileExists(t, sources)
		assert.NoFileExists(t, keyring)
	})
}

// dearmored is the repository's key.asc as a keyring gpgv reads.
func dearmored(t *testing.T, w *world) string {
	t.Helper()
	path := filepath.Join(w.dir, "key.gpg")
	run(t, "gpg", "--batch", "--yes", "--output", path, "--dearmor", filepath.Join(w.repo, "key.asc"))
	return path
}
