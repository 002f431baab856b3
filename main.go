// Command jedidesk-desktop shows the JediDesk support chat in a native window. This file only
// wires the pieces under app/ together.
package main

import (
	"embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/logger"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"

	"jedidesk-desktop/app"
	"jedidesk-desktop/app/cli"
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
	configDir, err := os.UserConfigDir()
	if err != nil {
		fmt.Fprintf(os.Stderr, "jedidesk-desktop: cannot find where to keep your profile (%v); set HOME or XDG_CONFIG_HOME\n", err)
		return 1
	}

	a, hooks := app.New(filepath.Join(configDir, "jedidesk-desktop"), app.Overrides{Token: opts.Token, WidgetURL: opts.WidgetURL}, os.Stderr)
	err = wails.Run(&options.App{
		Title:     "JediDesk",
		Width:     1100,
		Height:    760,
		MinWidth:  420,
		MinHeight: 640,
		AssetServer: &assetserver.Options{
			Assets:     assets,
			Middleware: hooks.Assets,
		},
		Menu:               hooks.Menu,
		OnStartup:          hooks.Startup,
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
		fmt.Fprintln(os.Stderr, "jedidesk-desktop:", err)
		return 1
	}
	return 0
}
