#!/usr/bin/env bash
# Debian packages the tool and its tests use. Installed with apt-get when we
# run as root; otherwise one line per missing package says what to install.
#   libharfbuzz-subset0  font subsetting (without it WeasyPrint falls back to fontTools, ~2.3x slower)
#   gettext              msgfmt/msgcat, to check catalogs with the GNU tools
#   poppler-utils        pdffonts/pdfinfo/pdftoppm, to inspect built PDFs
#   qpdf                 structural PDF checks
#   libgs-common         Ghostscript's CMYK ICC profile, for press output
#   ghostscript          an independent PDF interpreter the tests run every built PDF through
#   chromium             the real browser the workspace (serve) is tested in, driven by Playwright
set -u

PACKAGES="libharfbuzz-subset0 gettext poppler-utils qpdf libgs-common ghostscript chromium"

missing=""
for package in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $package"
    fi
done
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    for package in $missing; do
        echo "note: system package '$package' is missing and this is not a Debian system: install it by hand" >&2
    done
    exit 0
fi

if [ "$(id -u)" = "0" ]; then
    echo "installing system packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    if apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >/dev/null; then
        exit 0
    fi
    echo "warning: apt-get could not install:$missing" >&2
    exit 0
fi

for package in $missing; do
    echo "note: system package '$package' is missing; run: sudo apt-get install $package" >&2
done
exit 0
