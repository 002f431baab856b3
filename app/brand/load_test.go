package brand_test

import (
	"encoding/json"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/brand"
	"jedidesk-desktop/app/validation"
)

const svgIcon = `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>`

func writePNG(t *testing.T, path string, w, h int) {
	t.Helper()
	f, err := os.Create(path)
	require.NoError(t, err)
	defer f.Close()
	require.NoError(t, png.Encode(f, image.NewNRGBA(image.Rect(0, 0, w, h))))
}

// brandDir holds a good brand file's icons and every kind of bad one.
func brandDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "acme.svg"), []byte(svgIcon), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "html.svg"), []byte(`<html><body/></html>`), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "fake.png"), []byte("not a picture"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "icon.jpg"), []byte("jpeg"), 0o644))
	writePNG(t, filepath.Join(dir, "big.png"), 512, 512)
	writePNG(t, filepath.Join(dir, "exact.png"), 256, 256)
	writePNG(t, filepath.Join(dir, "small.png"), 255, 255)
	writePNG(t, filepath.Join(dir, "wide.png"), 512, 256)
	return dir
}

func goodBrand() map[string]any {
	return map[string]any{
		"id": "com.acme.support", "name": "Acme Support", "icon": "acme.svg", "token": "acme_tok-1.x",
		"widget_url": "https://chat.acme.example", "language": "uk", "version": "1.2.3",
		"maintainer": "Acme IT <it@acme.example>",
	}
}

func writeBrand(t *testing.T, dir string, fields map[string]any) string {
	t.Helper()
	data, err := json.Marshal(fields)
	require.NoError(t, err)
	path := filepath.Join(dir, "brand.json")
	require.NoError(t, os.WriteFile(path, data, 0o644))
	return path
}

func TestAGoodBrandFileLoadsWithItsIconMadeAbsolute(t *testing.T) {
	dir := brandDir(t)
	b, err := brand.Load(writeBrand(t, dir, goodBrand()))
	require.NoError(t, err)
	assert.Equal(t, brand.Brand{
		ID: "com.acme.support", Name: "Acme Support", Icon: filepath.Join(dir, "acme.svg"), Token: "acme_tok-1.x",
		WidgetURL: "https://chat.acme.example", Language: "uk", Version: "1.2.3", Maintainer: "Acme IT <it@acme.example>",
	}, b)
}

func TestOptionalFieldsMayBeLeftOut(t *testing.T) {
	dir := brandDir(t)
	fields := goodBrand()
	delete(fields, "widget_url")
	delete(fields, "language")
	b, err := brand.Load(writeBrand(t, dir, fields))
	require.NoError(t, err)
	assert.Empty(t, b.WidgetURL)
	assert.Empty(t, b.Language)
}

func TestGoodValuesOfEachFieldAreAccepted(t *testing.T) {
	tests := []struct {
		field string
		value any
	}{
		{"id", "io.github.acme-corp.help-desk2"},
		{"id", "ua.bank"},
		{"name", "Служба підтримки «Акме» 🚀"},
		{"name", strings.Repeat("ж", 64)},
		{"icon", "big.png"},
		{"icon", "exact.png"},
		{"token", strings.Repeat("t", 128)},
		{"widget_url", "http://127.0.0.1:8080"},
		{"language", "en"},
		{"language", "ru"},
		{"version", "0.0.0"},
		{"version", "65535.10.0"},
		{"maintainer", "Акме ІТ <it@acme.example>"},
		{"maintainer", `"Acme, IT" <it@acme.example>`},
		{"update_url", "https://updates.acme.example/support"},
		{"update_url", "https://updates.acme.example:8443/"},
		{"update_url", "http://127.0.0.1:8080/repo"},
	}
	for _, tt := range tests {
		t.Run(tt.field+"="+tt.value.(string), func(t *testing.T) {
			dir := brandDir(t)
			fields := goodBrand()
			fields[tt.field] = tt.value
			_, err := brand.Load(writeBrand(t, dir, fields))
			assert.NoError(t, err)
		})
	}
}

func TestEachBadFieldIsNamedInOneLine(t *testing.T) {
	tests := []struct {
		name  string
		field string
		value any // nil removes the key
		code  string
		says  string
	}{
		{"id missing", "id", nil, validation.CodeRequired, "id: required"},
		{"id one part", "id", "acme", validation.CodeInvalidFormat, "id: must be reverse-DNS"},
		{"id upper case", "id", "com.Acme.support", validation.CodeInvalidFormat, "id: must be reverse-DNS"},
		{"id part starts with a digit", "id", "com.1acme.support", validation.CodeInvalidFormat, "id: must be reverse-DNS"},
		{"id empty part", "id", "com..support", validation.CodeInvalidFormat, "id: must be reverse-DNS"},
		{"id trailing dot", "id", "com.acme.", validation.CodeInvalidFormat, "id: must be reverse-DNS"},
		{"id part ends with a dash", "id", "com.acme-.support", validation.CodeInvalidFormat, "id: must be reverse-DNS"},
		{"id underscore", "id", "com.acme_corp.support", validation.CodeInvalidFormat, "id: must be reverse-DNS"},
		{"id space", "id", "com.acme support", validation.CodeInvalidFormat, "id: must be reverse-DNS"},
		{"id part longer than 63", "id", "com." + strings.Repeat("a", 64), validation.CodeInvalidFormat, "id: must be reverse-DNS"},
		{"id too long", "id", "com." + strings.Repeat("a.", 50) + "b", validation.CodeTooLong, "id: must be at most 100"},
		{"id of the plain app", "id", brand.DefaultID, validation.CodeDuplicate, "id: com.jedidesk.desktop is the plain JediDesk app's"},
		{"id not a string", "id", 7, "", "id: must be a string"},
		{"name missing", "name", nil, validation.CodeRequired, "name: required"},
		{"name blank", "name", "   ", validation.CodeRequired, "name: required"},
		{"name two lines", "name", "Acme\nSupport", validation.CodeInvalidCharacters, "name: must be one line"},
		{"name with a quote", "name", `Acme "Support"`, validation.CodeInvalidCharacters, "name: must not contain"},
		{"name with a slash", "name", "Acme/Support", validation.CodeInvalidCharacters, "name: must not contain"},
		{"name with a dollar", "name", "Acme $upport", validation.CodeInvalidCharacters, "name: must not contain"},
		{"name with a colon", "name", "Acme: Support", validation.CodeInvalidCharacters, "name: must not contain"},
		{"name with surrounding space", "name", " Acme", validation.CodeInvalidFormat, "name: must not start or end with a space"},
		{"name ending in a dot", "name", "Acme Inc.", validation.CodeInvalidFormat, "nor end with a dot"},
		{"name too long", "name", strings.Repeat("ж", 65), validation.CodeTooLong, "name: must be at most 64"},
		{"icon missing", "icon", nil, validation.CodeRequired, "icon: required"},
		{"icon file missing", "icon", "nope.svg", validation.CodeInvalidFormat, "icon: cannot read"},
		{"icon of another format", "icon", "icon.jpg", validation.CodeInvalidFormat, "must be an .svg or a .png file"},
		{"icon SVG that is not one", "icon", "html.svg", validation.CodeInvalidFormat, "is not an SVG drawing"},
		{"icon PNG that is not one", "icon", "fake.png", validation.CodeInvalidFormat, "is not a PNG image"},
		{"icon PNG too small", "icon", "small.png", validation.CodeInvalidFormat, "is 255×255 px; it must be at least 256×256"},
		{"icon PNG not square", "icon", "wide.png", validation.CodeInvalidFormat, "icons must be square"},
		{"token missing", "token", nil, validation.CodeRequired, "token: required"},
		{"token empty", "token", "", validation.CodeRequired, "token: required"},
		{"token with a quote", "token", `ab"c`, validation.CodeInvalidCharacters, "token: token may only contain"},
		{"token too long", "token", strings.Repeat("t", 129), validation.CodeInvalidCharacters, "token: token must be at most 128"},
		{"widget_url not http", "widget_url", "javascript:alert(1)", validation.CodeInvalidFormat, "widget_url: widget URL must be an http:// or https:// address"},
		{"widget_url with a query", "widget_url", "https://chat.acme.example/?x=1", validation.CodeInvalidFormat, "widget_url: widget URL must not contain a query"},
		{"language unknown", "language", "de", validation.CodeInvalidChoice, `language: "de" is not one the app speaks`},
		{"language as a locale", "language", "uk_UA", validation.CodeInvalidChoice, `language: "uk_UA"`},
		{"version missing", "version", nil, validation.CodeRequired, "version: required"},
		{"version two numbers", "version", "1.2", validation.CodeInvalidFormat, "version: must be three numbers"},
		{"version four numbers", "version", "1.2.3.4", validation.CodeInvalidFormat, "version: must be three numbers"},
		{"version with a suffix", "version", "1.2.3-beta", validation.CodeInvalidFormat, "version: must be three numbers"},
		{"version with a v", "version", "v1.2.3", validation.CodeInvalidFormat, "version: must be three numbers"},
		{"version leading zero", "version", "01.2.3", validation.CodeInvalidFormat, "version: must be three numbers"},
		{"version part too big", "version", "65536.0.0", validation.CodeInvalidFormat, "each 0 to 65535"},
		{"maintainer missing", "maintainer", nil, validation.CodeRequired, "maintainer: required"},
		{"maintainer without a name", "maintainer", "it@acme.example", validation.CodeInvalidFormat, "maintainer: must be a name and an email address"},
		{"maintainer without an address", "maintainer", "Acme IT", validation.CodeInvalidFormat, "maintainer: must be a name and an email address"},
		{"maintainer bad address", "maintainer", "Acme IT <it at acme>", validation.CodeInvalidFormat, "maintainer: must be a name and an email address"},
		{"update_url over http", "update_url", "http://updates.acme.example", validation.CodeInvalidFormat, "update_url: must be an https:// base URL"},
		{"update_url over http to localhost by name", "update_url", "http://localhost:8080", validation.CodeInvalidFormat, "http:// only for 127.0.0.1"},
		{"update_url not a URL", "update_url", "updates.acme.example", validation.CodeInvalidFormat, "update_url: must be an https:// base URL"},
		{"update_url with a query", "update_url", "https://updates.acme.example/?channel=beta", validation.CodeInvalidFormat, "update_url: must be an https:// base URL"},
		{"update_url with a user", "update_url", "https://it:secret@updates.acme.example/", validation.CodeInvalidFormat, "update_url: must be an https:// base URL"},
		{"update_url with a space", "update_url", "https://updates.acme.example/a b", validation.CodeInvalidFormat, "update_url: must be an https:// base URL"},
		{"update_public_key not a key", "update_public_key", "abc", validation.CodeInvalidFormat, "update_public_key: must be an Ed25519 public key"},
		{"unknown key", "homepage", "https://acme.example", "", "homepage: unknown key; the keys are id, name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := brandDir(t)
			fields := goodBrand()
			if tt.value == nil {
				delete(fields, tt.field)
			} else {
				fields[tt.field] = tt.value
			}
			path := writeBrand(t, dir, fields)

			_, err := brand.Load(path)

			require.Error(t, err)
			assert.NotContains(t, err.Error(), "\n", "one line")
			assert.Contains(t, err.Error(), "brand file "+path+": ")
			assert.Contains(t, err.Error(), tt.says)
			if tt.code != "" {
				var errs validation.Errors
				require.ErrorAs(t, err, &errs)
				assert.Equal(t, []validation.FieldError{{Field: tt.field, Code: tt.code, Message: errs[0].Message}}, []validation.FieldError(errs),
					"only the bad field is reported")
			}
		})
	}
}

func TestSeveralBadFieldsAreAllNamedInOneLine(t *testing.T) {
	dir := brandDir(t)
	fields := goodBrand()
	fields["version"] = "1"
	fields["language"] = "de"
	_, err := brand.Load(writeBrand(t, dir, fields))
	require.Error(t, err)
	assert.Regexp(t, `^brand file .*: language: .*; version: must be three numbers`, err.Error())
}

func TestAFileThatIsNotABrandFileSaysWhy(t *testing.T) {
	tests := []struct {
		name, content, says string
	}{
		{"not JSON", "id=com.acme.support", "not valid JSON"},
		{"an array", "[]", "not a brand file"},
		{"two objects", "{} {}", "more than one JSON value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "brand.json")
			require.NoError(t, os.WriteFile(path, []byte(tt.content), 0o644))
			_, err := brand.Load(path)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.says)
			assert.NotContains(t, err.Error(), "\n")
		})
	}
}

func TestAMissingBrandFileIsNamed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope.json")
	_, err := brand.Load(path)
	require.ErrorIs(t, err, os.ErrNotExist)
	assert.Contains(t, err.Error(), path)
}

func TestAnAbsoluteIconPathIsUsedAsItIs(t *testing.T) {
	icons := brandDir(t)
	fields := goodBrand()
	fields["icon"] = filepath.Join(icons, "big.png")
	b, err := brand.Load(writeBrand(t, t.TempDir(), fields))
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(icons, "big.png"), b.Icon)
}

func TestAnUpdatePublicKeyGoesWithAnUpdateURL(t *testing.T) {
	dir := brandDir(t)
	fields := goodBrand()
	fields["update_public_key"] = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="
	_, err := brand.Load(writeBrand(t, dir, fields))
	assert.ErrorContains(t, err, "update_public_key: needs update_url")

	fields["update_url"] = "https://updates.acme.example/support"
	b, err := brand.Load(writeBrand(t, dir, fields))
	require.NoError(t, err)
	assert.Equal(t, "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=", b.UpdatePublicKey)
}
