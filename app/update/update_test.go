package update

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const appID = "com.acme.support"

// server is a stand-in update server: its manifest and installer, as the test sets them.
type server struct {
	*httptest.Server
	key       ed25519.PrivateKey
	installer []byte
	manifest  []byte
	// cut ends the installer's download early, as a dropped connection does.
	cut bool
}

func newServer(t *testing.T) *server {
	t.Helper()
	_, key, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	s := &server{key: key, installer: []byte("MZ… the 1.0.1 installer")}
	mux := http.NewServeMux()
	mux.HandleFunc("/updates/windows/latest.json", func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write(s.manifest) })
	mux.HandleFunc("/updates/windows/setup.exe", func(w http.ResponseWriter, r *http.Request) {
		if s.cut {
			w.Header().Set("Content-Length", strconv.Itoa(len(s.installer)))
			_, _ = w.Write(s.installer[:len(s.installer)/2])
			return
		}
		_, _ = w.Write(s.installer)
	})
	mux.HandleFunc("/updates/windows/elsewhere", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://127.0.0.9:1/setup.exe", http.StatusFound)
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	s.publish(t, s.good(), s.key)
	return s
}

// good is the manifest of version 1.0.1 for the installer the server holds.
func (s *server) good() Manifest {
	sum := sha256.Sum256(s.installer)
	return Manifest{Version: "1.0.1", URL: s.URL + "/updates/windows/setup.exe", SHA256: hex.EncodeToString(sum[:])}
}

func (s *server) publish(t *testing.T, m Manifest, key ed25519.PrivateKey) {
	t.Helper()
	if key != nil {
		m = Sign(m, appID, key)
	}
	data, err := json.Marshal(m)
	require.NoError(t, err)
	s.manifest = data
}

func (s *server) checker(t *testing.T, running string) *Checker {
	base, err := url.Parse(s.URL + "/updates")
	require.NoError(t, err)
	return &Checker{Base: base, AppID: appID, Key: s.key.Public().(ed25519.PublicKey), Running: running, Dir: t.TempDir()}
}

func TestAValidlySignedNewerVersionIsDownloadedAndVerified(t *testing.T) {
	s := newServer(t)
	c := s.checker(t, "1.0.0")

	d, err := c.Check(context.Background())

	require.NoError(t, err)
	assert.Equal(t, "1.0.1", d.Version)
	data, err := os.ReadFile(d.Path)
	require.NoError(t, err)
	assert.Equal(t, s.installer, data)
}

func TestAnUpdateThatCannotBeTrustedIsRefusedAndNothingIsKept(t *testing.T) {
	_, otherKey, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	tests := []struct {
		name    string
		running string
		set     func(t *testing.T, s *server)
		want    error
		says    string
	}{
		{"unsigned", "1.0.0", func(t *testing.T, s *server) { s.publish(t, s.good(), nil) }, ErrUnsigned, ""},
		{"signed with another key", "1.0.0", func(t *testing.T, s *server) { s.publish(t, s.good(), otherKey) }, ErrBadSignature, ""},
		{"tampered after signing", "1.0.0", func(t *testing.T, s *server) {
			m := Sign(s.good(), appID, s.key)
			m.Version = "1.0.2"
			data, _ := json.Marshal(m)
			s.manifest = data
		}, ErrBadSignature, ""},
		{"signed for another of the company's apps", "1.0.0", func(t *testing.T, s *server) {
			m := Sign(s.good(), "com.acme.other", s.key)
			data, _ := json.Marshal(m)
			s.manifest = data
		}, ErrBadSignature, ""},
		{"installer altered", "1.0.0", func(t *testing.T, s *server) { s.installer = []byte("MZ… something else") }, ErrHashMismatch, ""},
		{"download cut short", "1.0.0", func(t *testing.T, s *server) { s.cut = true }, nil, "download failed"},
		{"a downgrade", "1.1.0", func(t *testing.T, s *server) {}, ErrNotNewer, ""},
		{"the running version", "1.0.1", func(t *testing.T, s *server) {}, ErrNotNewer, ""},
		{"installer on another host", "1.0.0", func(t *testing.T, s *server) {
			m := s.good()
			m.URL = "http://127.0.0.9:1/setup.exe"
			s.publish(t, m, s.key)
		}, ErrForeignURL, ""},
		{"redirected to another host", "1.0.0", func(t *testing.T, s *server) {
			m := s.good()
			m.URL = s.URL + "/updates/windows/elsewhere"
			s.publish(t, m, s.key)
		}, ErrForeignURL, ""},
		{"not a manifest", "1.0.0", func(t *testing.T, s *server) { s.manifest = []byte("<html>") }, nil, "not valid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(t)
			tt.set(t, s)
			c := s.checker(t, tt.running)

			_, err := c.Check(context.Background())

			require.Error(t, err)
			if tt.want != nil {
				assert.ErrorIs(t, err, tt.want)
			}
			assert.Contains(t, err.Error(), tt.says)
			left, rerr := os.ReadDir(c.Dir)
			require.NoError(t, rerr)
			assert.Empty(t, left, "nothing half-downloaded is kept")
		})
	}
}

func TestAnUnreachableServerIsTriedAgainLaterSilently(t *testing.T) {
	s := newServer(t)
	c := s.checker(t, "1.0.0")
	s.Close()
	base, err := url.Parse("http://127.0.0.9:1/updates")
	require.NoError(t, err)
	c.Base = base

	var failures []error
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	found := false
	Schedule(ctx, c, time.Millisecond, 20*time.Millisecond, func(Download) { found = true }, func(err error) {
		failures = append(failures, err)
		if len(failures) == 3 {
			cancel()
		}
	})

	assert.False(t, found)
	require.Len(t, failures, 3, "tried again at each interval")
	assert.Contains(t, failures[0].Error(), "cannot be reached")
}

func TestTheScheduleHandsOverTheFirstVerifiedUpdate(t *testing.T) {
	s := newServer(t)
	c := s.checker(t, "1.0.0")
	got := make(chan Download, 1)
	Schedule(context.Background(), c, time.Millisecond, time.Hour, func(d Download) { got <- d }, func(err error) { t.Error(err) })
	assert.Equal(t, "1.0.1", (<-got).Version)
}

func TestVersionsCompareAsNumbers(t *testing.T) {
	tests := []struct {
		a, b  string
		newer bool
	}{
		{"1.0.10", "1.0.9", true},
		{"2.0.0", "1.99.99", true},
		{"1.0.0", "1.0.0", false},
		{"0.9.0", "1.0.0", false},
	}
	for _, tt := range tests {
		t.Run(tt.a+" vs "+tt.b, func(t *testing.T) { assert.Equal(t, tt.newer, Newer(tt.a, tt.b)) })
	}
}

func TestAPublicKeyIsBase64Of32Bytes(t *testing.T) {
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	for _, bad := range []string{"", "not base64!", "AAAA"} {
		_, err := ParsePublicKey(bad)
		assert.Error(t, err, bad)
	}
	good, err := ParsePublicKey(EncodePublicKey(pub))
	require.NoError(t, err)
	assert.Equal(t, pub, good)
}
