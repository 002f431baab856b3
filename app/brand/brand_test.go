package brand_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"jedidesk-desktop/app/brand"
)

func TestNamesAreDerivedFromTheID(t *testing.T) {
	tests := []struct {
		name     string
		id       string
		command  string
		runValue string
		desktop  string
	}{
		{"the plain app keeps the names it always had", brand.DefaultID, "jedidesk-desktop", "JediDesk Desktop", "jedidesk-desktop.desktop"},
		{"a company's app", "com.acme.support", "acme-support", "com.acme.support", "acme-support.desktop"},
		{"two parts", "ua.bank", "bank", "ua.bank", "bank.desktop"},
		{"dashes stay", "io.github.acme-corp.help-desk", "github-acme-corp-help-desk", "io.github.acme-corp.help-desk", "github-acme-corp-help-desk.desktop"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := brand.Brand{ID: tt.id}
			assert.Equal(t, tt.command, b.Command())
			assert.Equal(t, tt.runValue, b.RunValue())
			assert.Equal(t, tt.desktop, b.DesktopFile())
		})
	}
}

func TestTwoBrandsAndThePlainAppNeverShareANameThatIdentifiesThem(t *testing.T) {
	apps := []brand.Brand{brand.Default(), {ID: "com.acme.support"}, {ID: "com.globex.help"}}
	seen := map[string]string{}
	for _, b := range apps {
		for _, name := range []string{b.ID, b.Command(), b.RunValue()} {
			if other, ok := seen[name]; ok && other != b.ID {
				t.Errorf("%s and %s both use %q", other, b.ID, name)
			}
			seen[name] = b.ID
		}
	}
}

func TestAPlainBuildIsTheJediDeskApp(t *testing.T) {
	assert.Equal(t, brand.Default(), brand.Built())
	assert.Equal(t, "jedidesk-desktop", brand.Built().Command())
	assert.Empty(t, brand.Built().Token, "the plain app starts with the demo")
	assert.Equal(t, brand.Icons{}, brand.BuiltIcons())
}
