# The names the plain JediDesk app installs under. A branded build (scripts/package.sh with
# BRAND=…) replaces this file in its copy of the project with the brand's (cmd/brandstage).
# INFO_PROJECTNAME is the command, not wails.json's display name, which has a space: the app is
# installed as jedidesk-desktop.exe and the installer is jedidesk-desktop-amd64-installer.exe.
!define INFO_PROJECTNAME "jedidesk-desktop"
!define UNINST_KEY_NAME  "JediDesk Desktop"
# The Run value app/autostart writes too (brand.Brand.RunValue).
!define RUN_VALUE        "JediDesk Desktop"
