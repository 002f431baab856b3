package app

import (
	"bytes"
	"os"
	"reflect"
	"regexp"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/brand"
)

// Wails binds every exported method of every struct in Hooks.Bind: the page can call each of
// them, so each must be one it declares it calls, and each it declares must exist in Go.
func TestThePageDeclaresExactlyTheBoundMethods(t *testing.T) {
	source, err := os.ReadFile("../frontend/src/page/backend.ts")
	require.NoError(t, err)
	declared := interfacesIn(string(source))
	_, hooks := New(Setup{Brand: brand.Default(), ConfigDir: t.TempDir()}, Overrides{}, &bytes.Buffer{})
	require.NotEmpty(t, hooks.Bind)
	var structs []string
	for _, bound := range hooks.Bind {
		structs = append(structs, reflect.TypeOf(bound).Elem().Name())
	}
	assert.ElementsMatch(t, structs, windowGoApp(string(source)), "window.go.app in backend.ts names the bound structs")
	for _, bound := range hooks.Bind {
		typ := reflect.TypeOf(bound)
		name := typ.Elem().Name()
		t.Run(name, func(t *testing.T) {
			var methods []string
			for i := range typ.NumMethod() {
				methods = append(methods, typ.Method(i).Name)
			}
			members, ok := declared[name]
			require.True(t, ok, "backend.ts has no interface %s for window.go.app.%s", name, name)
			for _, m := range methods {
				assert.Contains(t, members, m, "%s.%s is bound but the page does not declare it: unexport it or move it off %s", name, m, name)
			}
			for _, m := range members {
				assert.Contains(t, methods, m, "backend.ts declares %s.%s, which Go does not bind", name, m)
			}
		})
	}
}

var (
	tsInterface = regexp.MustCompile(`(?ms)^export interface (\w+) \{\n(.*?)^\}`)
	tsMethod    = regexp.MustCompile(`(?m)^\s+(\w+)\(`)
	tsGoApp     = regexp.MustCompile(`go: \{ app: \{ ([^}]*) \} \}`)
	tsMember    = regexp.MustCompile(`(\w+): \w+`)
)

// windowGoApp are the members the source declares for window.go.app.
func windowGoApp(source string) []string {
	var names []string
	if m := tsGoApp.FindStringSubmatch(source); m != nil {
		for _, member := range tsMember.FindAllStringSubmatch(m[1], -1) {
			names = append(names, member[1])
		}
	}
	return names
}

// interfacesIn maps each exported interface of a TypeScript source to its method names.
func interfacesIn(source string) map[string][]string {
	out := map[string][]string{}
	for _, m := range tsInterface.FindAllStringSubmatch(source, -1) {
		var names []string
		for _, method := range tsMethod.FindAllStringSubmatch(m[2], -1) {
			names = append(names, method[1])
		}
		slices.Sort(names)
		out[m[1]] = names
	}
	return out
}
