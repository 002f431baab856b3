// Package update is the Windows update channel: the brand's update_url serves
// windows/latest.json, a manifest naming the newest installer with its SHA-256 and an Ed25519
// signature by the company's key, whose public half is baked into the app. The app checks it
// (Checker), downloads a newer installer to a temporary file and keeps it only when its hash
// matches a validly signed manifest; starting the installer is the one Windows-only step
// (Apply). On Linux the package manager updates the app instead (make repo, docs/packaging.md).
package update

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// ManifestPath is the manifest's place under the brand's update_url.
const ManifestPath = "windows/latest.json"

// Manifest is windows/latest.json.
type Manifest struct {
	Version string `json:"version"`
	// URL is the installer's address, on update_url's host.
	URL string `json:"url"`
	// SHA256 is the installer's hash, in lower-case hex.
	SHA256 string `json:"sha256"`
	// Signature is the Ed25519 signature (base64) of Message.
	Signature string `json:"signature"`
}

var (
	versionPattern = regexp.MustCompile(`^(0|[1-9][0-9]{0,4})\.(0|[1-9][0-9]{0,4})\.(0|[1-9][0-9]{0,4})$`)
	hexSHA256      = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// Message is what the signature covers: every field, and the app's id, so a manifest signed
// for one of a company's apps is never taken by another.
func (m Manifest) Message(appID string) []byte {
	return []byte("jedidesk-desktop windows update\n" + appID + "\n" + m.Version + "\n" + m.URL + "\n" + m.SHA256 + "\n")
}

// Sign returns m signed with key for the app appID.
func Sign(m Manifest, appID string, key ed25519.PrivateKey) Manifest {
	m.Signature = base64.StdEncoding.EncodeToString(ed25519.Sign(key, m.Message(appID)))
	return m
}

// ParseManifest decodes and checks a manifest: its fields' forms and its signature by key.
func ParseManifest(data []byte, appID string, key ed25519.PublicKey) (Manifest, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var m Manifest
	if err := dec.Decode(&m); err != nil {
		return Manifest{}, fmt.Errorf("the update manifest is not valid: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Manifest{}, errors.New("the update manifest holds more than one JSON value")
	}
	switch {
	case !versionPattern.MatchString(m.Version):
		return Manifest{}, fmt.Errorf("the update manifest's version %q is not like 1.2.3", m.Version)
	case !hexSHA256.MatchString(m.SHA256):
		return Manifest{}, errors.New("the update manifest's sha256 is not a SHA-256 in hex")
	case m.Signature == "":
		return Manifest{}, ErrUnsigned
	}
	sig, err := base64.StdEncoding.DecodeString(m.Signature)
	if err != nil || len(key) != ed25519.PublicKeySize || !ed25519.Verify(key, m.Message(appID), sig) {
		return Manifest{}, ErrBadSignature
	}
	return m, nil
}

// EncodePublicKey is key as a brand's update_public_key.
func EncodePublicKey(key ed25519.PublicKey) string { return base64.StdEncoding.EncodeToString(key) }

// ParsePublicKey reads a brand's update_public_key: an Ed25519 public key in base64.
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(s))
	if err != nil || len(raw) != ed25519.PublicKeySize {
		return nil, errors.New("must be an Ed25519 public key in base64 (44 characters)")
	}
	return ed25519.PublicKey(raw), nil
}

// Newer reports whether version a is newer than b (both like 1.2.3, numbers compared).
func Newer(a, b string) bool {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := range 3 {
		x, _ := strconv.Atoi(pa[i])
		y, _ := strconv.Atoi(pb[i])
		if x != y {
			return x > y
		}
	}
	return false
}

var (
	// ErrUnsigned: the manifest carries no signature.
	ErrUnsigned = errors.New("the update manifest is not signed")
	// ErrBadSignature: the signature is not the app's publisher's for this manifest.
	ErrBadSignature = errors.New("the update manifest's signature is not valid for this app's key")
)
