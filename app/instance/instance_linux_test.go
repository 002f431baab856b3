package instance

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/godbus/dbus/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/wailsapp/wails/v2/pkg/options"
)

func TestAddressIsWhereWailsExportsItsLock(t *testing.T) {
	tests := []struct {
		uniqueID string
		name     string
		path     dbus.ObjectPath
	}{
		{"com.jedidesk.desktop", "org.wails_app_com_jedidesk_desktop.SingleInstance", "/org/wails_app_com_jedidesk_desktop/SingleInstance"},
		{"my-app.test-1", "org.wails_app_my_app_test_1.SingleInstance", "/org/wails_app_my_app_test_1/SingleInstance"},
	}
	for _, tt := range tests {
		t.Run(tt.uniqueID, func(t *testing.T) {
			name, path := address(tt.uniqueID)
			assert.Equal(t, tt.name, name)
			assert.Equal(t, tt.path, path)
			assert.True(t, path.IsValid())
		})
	}
}

func TestForwardHandsTheCommandLineToTheRunningApp(t *testing.T) {
	requireSessionBus(t)
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"an action", []string{"--toggle"}, []string{"--toggle"}},
		{"several flags", []string{"--send-profile", "--token", "abc"}, []string{"--send-profile", "--token", "abc"}},
		{"a plain launch", nil, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			running := startFakeInstance(t, testUniqueID(t))

			forwarded, err := Forward(testUniqueID(t), tt.args)

			require.NoError(t, err)
			assert.True(t, forwarded)
			require.Len(t, running.messages, 1, "the running app got the command line once")
			var got options.SecondInstanceData
			require.NoError(t, json.Unmarshal([]byte(<-running.messages), &got))
			assert.Equal(t, tt.want, got.Args)
			wd, err := os.Getwd()
			require.NoError(t, err)
			assert.Equal(t, wd, got.WorkingDirectory)
		})
	}
}

func TestForwardReportsNoRunningApp(t *testing.T) {
	requireSessionBus(t)
	forwarded, err := Forward(testUniqueID(t), []string{"--toggle"})
	require.NoError(t, err)
	assert.False(t, forwarded)
}

func TestForwardReachesOnlyTheAppWithTheSameID(t *testing.T) {
	requireSessionBus(t)
	other := startFakeInstance(t, testUniqueID(t)+".acme")

	forwarded, err := Forward(testUniqueID(t), []string{"--toggle"})

	require.NoError(t, err)
	assert.False(t, forwarded, "another brand's running app is not this one")
	assert.Empty(t, other.messages)
}

func TestForwardReportsARunningAppThatDoesNotTakeTheCommandLine(t *testing.T) {
	requireSessionBus(t)
	name, _ := address(testUniqueID(t))
	conn := connect(t)
	// The name is owned, but nothing answers SendMessage.
	reply, err := conn.RequestName(name, dbus.NameFlagDoNotQueue)
	require.NoError(t, err)
	require.Equal(t, dbus.RequestNameReplyPrimaryOwner, reply)

	forwarded, err := Forward(testUniqueID(t), []string{"--toggle"})

	require.Error(t, err)
	assert.Contains(t, err.Error(), "cannot pass this command to the running JediDesk")
	assert.False(t, forwarded)
}

func TestForwardWithoutASessionBusStartsNothing(t *testing.T) {
	tests := []struct {
		name    string
		address string
	}{
		{"no bus address", ""},
		{"a bus that is gone", "unix:path=" + filepath.Join(os.TempDir(), "jedidesk-no-such-bus")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("DBUS_SESSION_BUS_ADDRESS", tt.address)
			t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
			// A dbus-launch that leaves a mark shows whether a bus daemon would have been started.
			bin := t.TempDir()
			mark := filepath.Join(bin, "launched")
			require.NoError(t, os.WriteFile(filepath.Join(bin, "dbus-launch"), []byte("#!/bin/sh\n: >"+mark+"\nexit 1\n"), 0o755))
			t.Setenv("PATH", bin)

			forwarded, err := Forward("com.jedidesk.desktop", []string{"--toggle"})

			require.NoError(t, err)
			assert.False(t, forwarded)
			assert.NoFileExists(t, mark)
		})
	}
}

func requireSessionBus(t *testing.T) {
	t.Helper()
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		t.Skip("needs a D-Bus session bus: run under dbus-run-session -- go test ./app/instance/")
	}
}

// testUniqueID keeps each test's bus name apart from the others' and from a real JediDesk.
func testUniqueID(t *testing.T) string {
	return "com.jedidesk.test." + strings.NewReplacer("/", ".", " ", "_").Replace(t.Name())
}

func connect(t *testing.T) *dbus.Conn {
	t.Helper()
	conn, err := dbus.ConnectSessionBus()
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	return conn
}

// fakeInstance stands in for a running app: it exports SendMessage under the bus name and
// path, with the interface name, that Wails v2.9.2's lock uses.
type fakeInstance struct {
	messages chan string
}

func (f *fakeInstance) SendMessage(message string) *dbus.Error {
	f.messages <- message
	return nil
}

func startFakeInstance(t *testing.T, uniqueID string) *fakeInstance {
	t.Helper()
	f := &fakeInstance{messages: make(chan string, 4)}
	name, path := address(uniqueID)
	conn := connect(t)
	require.NoError(t, conn.Export(f, path, name))
	reply, err := conn.RequestName(name, dbus.NameFlagDoNotQueue)
	require.NoError(t, err)
	require.Equal(t, dbus.RequestNameReplyPrimaryOwner, reply)
	return f
}
