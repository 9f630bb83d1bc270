#!/usr/bin/env bash
# 信息报送门户 — build the site into a fresh release folder and switch the served symlink atomically.
#
#   deploy/deploy.sh                  # build this checkout into /srv/portal and switch /srv/portal/current
#
# Settings (environment):
#   PORTAL_ROOT   where releases live (default /srv/portal): releases/<stamp>/ and the symlink current
#                 (a relative path is taken from the folder deploy.sh was started in)
#   PORTAL_SRC    the project checkout with mkdocs.yml (default: the folder above this script)
#   PORTAL_KEEP   how many releases to keep, the live one included (default 5)
#   PYTHON        the Python with mkdocs installed (default python3)
#
# A build that fails or is killed (even with kill -9) never touches what nginx serves: the site is
# written into releases/.building-*, checked, renamed to releases/<stamp>, and only then does
# `current` change, with one rename(2) of a new symlink over the old one. Leftovers of a killed run are
# removed by the next run. The build dies with deploy.sh (even after kill -9 of deploy.sh alone) and never
# holds the lock. Exit code: 0 deployed, 1 build failed (nothing changed), 2 usage/lock.
set -euo pipefail

ROOT=${PORTAL_ROOT:-/srv/portal}
SRC=${PORTAL_SRC:-$(cd "$(dirname "$0")/.." && pwd)}
# Absolute paths: the build runs in the checkout, where a relative root would put the site.
[[ $ROOT == /* ]] || ROOT="$PWD/$ROOT"
[[ $SRC == /* ]] || SRC="$PWD/$SRC"
KEEP=${PORTAL_KEEP:-5}
PYTHON=${PYTHON:-python3}
export NO_MKDOCS_2_WARNING=1

if ! [[ $KEEP =~ ^[1-9][0-9]*$ ]]; then
    echo "deploy.sh: PORTAL_KEEP must be a whole number of 1 or more, got '$KEEP'" >&2
    exit 2
fi
if [[ ! -f $SRC/mkdocs.yml ]]; then
    echo "deploy.sh: $SRC/mkdocs.yml not found; set PORTAL_SRC to the project checkout" >&2
    exit 2
fi
mkdir -p "$ROOT/releases"

# One deploy at a time.
exec 9>"$ROOT/.deploy.lock"
if ! flock -n 9; then
    echo "deploy.sh: another deploy is running (lock $ROOT/.deploy.lock)" >&2
    exit 2
fi

# `current` must be the symlink this script switches: a folder copied there by hand cannot be replaced in
# one step (nginx would serve nothing for a moment), so it is turned into a release once, by hand.
if [[ -e $ROOT/current && ! -L $ROOT/current ]]; then
    first="00000000T000000.000000000Z"  # sorts before every release: the first to be pruned
    echo "deploy.sh：$ROOT/current 是一个普通文件夹，不是符号链接，无法一步切换到新版本；什么也没有改动。" \
        "请先把它变成最早的一个版本（只需一次）：mv $ROOT/current $ROOT/releases/$first && ln -s releases/$first $ROOT/current" >&2
    exit 2
fi

# Leftovers of a run that was killed (we hold the lock, so none is in progress).
rm -rf "$ROOT"/releases/.building-* "$ROOT"/releases/..building-* "$ROOT"/.current.new  # ..building-*: the hook's own (portal/edge/sitedir.py)

stamp=$(date -u +%Y%m%dT%H%M%S.%NZ)  # sorts by time (GNU date: nanoseconds)
building="$ROOT/releases/.building-$stamp"
release="$ROOT/releases/$stamp"
trap 'rm -rf "$building"' EXIT

# The build gets SIGKILL when deploy.sh dies (setpriv --pdeathsig; its workers die with it in turn), and does
# not inherit the lock's descriptor (9>&-): a killed deploy.sh leaves nothing running and the lock free.
die_with_us=()
if setpriv --help 2>/dev/null | grep -q -- --pdeathsig; then
    die_with_us=(setpriv --pdeathsig KILL --)
fi
cd "$SRC"
echo "deploy.sh: building $SRC into $building"
if ! "${die_with_us[@]}" "$PYTHON" -m mkdocs build --strict --clean --site-dir "$building" 9>&-; then
    echo "deploy.sh: the build failed; $ROOT/current is unchanged" >&2
    exit 1
fi
for needed in index.html 404.html stats.json search/search_index.json robots.txt; do
    if [[ ! -s $building/$needed ]]; then
        echo "deploy.sh: the build has no $needed; $ROOT/current is unchanged" >&2
        exit 1
    fi
done
echo "$stamp" >"$building/.portal-release"
chmod -R a+rX "$building"
mv "$building" "$release"

# Atomic switch: a new symlink, renamed over the old one (rename(2) replaces it in one step).
ln -s "releases/$stamp" "$ROOT/.current.new"
if ! mv -T "$ROOT/.current.new" "$ROOT/current" 2>/dev/null; then
    rm -f "$ROOT/.current.new"
    echo "deploy.sh：无法把 $ROOT/current 切换到 releases/$stamp（它已不是符号链接，或没有写权限）；网站没有改动，新版本留在 releases/$stamp。" >&2
    exit 1
fi
echo "deploy.sh: $ROOT/current -> releases/$stamp"

# Keep the newest $KEEP releases (the live one is the newest).
mapfile -t old < <(find "$ROOT/releases" -mindepth 1 -maxdepth 1 -type d ! -name '.*' -printf '%f\n' | sort -r | tail -n +"$((KEEP + 1))")
for name in "${old[@]}"; do
    [[ $name == "$stamp" ]] || rm -rf "${ROOT:?}/releases/$name"
done
