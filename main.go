// Command jedidesk-desktop shows the JediDesk support chat in a native window. This file only
// wires the pieces under app/ together.
package main

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/logger"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"

	"jedidesk-desktop/app"
	"jedidesk-desktop/app/applog"
	"jedidesk-desktop/app/cli"
	"jedidesk-desktop/app/instance"
)

//go:embed all:frontend/dist
var assets embed.FS

func main() { os.Exit(run()) }

func run() int {
	opts, err := cli.Parse(os.Args[1:], os.Stderr)
	if errors.Is(err, cli.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "jedidesk-desktop:", err)
		return cli.ExitUsage
	}
	// A running instance gets this launch's command line and this process ends at once, before
	// GTK, the tray or the shortcut start.
	forwarded, err := instance.Forward(instance.UniqueID, os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "jedidesk-desktop: could not reach the running app, starting anew:", err)
	}
	if forwarded || !opts.Action.StartsApp() {
		return 0
	}
	configDir, err := os.UserConfigDir()
	if err != nil {
		fmt.Fprintf(os.Stderr, "jedidesk-desktop: cannot find where to keep your profile (%v); set HOME or XDG_CONFIG_HOME\n", err)
		return 1
	}

	// Without a cache folder the widget's files are downloaded on every start.
	cacheDir, err := os.UserCacheDir()
	if err == nil {
		cacheDir = filepath.Join(cacheDir, "jedidesk-desktop", "widget-files")
	}

	logOut := openLog()
	a, hooks := app.New(filepath.Join(configDir, "jedidesk-desktop"), cacheDir,
		app.Overrides{Token: opts.Token, WidgetURL: opts.WidgetURL, Hidden: opts.Hidden,
			TestProbe: os.Getenv("JEDIDESK_TEST_PROBE")}, logOut)
	// The bridge holds the action until the widget is ready.
	a.Perform(opts.Action)
	width, height := a.WindowSize(1100, 760)
	err = wails.Run(&options.App{
		Title:       "JediDesk",
		Width:       width,
		Height:      height,
		MinWidth:    420,
		MinHeight:   640,
		StartHidden: opts.Hidden,
		AssetServer: &assetserver.Options{
			Assets:     assets,
			Middleware: hooks.Assets,
		},
		Menu:          hooks.Menu,
		OnStartup:     hooks.Startup,
		OnDomReady:    hooks.DomReady,
		OnBeforeClose: hooks.BeforeClose,
		OnShutdown:    hooks.Shutdown,
		SingleInstanceLock: &options.SingleInstanceLock{
			UniqueId: instance.UniqueID,
			// Two launches at the same moment can both miss each other in instance.Forward;
			// Wails' own lock then forwards the later one.
			OnSecondInstanceLaunch: func(d options.SecondInstanceData) { hooks.SecondLaunch(d.Args) },
		},
		Bind:               []any{a},
		LogLevel:           logger.WARNING,
		LogLevelProduction: logger.WARNING,
		Linux: &linux.Options{
			// Pinned so the widget's localStorage (its visitor id) survives a renamed binary.
			ProgramName: "jedidesk-desktop",
			// Any non-nil linux.Options switches Wails to "always" GPU, which costs memory and
			// gives blank windows on some machines.
			WebviewGpuPolicy: linux.WebviewGpuPolicyNever,
		},
	})
	if err != nil {
		fmt.Fprintln(logOut, "jedidesk-desktop:", err)
		return 1
	}
	return 0
}

// openLog writes the app's log to stderr and to a rotating file; without a writable log
// folder it says so and logs to stderr only.
func openLog() io.Writer {
	dir, err := applog.Dir()
	if err == nil {
		var f *applog.File
		if f, err = applog.Open(dir, applog.MaxSize); err == nil {
			return io.MultiWriter(os.Stderr, f)
		}
	}
	fmt.Fprintln(os.Stderr, "jedidesk-desktop: logging to the terminal only:", err)
	return os.Stderr
}
