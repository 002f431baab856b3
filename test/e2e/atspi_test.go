//go:build e2e

package e2e

import (
	"encoding/json"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// accessible is one object of the app as the accessibility bus tells a screen reader of it
// (testdata/atspi_tree.py).
type accessible struct {
	Role        string            `json:"role"`
	Name        string            `json:"name"`
	Description string            `json:"description"`
	States      []string          `json:"states"`
	Text        string            `json:"text"`
	Attributes  map[string]string `json:"attributes"`
}

// startAccessibilityBus starts the session's accessibility bus, as a desktop does at login.
func startAccessibilityBus(t *testing.T) {
	t.Helper()
	bus := exec.Command("/usr/libexec/at-spi-bus-launcher", "--launch-immediately")
	require.NoError(t, bus.Start(), "the accessibility bus (setup installs at-spi2-core)")
	t.Cleanup(func() {
		bus.Process.Kill()
		bus.Wait()
	})
}

// screenReaderView is the app's tree on the accessibility bus now.
func screenReaderView(t *testing.T, a *app) []accessible {
	t.Helper()
	out, err := exec.Command("/usr/bin/python3", "testdata/atspi_tree.py", strconv.Itoa(a.cmd.Process.Pid)).Output()
	require.NoError(t, err, "read the accessibility bus (setup installs python3-pyatspi)")
	var tree []accessible
	require.NoError(t, json.Unmarshal(out, &tree))
	return tree
}

func find(tree []accessible, ok func(accessible) bool) *accessible {
	for i := range tree {
		if ok(tree[i]) {
			return &tree[i]
		}
	}
	return nil
}

func TestAScreenReaderHearsTheAppInTheUILanguage(t *testing.T) {
	startAccessibilityBus(t)
	h := newHome(t)
	h.locale = "uk_UA.UTF-8"
	// The bridge on, as for any user (the other tests switch it off for their quiet).
	h.extraEnv = []string{"NO_AT_BRIDGE=0", "GTK_MODULES=gail:atk-bridge"}
	s := startStandIn(t)
	a := startOnStandIn(t, h, s)
	a.waitOutput("widget ready", stepTimeout)

	var tree []accessible
	require.Eventually(t, func() bool {
		tree = screenReaderView(t, a)
		return find(tree, func(n accessible) bool { return n.Role == "push button" && n.Name == "Відкрити чат" }) != nil
	}, stepTimeout, 500*time.Millisecond, "the bar's buttons are on the bus, named in Ukrainian")
	for _, name := range []string{"Відкрити чат", "Закрити чат", "Надіслати мої дані", "Редагувати профіль", "Налаштування"} {
		assert.NotNil(t, find(tree, func(n accessible) bool { return n.Role == "push button" && n.Name == name }), "a button named %q", name)
	}
	for _, n := range tree {
		if n.Role == "push button" && slices.Contains(n.States, "showing") {
			assert.NotEmpty(t, n.Name, "every button on screen has a name")
		}
	}
	status := find(tree, func(n accessible) bool {
		return n.Attributes["container-live"] == "polite" && strings.Contains(n.Text, "Чат")
	})
	require.NotNil(t, status, "the chat's state is in a live region")
	t.Logf("the chat's state, as announced: %q (%s)", status.Text, status.Role)
	frame := find(tree, func(n accessible) bool {
		return n.Role == "internal frame" || (n.Role == "document web" && n.Name == "Чат підтримки (JediDesk)")
	})
	require.NotNil(t, frame, "the chat's frame")
	assert.Contains(t, frame.Name+frame.Description, "Чат підтримки", "the chat's frame is named")

	// The editor: every field labelled; an error said with its field.
	a.saveABadEmail(s)
	require.Eventually(t, func() bool {
		tree = screenReaderView(t, a)
		return find(tree, func(n accessible) bool { return n.Role == "entry" && strings.HasPrefix(n.Name, "Ел") }) != nil
	}, stepTimeout, 500*time.Millisecond, "the editor's fields are on the bus")
	for _, n := range tree {
		if n.Role == "entry" && slices.Contains(n.States, "showing") {
			assert.NotEmpty(t, n.Name, "every field on screen is labelled: %+v", n)
		}
	}
	email := find(tree, func(n accessible) bool { return n.Role == "entry" && slices.Contains(n.States, "focused") })
	require.NotNil(t, email, "the field in error has the focus")
	assert.Contains(t, email.Description, "name@example.com", "the error is said with the field: %+v", *email)
	assert.Contains(t, email.States, "invalid entry", "and marked invalid")
}
