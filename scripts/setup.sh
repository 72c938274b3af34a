#!/usr/bin/env bash
# Prepares a Debian/Ubuntu machine that has a JDK 17 for building, running and testing MedScribe.
# Idempotent: installs (apt-get, through sudo when not root) only what is missing; a second run
# installs nothing. The README's commands and .ci/run start with it.
#   scripts/setup.sh           what the desktop app and the build need
#   scripts/setup.sh --tests   also what the tests and installer/smoke-test.sh need, and checks that
#                              ../shared (the test models and data) sits beside the checkout
# Exit 0 ready, 1 something could not be installed (the reason on stderr), 2 bad usage.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "setup: $*"; }
fail() {
  echo "setup: $*" >&2
  exit 1
}

tests=0
for arg in "$@"; do
  case "$arg" in
    --tests) tests=1 ;;
    -h | --help)
      sed -n '2,9s/^# \{0,1\}//p' "$0"
      exit 0
      ;;
    *)
      echo "setup: unknown option $arg (try --help)" >&2
      exit 2
      ;;
  esac
done

# The desktop app: GTK 3, the X test extension and OpenGL for JavaFX's window (libglassgtk3 links
# libXtst, which a minimal system lacks), OpenMP for llama.cpp.
packages=(libgtk-3-0 libxtst6 libgl1 libgomp1)
if [ "$tests" -eq 1 ]; then
  # Tests and the smoke test: a virtual display (xauth for xvfb-run), the .deb tooling, the menu
  # entry, OCR with its English and Chinese data, the Chinese font the export tests compare with, pgrep.
  packages+=(xvfb xauth fakeroot xdg-utils procps tesseract-ocr tesseract-ocr-eng tesseract-ocr-chi-sim
    fonts-wqy-microhei)
fi

# The JDK: the installer needs jlink and jpackage beside java (a Debian JRE or a headless JDK may
# lack them; Debian ships them in openjdk-17-jdk-headless).
java_cmd="java"
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  java_cmd="$JAVA_HOME/bin/java"
fi
command -v "$java_cmd" >/dev/null 2>&1 ||
  fail "no java found: install a JDK 17 (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless) or set JAVA_HOME"
java_bin="$(dirname "$(readlink -f "$(command -v "$java_cmd")")")"
java_version="$("$java_cmd" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
[ "$java_version" = 17 ] ||
  say "note: $java_bin/java is Java ${java_version:-of unknown version}; MedScribe is built and tested on Java 17"
for tool in javac jlink jpackage; do
  if [ ! -x "$java_bin/$tool" ]; then
    case "$java_bin" in
      /usr/lib/jvm/java-17-openjdk-*) packages+=(openjdk-17-jdk-headless) ;;
      *) fail "$java_bin has no $tool: use a full JDK 17 (it has javac, jlink and jpackage), or set JAVA_HOME to one" ;;
    esac
    break
  fi
done

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  fail "this script knows Debian and Ubuntu (apt-get); elsewhere install yourself: ${packages[*]}"
fi

installed() { # installed PACKAGE: true when it (or its 64-bit-time rename, as on Ubuntu 24.04) is installed
  local name
  for name in "$1" "${1}t64"; do
    dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -q "install ok installed" && return 0
  done
  return 1
}
missing=()
for p in "${packages[@]}"; do
  installed "$p" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  say "all ${#packages[@]} packages present (${packages[*]})"
else
  as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 ||
      fail "missing packages and no sudo to install them; as root run: apt-get install ${missing[*]}"
    as_root=(sudo)
  fi
  say "installing ${missing[*]} (apt-get${as_root:+ through sudo})"
  "${as_root[@]}" apt-get update -qq ||
    fail "apt-get update failed; install by hand: apt-get install ${missing[*]}"
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" ||
    fail "apt-get install failed; install by hand: apt-get install ${missing[*]}"
  for p in "${missing[@]}"; do
    installed "$p" ||
      fail "$p is still not installed; install it by hand: apt-get install $p"
  done
  say "installed ${missing[*]}"
fi

if [ "$tests" -eq 1 ]; then
  shared="${MEDSCRIBE_SHARED_DIR:-../shared}"
  [ -f "$shared/models/tiny-llama-random.gguf" ] ||
    fail "the tests need the shared test models and data beside the checkout: $(realpath -m "$shared")/models/tiny-llama-random.gguf is missing"
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
    fail "installer/smoke-test.sh needs root (dpkg -i, a private mount namespace, a test user) and there is no sudo: run the tests as root"
  fi
fi
say "ready"
