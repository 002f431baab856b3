package main

import (
	"bytes"
	"crypto/ed25519"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/update"
)

func TestAManifestSignedWithANewKeyVerifiesWithItsPublicHalf(t *testing.T) {
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "windows-update-key.pem")
	var out bytes.Buffer
	require.NoError(t, run([]string{"keygen", keyFile}, &out))
	printed := strings.TrimSpace(out.String())
	info, err := os.Stat(keyFile)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())

	out.Reset()
	require.NoError(t, run([]string{"public", keyFile}, &out))
	assert.Equal(t, printed, strings.TrimSpace(out.String()))
	pub, err := update.ParsePublicKey(printed)
	require.NoError(t, err)

	installer := filepath.Join(dir, "setup.exe")
	require.NoError(t, os.WriteFile(installer, []byte("MZ installer"), 0o644))
	out.Reset()
	require.NoError(t, run([]string{"sign", keyFile, "com.acme.support", "1.0.1", "https://updates.acme.example/windows/setup.exe", installer}, &out))
	m, err := update.ParseManifest(out.Bytes(), "com.acme.support", ed25519.PublicKey(pub))
	require.NoError(t, err)
	assert.Equal(t, "1.0.1", m.Version)
	assert.Equal(t, "https://updates.acme.example/windows/setup.exe", m.URL)
}

func TestAnExistingKeyIsNeverOverwritten(t *testing.T) {
	keyFile := filepath.Join(t.TempDir(), "key.pem")
	require.NoError(t, os.WriteFile(keyFile, []byte("kept"), 0o600))
	assert.ErrorContains(t, run([]string{"keygen", keyFile}, &bytes.Buffer{}), "cannot write the key")
	data, _ := os.ReadFile(keyFile)
	assert.Equal(t, "kept", string(data))
}

func TestAFileThatIsNotAKeyIsRefused(t *testing.T) {
	keyFile := filepath.Join(t.TempDir(), "key.pem")
	require.NoError(t, os.WriteFile(keyFile, []byte("-----BEGIN PGP PRIVATE KEY BLOCK-----\n"), 0o600))
	assert.ErrorContains(t, run([]string{"public", keyFile}, &bytes.Buffer{}), "is not a PEM private key")
}
