package app

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/profile"
	"jedidesk-desktop/app/widget"
)

// The page's TypeScript reads every value it shares with Go from one generated file; this test
// writes it (with -update, see `make contract`) and fails when it differs from what Go says.
var updateContract = flag.Bool("update", false, "rewrite frontend/src/shared/contract.ts from Go")

var contractFile = filepath.Join("..", "frontend", "src", "shared", "contract.ts")

// goEventNames names each event Go emits to the page as the page's code calls it.
var goEventNames = []struct{ name, event string }{
	{"widgetCommand", EventWidgetCommand},
	{"widgetState", EventWidgetState},
	{"editProfile", EventEditProfile},
	{"profileSaved", EventProfileSaved},
	{"editSettings", EventEditSettings},
	{"language", EventLanguage},
	{"shortcut", EventShortcut},
	{"notices", EventNotices},
	{"settings", EventSettings},
	{"fileDrop", EventFileDrop},
	{"updated", EventUpdated},
	{"proxySignIn", EventProxySignIn},
	{"network", EventNetwork},
}

// jsonFields are the JSON names of t's fields, in their order.
func jsonFields(t reflect.Type) []string {
	var names []string
	for i := range t.NumField() {
		names = append(names, strings.Split(t.Field(i).Tag.Get("json"), ",")[0])
	}
	return names
}

func strs[S ~string](values []S) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

func contractTS(t *testing.T) string {
	t.Helper()
	var b bytes.Buffer
	b.WriteString("// Generated from Go by `make contract` (app/contract_test.go): do not edit. Go owns these\n" +
		"// values (app/widget/contract.go, the app's page events, the profile's fields); `make test`\n" +
		"// fails when this file and Go differ.\n")
	list := func(doc, name string, values []string) {
		quoted := make([]string, len(values))
		for i, v := range values {
			out, err := json.Marshal(v)
			require.NoError(t, err)
			quoted[i] = string(out)
		}
		fmt.Fprintf(&b, "\n/** %s */\nexport const %s = [%s] as const;\n", doc, name, strings.Join(quoted, ", "))
	}
	b.WriteString("\n/** The events Go emits to the page, by the names the page uses. */\nexport const GO_EVENTS = {\n")
	for _, e := range goEventNames {
		fmt.Fprintf(&b, "  %s: %q,\n", e.name, e.event)
	}
	b.WriteString("} as const;\n")
	list("The widget's commands Go hands the page.", "WIDGET_COMMANDS", widget.Commands)
	list("The events the widget posts, which the page passes on to Go.", "WIDGET_EVENTS", widget.Events)
	list("Where the widget is in its life in the page.", "PHASES", strs(widget.Phases))
	list("The chat's connection since the page loaded.", "LINKS", strs(widget.Links))
	list("What the page reports of the widget's chat sockets.", "LINK_REPORTS", widget.SocketReports)
	list("Where the user's details are on their way to support.", "DELIVERY_STATUSES", strs(widget.Statuses))
	list("The statuses the page may report: what it saw on the socket.", "OUTCOMES", strs(widget.Reports))
	list("Reasons given with a delivery report.", "REASONS", widget.Reasons)
	list("Why the widget could not be loaded.", "FAILURES", widget.Failures)
	list("What the widget's service said of the token.", "TOKEN_VERDICTS", widget.TokenVerdicts)
	list("Why the page dropped a message from the widget's side.", "IGNORED", slices.Sorted(maps.Keys(ignoredFrameMessages)))
	list("The customerData fields the support team's server takes, in the widget's order.", "CUSTOMER_FIELDS", jsonFields(reflect.TypeFor[profile.Profile]()))
	return b.String()
}

func TestThePagesContractIsTheOneGoDefines(t *testing.T) {
	want := contractTS(t)
	if *updateContract {
		require.NoError(t, os.WriteFile(contractFile, []byte(want), 0o644))
		return
	}
	got, err := os.ReadFile(contractFile)
	require.NoError(t, err)
	assert.Equal(t, want, string(got), "%s is not what Go defines: run `make contract` and build the frontend", contractFile)
}
