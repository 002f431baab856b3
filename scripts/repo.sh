#!/usr/bin/env bash
# Builds one company's packages (scripts/package.sh --brand) and adds them to its signed update
# repository (docs/packaging.md, "Updates"):
#
#   scripts/repo.sh [--check] BRAND_FILE SIGNING_KEY REPO_DIR
#
#   REPO_DIR/dists/stable/…, pool/…   the apt repository (reprepro): InRelease, Release.gpg
#   REPO_DIR/rpm/                     the rpm repository (createrepo_c): signed packages, and
#                                     repodata/repomd.xml.asc
#   REPO_DIR/key.asc                  the public key, which the packages also carry
#   REPO_DIR/windows/latest.json      for a brand with update_public_key: the Windows installer's
#                                     manifest, signed with the Ed25519 key in WINDOWS_SIGNING_KEY
#                                     (cmd/updatemanifest), and the installers beside it
#   REPO_DIR/.reprepro/               reprepro's own bookkeeping: keep it, do not publish it
#
# SIGNING_KEY is an armored OpenPGP private key; a passphrase, if it has one, comes from
# SIGNING_KEY_PASSPHRASE. The repository is made on first use; earlier versions stay in it.
# Every refusal (no update_url, a missing or wrong key, a version not newer than the newest
# published) is one line, before anything is built, and leaves REPO_DIR as it was; the new
# repository is prepared beside it and swapped in only once complete. --check only checks
# (make repo runs it before building the app).
set -euo pipefail

check_only=
if [ "${1:-}" = --check ]; then
  check_only=1
  shift
fi
fail() { echo "repo: $*" >&2; exit 1; }
[ $# -eq 3 ] && [ -n "$1" ] && [ -n "$2" ] && [ -n "$3" ] ||
  fail "usage: make repo BRAND=brand.json SIGNING_KEY=key.asc REPO=folder"
# Relative to where the caller stands, before the cd below.
brand_file=$(realpath -m -- "$1") key_file=$(realpath -m -- "$2") repo_dir=$(realpath -m -- "$3")
windows_key=
[ -z "${WINDOWS_SIGNING_KEY:-}" ] || windows_key=$(realpath -m -- "$WINDOWS_SIGNING_KEY")
cd "$(dirname "$0")/.."

for tool in gpg reprepro createrepo_c rpmsign jq; do
  command -v "$tool" >/dev/null || fail "$tool is missing: run scripts/setup.sh (make setup)"
done

go build -o bin/brandstage ./cmd/brandstage
info=$(bin/brandstage "$brand_file") || exit 1
field() { jq -r ".$1 // \"\"" <<<"$info"; }
pkg=$(field command) name=$(field name) version=$(field version) update_url=$(field update_url)
id=$(field id) update_public_key=$(field update_public_key)
[ -n "$update_url" ] || fail "$brand_file has no update_url: add the https:// address the repository will be published at"
if [ -n "$update_public_key" ]; then
  [ -n "$windows_key" ] || fail "$brand_file has update_public_key: give its private half as WINDOWS_SIGNING_KEY=file"
  go build -o bin/updatemanifest ./cmd/updatemanifest
  public=$(bin/updatemanifest public "$windows_key" 2>&1) || fail "WINDOWS_SIGNING_KEY: ${public#updatemanifest: }"
  [ "$public" = "$update_public_key" ] ||
    fail "WINDOWS_SIGNING_KEY $windows_key is not the key of $brand_file's update_public_key; installed copies would refuse it"
fi

[ -f "$key_file" ] || fail "SIGNING_KEY $key_file does not exist (docs/packaging.md says how to make one)"
GNUPGHOME=$(mktemp -d "${TMPDIR:-/tmp}/jedidesk-repo-gpg.XXXXXX")
export GNUPGHOME
stage=
cleanup() {
  gpgconf --kill gpg-agent 2>/dev/null || true
  rm -rf "$GNUPGHOME"
  [ -z "$stage" ] || rm -rf "$stage"
}
trap cleanup EXIT
# The passphrase is handed to the agent once, so reprepro, rpmsign and gpg all sign without
# a prompt.
echo allow-preset-passphrase >"$GNUPGHOME/gpg-agent.conf"
gpg --batch --quiet --import "$key_file" 2>/dev/null || fail "SIGNING_KEY $key_file is not an OpenPGP key file"
fpr=$(gpg --batch --with-colons --list-secret-keys | awk -F: '$1 == "fpr" { print $10; exit }')
[ -n "$fpr" ] || fail "SIGNING_KEY $key_file holds no private key (export one with gpg --armor --export-secret-keys)"
if [ -n "${SIGNING_KEY_PASSPHRASE:-}" ]; then
  for grip in $(gpg --batch --with-colons --with-keygrip --list-secret-keys | awk -F: '$1 == "grp" { print $10 }'); do
    /usr/lib/gnupg/gpg-preset-passphrase --preset -P "$SIGNING_KEY_PASSPHRASE" "$grip"
  done
fi
echo probe | gpg --batch --pinentry-mode error --local-user "$fpr" --detach-sign >/dev/null 2>&1 ||
  fail "SIGNING_KEY $key_file cannot sign: its passphrase is missing or wrong (set SIGNING_KEY_PASSPHRASE)"
if [ -f "$repo_dir/key.asc" ]; then
  published=$(gpg --batch --with-colons --import-options show-only --import "$repo_dir/key.asc" 2>/dev/null |
    awk -F: '$1 == "fpr" { print $10; exit }')
  [ "$published" = "$fpr" ] ||
    fail "SIGNING_KEY $key_file is not the key $repo_dir is signed with ($repo_dir/key.asc is ${published:-unreadable}); installed copies would refuse it"
fi

# The newest version published, from the pool's file names (name_version_arch.deb).
newest=
if [ -d "$repo_dir/pool" ]; then
  while read -r deb; do
    v=${deb##*/}
    v=${v#"${pkg}_"}
    v=${v%_*}
    if [ -z "$newest" ] || dpkg --compare-versions "$v" gt "$newest"; then newest=$v; fi
  done < <(find "$repo_dir/pool" -name "${pkg}_*.deb")
fi
if [ -n "$newest" ] && ! dpkg --compare-versions "$version" gt "$newest"; then
  fail "$name $version is not newer than $newest, the newest in $repo_dir: raise version in $brand_file"
fi
[ -z "$check_only" ] || exit 0

public=$GNUPGHOME/public.asc
gpg --batch --armor --export "$fpr" >"$public"
scripts/package.sh --brand "$brand_file" --update-key "$public"
arch=$(dpkg --print-architecture)
deb=dist/${pkg}_${version}_${arch}.deb
rpm=dist/${pkg}-${version}-1.$(uname -m).rpm

echo "repo: adding $name $version to $repo_dir"
mkdir -p "$(dirname "$repo_dir")"
stage=$(mktemp -d "$(dirname "$repo_dir")/.$(basename "$repo_dir").new.XXXXXX")
chmod 755 "$stage"
[ ! -d "$repo_dir" ] || cp -a "$repo_dir/." "$stage/"

# apt: reprepro writes the metadata and signs it (InRelease, Release.gpg). The index names the
# newest version only (Debian 12's reprepro 5.3 has no Limit field); --keepunreferencedfiles
# keeps the earlier ones' files in pool/, so a copy can still be pinned back to one by hand.
mkdir -p "$stage/.reprepro/conf"
printf '%s\n' "Origin: $name" "Label: $name" 'Codename: stable' 'Suite: stable' 'Components: main' \
  "Architectures: $arch" "Description: $name's updates" "SignWith: $fpr" \
  >"$stage/.reprepro/conf/distributions"
reprepro --silent --keepunreferencedfiles -b "$stage" --confdir "+b/.reprepro/conf" --dbdir "+b/.reprepro/db" includedeb stable "$deb"

# rpm: the package itself is signed (gpgcheck), then the metadata (repo_gpgcheck).
mkdir -p "$stage/rpm"
cp "$rpm" "$stage/rpm/"
rpmsign --define "__gpg $(command -v gpg)" --define "_gpg_path $GNUPGHOME" --define "_gpg_name $fpr" \
  --addsign "$stage/rpm/${rpm##*/}" >/dev/null 2>&1 || fail "rpmsign could not sign ${rpm##*/}"
createrepo_c --quiet --update "$stage/rpm"
rm -f "$stage/rpm/repodata/repomd.xml.asc"
gpg --batch --local-user "$fpr" --armor --detach-sign "$stage/rpm/repodata/repomd.xml"

if [ -n "$update_public_key" ]; then
  installer=dist/${pkg}-${version}-windows-amd64-installer.exe
  mkdir -p "$stage/windows"
  cp "$installer" "$stage/windows/"
  bin/updatemanifest sign "$windows_key" "$id" "$version" "${update_url%/}/windows/${installer##*/}" \
    "$stage/windows/${installer##*/}" >"$stage/windows/latest.json"
fi

cp "$public" "$stage/key.asc"
chmod 644 "$stage/key.asc"

if [ -d "$repo_dir" ]; then
  old=$(mktemp -u "$(dirname "$repo_dir")/.$(basename "$repo_dir").old.XXXXXX")
  mv "$repo_dir" "$old"
  mv "$stage" "$repo_dir"
  rm -rf "$old"
else
  mv "$stage" "$repo_dir"
fi
stage=
echo "repo: $repo_dir holds $name $version; publish it (all but .reprepro/) at $update_url"
