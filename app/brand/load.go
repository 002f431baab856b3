package brand

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	_ "image/png" // the icon may be a PNG
	"io"
	"net/mail"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"jedidesk-desktop/app/i18n"
	"jedidesk-desktop/app/settings"
	"jedidesk-desktop/app/update"
	"jedidesk-desktop/app/validation"
)

// MinIconSize is the smallest PNG icon accepted: the launcher and installer show it at 256 px.
const MinIconSize = 256

const (
	maxIDLength   = 100
	maxNameLength = 64
)

var (
	idPart  = regexp.MustCompile(`^[a-z][a-z0-9-]{0,62}$`)
	version = regexp.MustCompile(`^(0|[1-9][0-9]{0,4})\.(0|[1-9][0-9]{0,4})\.(0|[1-9][0-9]{0,4})$`)
)

// Characters Windows forbids in a folder name (the installer's folder is named after the app)
// and '$', which the installer's script would read as a variable.
const nameForbidden = `\/:*?"<>|$`

// Load reads and checks the brand file at path. The icon is resolved against the file's
// folder and returned as an absolute path. The error names the file and, for a bad value,
// every bad field, on one line.
func Load(path string) (Brand, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Brand{}, fmt.Errorf("cannot read the brand file: %w", err)
	}
	b, err := Parse(data)
	if err != nil {
		return Brand{}, fmt.Errorf("brand file %s: %w", path, err)
	}
	if b.Icon != "" && !filepath.IsAbs(b.Icon) {
		abs, err := filepath.Abs(filepath.Join(filepath.Dir(path), b.Icon))
		if err != nil {
			return Brand{}, fmt.Errorf("brand file %s: icon: %w", path, err)
		}
		b.Icon = abs
	}
	if err := b.Validate(); err != nil {
		return Brand{}, fmt.Errorf("brand file %s: %w", path, err)
	}
	return b, nil
}

// Parse decodes a brand file without checking its values. A key the format does not have is
// an error, so a typo never silently drops a setting.
func Parse(data []byte) (Brand, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var b Brand
	if err := dec.Decode(&b); err != nil {
		var syntax *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syntax):
			return Brand{}, fmt.Errorf("not valid JSON at byte %d: %w", syntax.Offset, err)
		case errors.As(err, &typ) && typ.Field == "":
			return Brand{}, errors.New("not a brand file: it must hold one JSON object with the brand's keys")
		case errors.As(err, &typ):
			return Brand{}, fmt.Errorf("%s: must be a string", typ.Field)
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			field := strings.TrimPrefix(err.Error(), "json: unknown field ")
			return Brand{}, fmt.Errorf("%s: unknown key; the keys are id, name, icon, token, widget_url, language, version, maintainer, update_url and update_public_key", strings.Trim(field, `"`))
		}
		return Brand{}, fmt.Errorf("not a brand file: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Brand{}, errors.New("more than one JSON value in the file")
	}
	return b, nil
}

// Validate checks every field; the icon must be an absolute path (Load makes it one). The
// error is a validation.Errors whose message names each bad field.
func (b Brand) Validate() error {
	var errs validation.Errors
	checkID(&errs, b.ID)
	checkName(&errs, b.Name)
	checkIcon(&errs, b.Icon)
	switch {
	case b.Token == "":
		errs.Add("token", validation.CodeRequired, "token: required: a branded app opens the company's chat, never the demo (the token is in the JediDesk admin panel)")
	case settings.ValidateToken(b.Token) != nil:
		errs.Add("token", validation.CodeInvalidCharacters, "token: "+settings.ValidateToken(b.Token).Error())
	}
	if b.WidgetURL != "" {
		if _, err := settings.NormalizeWidgetURL(b.WidgetURL); err != nil {
			errs.Add("widget_url", validation.CodeInvalidFormat, "widget_url: "+err.Error())
		}
	}
	if b.Language != "" && !slices.Contains(i18n.Languages, b.Language) {
		errs.Add("language", validation.CodeInvalidChoice, fmt.Sprintf("language: %q is not one the app speaks; use one of %s, or leave it out", b.Language, strings.Join(i18n.Languages, ", ")))
	}
	checkVersion(&errs, b.Version)
	checkMaintainer(&errs, b.Maintainer)
	checkUpdateURL(&errs, b.UpdateURL)
	if b.UpdatePublicKey != "" {
		if _, err := update.ParsePublicKey(b.UpdatePublicKey); err != nil {
			errs.Add("update_public_key", validation.CodeInvalidFormat, "update_public_key: "+err.Error()+" (docs/packaging.md says how to make one)")
		} else if b.UpdateURL == "" {
			errs.Add("update_public_key", validation.CodeRequired, "update_public_key: needs update_url, where the signed manifest is published")
		}
	}
	return errs.Err()
}

func checkID(errs *validation.Errors, id string) {
	const format = "id: must be reverse-DNS like com.acme.support: two or more parts separated by dots, each of lower-case letters a-z, digits and '-', starting with a letter"
	parts := strings.Split(id, ".")
	switch {
	case id == "":
		errs.Add("id", validation.CodeRequired, "id: required, reverse-DNS like com.acme.support")
	case len(id) > maxIDLength:
		errs.Add("id", validation.CodeTooLong, fmt.Sprintf("id: must be at most %d characters", maxIDLength))
	case len(parts) < 2 || slices.ContainsFunc(parts, func(p string) bool { return !idPart.MatchString(p) || strings.HasSuffix(p, "-") }):
		errs.Add("id", validation.CodeInvalidFormat, format)
	case id == DefaultID:
		errs.Add("id", validation.CodeDuplicate, "id: "+DefaultID+" is the plain JediDesk app's; choose one of your own, like com.acme.support")
	}
}

func checkName(errs *validation.Errors, name string) {
	switch {
	case strings.TrimSpace(name) == "":
		errs.Add("name", validation.CodeRequired, "name: required, like Acme Support")
	case !utf8.ValidString(name) || strings.ContainsFunc(name, unicode.IsControl):
		errs.Add("name", validation.CodeInvalidCharacters, "name: must be one line of text, without control characters")
	case strings.ContainsAny(name, nameForbidden):
		errs.Add("name", validation.CodeInvalidCharacters, `name: must not contain \ / : * ? " < > | or $ (the Windows installer's folder and script cannot hold them)`)
	case name != strings.TrimSpace(name) || strings.HasSuffix(name, "."):
		errs.Add("name", validation.CodeInvalidFormat, "name: must not start or end with a space, nor end with a dot (Windows folder names cannot)")
	case utf8.RuneCountInString(name) > maxNameLength:
		errs.Add("name", validation.CodeTooLong, fmt.Sprintf("name: must be at most %d characters", maxNameLength))
	}
}

func checkIcon(errs *validation.Errors, path string) {
	if path == "" {
		errs.Add("icon", validation.CodeRequired, "icon: required: an .svg, or a .png of at least 256×256 px")
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		errs.Add("icon", validation.CodeInvalidFormat, fmt.Sprintf("icon: cannot read %s (paths are relative to the brand file): %v", path, unwrapPath(err)))
		return
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".svg":
		if !isSVG(data) {
			errs.Add("icon", validation.CodeInvalidFormat, fmt.Sprintf("icon: %s is not an SVG drawing (no <svg> root element)", path))
		}
	case ".png":
		cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
		switch {
		case err != nil || format != "png":
			errs.Add("icon", validation.CodeInvalidFormat, fmt.Sprintf("icon: %s is not a PNG image", path))
		case cfg.Width != cfg.Height:
			errs.Add("icon", validation.CodeInvalidFormat, fmt.Sprintf("icon: %s is %d×%d px; icons must be square", path, cfg.Width, cfg.Height))
		case cfg.Width < MinIconSize:
			errs.Add("icon", validation.CodeInvalidFormat, fmt.Sprintf("icon: %s is %d×%d px; it must be at least %d×%d (or use an SVG)", path, cfg.Width, cfg.Height, MinIconSize, MinIconSize))
		}
	default:
		errs.Add("icon", validation.CodeInvalidFormat, fmt.Sprintf("icon: %s must be an .svg or a .png file", path))
	}
}

// unwrapPath drops the path a *PathError repeats, which the message already gives.
func unwrapPath(err error) error {
	var pathErr *os.PathError
	if errors.As(err, &pathErr) {
		return pathErr.Err
	}
	return err
}

// isSVG reports whether data is XML whose root element is <svg>.
func isSVG(data []byte) bool {
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		if start, ok := tok.(xml.StartElement); ok {
			return start.Name.Local == "svg"
		}
	}
}

func checkVersion(errs *validation.Errors, v string) {
	const format = "version: must be three numbers like 1.2.3, each 0 to 65535 (the Windows installer's version resource needs them)"
	m := version.FindStringSubmatch(v)
	switch {
	case v == "":
		errs.Add("version", validation.CodeRequired, "version: required, like 1.2.3")
	case m == nil:
		errs.Add("version", validation.CodeInvalidFormat, format)
	default:
		for _, part := range m[1:] {
			if n, _ := strconv.Atoi(part); n > 65535 {
				errs.Add("version", validation.CodeInvalidFormat, format)
				return
			}
		}
	}
}

func checkMaintainer(errs *validation.Errors, m string) {
	const format = "maintainer: must be a name and an email address, like Acme IT <it@acme.example>"
	if m == "" {
		errs.Add("maintainer", validation.CodeRequired, "maintainer: required, like Acme IT <it@acme.example>")
		return
	}
	addr, err := mail.ParseAddress(m)
	if err != nil || addr.Name == "" || strings.ContainsFunc(m, unicode.IsControl) {
		errs.Add("maintainer", validation.CodeInvalidFormat, format)
	}
}

// checkUpdateURL accepts an https base URL, or http on 127.0.0.1 (a test's loopback server):
// package managers would fetch a plain-http repository in the open, and its signature protects
// the packages but not which versions a listener sees.
func checkUpdateURL(errs *validation.Errors, raw string) {
	if raw == "" {
		return
	}
	const format = "update_url: must be an https:// base URL like https://updates.acme.example/support (http:// only for 127.0.0.1), without query, fragment or user name"
	u, err := url.Parse(raw)
	switch {
	case err != nil || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" || strings.ContainsAny(raw, " \t\n\r"):
		errs.Add("update_url", validation.CodeInvalidFormat, format)
	case u.Scheme == "https":
	case u.Scheme == "http" && u.Hostname() == "127.0.0.1":
	default:
		errs.Add("update_url", validation.CodeInvalidFormat, format)
	}
}
