// Command jedidesk-desktop shows the JediDesk support chat in a native window. This file only
// wires the pieces under app/ together.
package main

import (
	"context"
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
	"jedidesk-desktop/app/brand"
	"jedidesk-desktop/app/cli"
	"jedidesk-desktop/app/display"
	"jedidesk-desktop/app/filedrop"
	"jedidesk-desktop/app/instance"
	"jedidesk-desktop/app/relaunch"
	"jedidesk-desktop/app/session"
	"jedidesk-desktop/app/settings"
	"jedidesk-desktop/app/usage"
)

//go:embed all:frontend/dist
var assets embed.FS

// wailsJSON holds the version (a branded build's copy holds the brand's).
//
//go:embed wails.json
var wailsJSON []byte

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
	version, err := brand.ProductVersion(wailsJSON)
	if err != nil {
		fmt.Fprintln(os.Stderr, "jedidesk-desktop: built without a version:", err)
		return 1
	}
	if opts.Version {
		fmt.Println(version)
		return 0
	}
	// Now: once a package manager has replaced the file, the kernel names it "(deleted)".
	exe, exeErr := os.Executable()
	// Restarted (the Restart button): the lock is free once the old process has gone.
	relaunch.WaitForPrevious()
	b := brand.Built()
	// A running instance gets this launch's command line and this process ends at once, before
	// GTK, the tray or the shortcut start.
	forwarded, err := instance.Forward(b.ID, os.Args[1:])
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
		cacheDir = filepath.Join(cacheDir, b.Command(), "widget-files")
	}

	logOut := openLog(b.Command())
	if exeErr != nil {
		fmt.Fprintln(logOut, "jedidesk-desktop: cannot find the app's own file, so updates are not noticed:", exeErr)
	}
	usage.LogOnSignal(logOut)
	adminFile, err := settings.AdminPath(b.ID)
	if err != nil {
		fmt.Fprintln(logOut, "jedidesk-desktop: no administrator settings:", err)
	}
	a, hooks := app.New(app.Setup{Brand: b, ConfigDir: filepath.Join(configDir, b.Command()), AdminFile: adminFile, Icons: brand.BuiltIcons(),
		CacheDir: cacheDir, Executable: exe, Version: version},
		app.Overrides{Token: opts.Token, WidgetURL: opts.WidgetURL, Hidden: opts.Hidden,
			TestProbe: os.Getenv("JEDIDESK_TEST_PROBE")}, logOut)
	ending := session.Watch(hooks.EndSession, logOut)
	// The bridge holds the action until the widget is ready.
	a.Perform(opts.Action)
	width, height := a.WindowSize(1100, 760)
	err = wails.Run(&options.App{
		Title:       b.Name,
		Width:       width,
		Height:      height,
		MinWidth:    420,
		MinHeight:   640,
		StartHidden: opts.Hidden,
		AlwaysOnTop: a.AlwaysOnTop(),
		AssetServer: &assetserver.Options{
			Assets:     assets,
			Middleware: hooks.Assets,
		},
		Menu: hooks.Menu,
		OnStartup: func(ctx context.Context) {
			display.ExitWhenLost(logOut)
			hooks.Startup(ctx)
		},
		OnDomReady:    hooks.DomReady,
		OnBeforeClose: hooks.BeforeClose,
		OnShutdown:    hooks.Shutdown,
		SingleInstanceLock: &options.SingleInstanceLock{
			UniqueId: b.ID,
			// Two launches at the same moment can both miss each other in instance.Forward;
			// Wails' own lock then forwards the later one.
			OnSecondInstanceLaunch: func(d options.SecondInstanceData) { hooks.SecondLaunch(d.Args) },
		},
		Bind: hooks.Bind,
		// Right-click menus in text fields (Cut, Copy, Paste, spelling): app/contextmenu keeps
		// only those, in the UI language, on Linux.
		EnableDefaultContextMenu: true,
		// Files dropped on the window reach Go, which hands them to the chat (app/filedrop).
		DragAndDrop:        &options.DragAndDrop{EnableFileDrop: filedrop.Native},
		LogLevel:           logger.WARNING,
		LogLevelProduction: logger.WARNING,
		Linux: &linux.Options{
			// Pinned so the widget's localStorage (its visitor id) survives a renamed binary; one
			// folder per brand.
			ProgramName: b.Command(),
			Icon:        brand.BuiltIcons().Window,
			// Any non-nil linux.Options switches Wails to "always" GPU, which costs memory and
			// gives blank windows on some machines.
			WebviewGpuPolicy: linux.WebviewGpuPolicyNever,
		},
	})
	a.AfterQuit()
	// Last, after the clean-up: a session manager waiting for the app takes this as its go-ahead.
	if cerr := ending.Close(); cerr != nil {
		fmt.Fprintln(logOut, "jedidesk-desktop: could not tell the session manager the app has quit:", cerr)
	}
	if err != nil {
		fmt.Fprintln(logOut, "jedidesk-desktop:", err)
		return 1
	}
	return 0
}

// openLog writes the app's log to stderr and to a rotating file named for the app; without a
// writable log folder it says so and logs to stderr only.
func openLog(name string) io.Writer {
	dir, err := applog.Dir(name)
	if err == nil {
		var f *applog.File
		if f, err = applog.Open(dir, name+".log", applog.MaxSize); err == nil {
			return io.MultiWriter(os.Stderr, f)
		}
	}
	fmt.Fprintln(os.Stderr, "jedidesk-desktop: logging to the terminal only:", err)
	return os.Stderr
}
