//go:build e2e

package e2e

import (
	endian "encoding/binary"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/test/standin"
)

// sounds are what became of the stand-in widget's new-message sounds.
func sounds(records []standin.Record) []map[string]any {
	var out []map[string]any
	for _, r := range ofType(records, "sound") {
		var result map[string]any
		_ = json.Unmarshal(r.Result, &result)
		out = append(out, result)
	}
	return out
}

func soundEnded(n int) func([]standin.Record) bool {
	return func(records []standin.Record) bool {
		ended := 0
		for _, s := range sounds(records) {
			if s["ended"] == true {
				ended++
			}
		}
		return ended >= n
	}
}

func TestTheWidgetsNewMessageSoundPlays(t *testing.T) {
	h := newHome(t)
	s := startStandIn(t)
	a := startApp(t, h, "--widget-url", s.URL)
	openChatSession(t, a, s)

	require.NoError(t, s.AgentMessage("We are looking into it."))
	records := waitRecords(t, s, stepTimeout, "the new-message sound to play to its end", soundEnded(1))
	for _, result := range sounds(records) {
		assert.NotContains(t, result, "error", "the sound played")
	}
}

// startSoundServer runs a PulseAudio server with one silent output ("speakers", a null sink)
// for the app, so that a test can record what the app plays.
func startSoundServer(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_RUNTIME_DIR", dir)
	t.Setenv("PULSE_SERVER", "unix:"+filepath.Join(dir, "pulse", "native"))
	cmd := exec.Command("pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--log-target=stderr",
		"-L", "module-native-protocol-unix", "-L", "module-null-sink sink_name=speakers")
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	require.Eventually(t, func() bool { return exec.Command("pactl", "info").Run() == nil }, stepTimeout, 100*time.Millisecond, "PulseAudio started")
}

// recordSpeakers records what the speakers play until stop is called, and returns the loudest
// sample (16-bit) it heard.
func recordSpeakers(t *testing.T) (stop func() int) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "speakers.raw")
	out, err := os.Create(file)
	require.NoError(t, err)
	cmd := exec.Command("parec", "--device=speakers.monitor", "--format=s16le", "--rate=22050", "--channels=1", "--raw")
	cmd.Stdout = out
	require.NoError(t, cmd.Start())
	return func() int {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		out.Close()
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		peak := 0
		for i := 0; i+1 < len(data); i += 2 {
			v := int(int16(endian.LittleEndian.Uint16(data[i:])))
			peak = max(peak, v, -v)
		}
		return peak
	}
}

func TestTheSoundsSettingMutesTheChat(t *testing.T) {
	startSoundServer(t)
	h := newHome(t)
	s := startStandIn(t)
	a := startApp(t, h, "--widget-url", s.URL)
	openChatSession(t, a, s)

	// Sounds on (the default): the speakers play the widget's sound.
	stop := recordSpeakers(t)
	require.NoError(t, s.AgentMessage("First reply."))
	waitRecords(t, s, stepTimeout, "the first sound to play", soundEnded(1))
	time.Sleep(300 * time.Millisecond) // what the speakers played reaches the recording
	assert.Greater(t, stop(), 3000, "the sound was heard")

	// Off in the settings, at once and remembered: the widget still plays it, nobody hears it.
	a.press("ctrl+comma")
	waitQuery(t, s, "#s-sounds", func(e Element) bool { return !e.Hidden })
	a.click(t, s, "#s-sounds")
	require.Eventually(t, func() bool { return savedSettings(t, h)["sounds_off"] == true }, stepTimeout, 100*time.Millisecond, "sounds off is saved")
	screenshot(t, "sounds-off-setting")
	stop = recordSpeakers(t)
	require.NoError(t, s.AgentMessage("Second reply."))
	waitRecords(t, s, stepTimeout, "the second sound to play", soundEnded(2))
	time.Sleep(300 * time.Millisecond)
	assert.Less(t, stop(), 100, "the sound was not heard")
}
