package sniwatcher

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// busConfig is a session bus with no service files, so nothing is started on demand: what owns
// a name is what the test put there.
const busConfig = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`

// PrivateBus starts an empty session bus for t alone and points DBUS_SESSION_BUS_ADDRESS at it
// until t ends. Tests of D-Bus clients then need no dbus-run-session, cannot meet each other
// (go test runs packages side by side) and never touch the desktop's own bus and panel. It
// skips t where dbus-daemon is not installed.
func PrivateBus(t testing.TB) {
	t.Helper()
	privateBus(t, "DBUS_SESSION_BUS_ADDRESS")
}

// PrivateSystemBus is PrivateBus for the system bus (DBUS_SYSTEM_BUS_ADDRESS), where the
// stand-ins of system services such as logind go.
func PrivateSystemBus(t testing.TB) {
	t.Helper()
	privateBus(t, "DBUS_SYSTEM_BUS_ADDRESS")
}

func privateBus(t testing.TB, envVar string) {
	t.Helper()
	daemon, err := exec.LookPath("dbus-daemon")
	if err != nil {
		t.Skip("needs dbus-daemon (Debian package dbus) for a private session bus")
	}
	conf := filepath.Join(t.TempDir(), "bus.conf")
	if err := os.WriteFile(conf, []byte(busConfig), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(daemon, "--config-file="+conf, "--nofork", "--print-address")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start dbus-daemon: %v", err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	addr, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("read the private bus's address from dbus-daemon: %v", err)
	}
	t.Setenv(envVar, strings.TrimSpace(addr))
}
