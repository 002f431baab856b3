// Command brandstage checks a brand file and prepares a branded build (scripts/package.sh
// runs it):
//
//	brandstage BRAND_FILE [PROJECT_COPY]
//
// It prints the brand's names for the build as one JSON object (id, name, command, icon,
// version, maintainer, run_value, update_url, update_public_key) and, given a copy of the project, writes the brand's files
// into it (app/brand/stage). A bad brand file ends it with status 1 and one line naming each
// bad field.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"jedidesk-desktop/app/brand"
	"jedidesk-desktop/app/brand/stage"
)

func main() {
	if len(os.Args) < 2 || len(os.Args) > 3 {
		fmt.Fprintln(os.Stderr, "usage: brandstage BRAND_FILE [PROJECT_COPY]")
		os.Exit(2)
	}
	b, err := brand.Load(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if len(os.Args) == 3 {
		if err := stage.Write(os.Args[2], b); err != nil {
			fmt.Fprintln(os.Stderr, "cannot prepare the branded build:", err)
			os.Exit(1)
		}
	}
	out, _ := json.Marshal(map[string]string{
		"id": b.ID, "name": b.Name, "command": b.Command(), "icon": b.Icon,
		"version": b.Version, "maintainer": b.Maintainer, "run_value": b.RunValue(), "update_url": b.UpdateURL, "update_public_key": b.UpdatePublicKey,
	})
	fmt.Println(string(out))
}
