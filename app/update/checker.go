package update

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
)

// Limits on what the server sends: a manifest is a few hundred bytes, an installer tens of MB.
const (
	maxManifest  = 64 << 10
	maxInstaller = 512 << 20
)

var (
	// ErrNotNewer: the manifest's version is the running one or older (a downgrade is never
	// installed).
	ErrNotNewer = errors.New("no newer version")
	// ErrForeignURL: the installer is not on update_url's host.
	ErrForeignURL = errors.New("the update's installer is not on the update server")
	// ErrHashMismatch: the download is not the installer the manifest signed for (altered or
	// cut short).
	ErrHashMismatch = errors.New("the downloaded installer does not match the signed manifest")
)

// Checker asks the update server for a newer version.
type Checker struct {
	// Base is the brand's update_url.
	Base *url.URL
	// AppID is the brand's id, which the manifest's signature covers.
	AppID string
	Key   ed25519.PublicKey
	// Running is this app's version.
	Running string
	HTTP    *http.Client
	// Dir is where downloads go (os.TempDir() when "").
	Dir string
}

// Download is a verified installer of a newer version.
type Download struct {
	Version string
	// Path is the installer, in Dir; the caller removes it when done.
	Path string
}

// Check fetches the manifest and, for a newer validly signed version, downloads its installer
// and checks its hash. Anything else is an error and leaves no file behind.
func (c *Checker) Check(ctx context.Context) (Download, error) {
	base := *c.Base
	if base.Path == "" || base.Path[len(base.Path)-1] != '/' {
		base.Path += "/"
	}
	manifestURL := base.ResolveReference(&url.URL{Path: ManifestPath})
	data, err := c.readAll(ctx, manifestURL.String(), maxManifest)
	if err != nil {
		return Download{}, err
	}
	m, err := ParseManifest(data, c.AppID, c.Key)
	if err != nil {
		return Download{}, err
	}
	if !Newer(m.Version, c.Running) {
		return Download{}, fmt.Errorf("%w: the server offers %s, this is %s", ErrNotNewer, m.Version, c.Running)
	}
	installer, err := url.Parse(m.URL)
	if err != nil || installer.Scheme != c.Base.Scheme || installer.Host != c.Base.Host || installer.User != nil {
		return Download{}, fmt.Errorf("%w: %s", ErrForeignURL, m.URL)
	}
	f, err := os.CreateTemp(c.Dir, "update-*.exe")
	if err != nil {
		return Download{}, fmt.Errorf("cannot keep the update: %w", err)
	}
	hash := sha256.New()
	err = c.copyTo(ctx, installer.String(), maxInstaller, io.MultiWriter(f, hash))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && hex.EncodeToString(hash.Sum(nil)) != m.SHA256 {
		err = ErrHashMismatch
	}
	if err != nil {
		_ = os.Remove(f.Name())
		return Download{}, err
	}
	return Download{Version: m.Version, Path: filepath.Clean(f.Name())}, nil
}

// get answers address, whose body the caller reads and closes: only an OK from the update
// server, with redirects kept on its host.
func (c *Checker) get(ctx context.Context, address string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, address, nil)
	if err != nil {
		return nil, err
	}
	client := http.Client{}
	if c.HTTP != nil {
		client = *c.HTTP
	}
	client.CheckRedirect = func(next *http.Request, via []*http.Request) error {
		if next.URL.Scheme != c.Base.Scheme || next.URL.Host != c.Base.Host {
			return fmt.Errorf("%w: redirected to %s", ErrForeignURL, next.URL.Redacted())
		}
		if len(via) >= 5 {
			return errors.New("the update server redirected too often")
		}
		return nil
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("the update server cannot be reached: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("the update server answered %s for %s", resp.Status, address)
	}
	return resp, nil
}

// readAll is the body of address, at most limit bytes.
func (c *Checker) readAll(ctx context.Context, address string, limit int64) ([]byte, error) {
	resp, err := c.get(ctx, address)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err == nil && int64(len(body)) > limit {
		err = fmt.Errorf("%s is larger than %d bytes", address, limit)
	}
	return body, err
}

// copyTo writes the body of address to out: all of it, at most limit bytes, or an error.
func (c *Checker) copyTo(ctx context.Context, address string, limit int64, out io.Writer) error {
	resp, err := c.get(ctx, address)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	n, err := io.Copy(out, io.LimitReader(resp.Body, limit+1))
	if err == nil && n > limit {
		err = fmt.Errorf("%s is larger than %d bytes", address, limit)
	}
	if err != nil {
		return fmt.Errorf("the update's download failed: %w", err)
	}
	return nil
}
