package brand

import (
	"encoding/json"
	"fmt"
)

// ProductVersion is the version in a wails.json: the plain app's, or the brand's, which
// scripts/package.sh writes into the branded copy's wails.json. The binary embeds that file, so
// its version and its installers' can never differ.
func ProductVersion(wailsJSON []byte) (string, error) {
	var project struct {
		Info struct {
			ProductVersion string `json:"productVersion"`
		} `json:"info"`
	}
	if err := json.Unmarshal(wailsJSON, &project); err != nil {
		return "", fmt.Errorf("wails.json: %w", err)
	}
	if !version.MatchString(project.Info.ProductVersion) {
		return "", fmt.Errorf("wails.json: info.productVersion %q is not a version like 1.2.3", project.Info.ProductVersion)
	}
	return project.Info.ProductVersion, nil
}
