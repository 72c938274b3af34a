#!/usr/bin/env bash
# Installer smoke test (issue 8), run by .ci/run after the Maven tests, as root on Debian:
#   1. bin/medscribe self-check on the test model (the development launcher);
#   2. build the app image and the .deb (installer/BuildInstaller.java);
#   3. the app image's launcher runs self-check and reports the package's version (not the jar's
#      -SNAPSHOT one); the engine worker runs on the image's runtime and loads the image's llama.cpp
#      library, the app loads the image's SQLite library;
#   4. the "with model" image finds its bundled model without --model;
#   5. dpkg -i the .deb; as an ordinary user, in a private mount namespace where /tmp is a fresh
#      noexec tmpfs: the installed self-check passes and reports the package's version, with llama.cpp
#      and SQLite mapped from /opt/medscribe and nothing unpacked into the user's data directory, and
#      the desktop window opens with JavaFX's libraries mapped from /opt/medscribe (nothing in ~/.openjfx or /tmp);
#   6. the same self-check with /tmp mounted read-only;
#   7. the installed app writes the user's encrypted encounter database (synthetic encounters);
#      dpkg -r: the program and its menu entry go, the user's data directory stays byte for byte.
# Prints one line per check and "smoke: N passed, N failed"; exits 1 if any failed.
# MEDSCRIBE_SMOKE_REUSE_BUILD=1 skips step 2 when installer/target already has both (for iterating).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
project="$(pwd)"
model="$(realpath -m "${MEDSCRIBE_SMOKE_MODEL:-../shared/models/tiny-llama-random.gguf}")"
user="medscribe-smoke"
created_dirs=()
out="$project/installer/target/smoke"
passed=0
failed=0
started=$(date +%s)

check() { # check NAME COMMAND... : runs COMMAND, counts and prints the outcome
  local name="$1"
  shift
  if "$@"; then
    passed=$((passed + 1))
    echo "smoke: PASS $name"
  else
    failed=$((failed + 1))
    echo "smoke: FAIL $name"
  fi
}

json_field() { # json_field FILE KEY: the string value of "KEY" : "value" in the self-check JSON
  sed -n "s/.*\"$2\" : \"\\([^\"]*\\)\".*/\\1/p" "$1" | head -1
}

cleanup() {
  # Purge also forgets the postrm that dpkg -r keeps ("config-files" state).
  if dpkg-query -W medscribe >/dev/null 2>&1; then
    dpkg -P medscribe >/dev/null 2>&1 || true
  fi
  if id "$user" >/dev/null 2>&1; then
    userdel -r "$user" >/dev/null 2>&1 || true
  fi
  for dir in "${created_dirs[@]}"; do
    rm -rf "$dir"
  done
}
trap cleanup EXIT

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    echo "smoke: needs root (dpkg -i, a private mount namespace, a test user): running through sudo"
    exec sudo --preserve-env=MEDSCRIBE_SMOKE_MODEL,MEDSCRIBE_SMOKE_REUSE_BUILD,JAVA_HOME "$project/installer/smoke-test.sh" "$@"
  fi
  echo "smoke: needs root (dpkg -i, a private mount namespace, a test user); run it as root" >&2
  exit 2
fi
# The packages the checks need (xdg-utils for the menu entry, Xvfb, fakeroot, pgrep...): installs
# only what is missing.
scripts/setup.sh --tests || exit 2
[ -f "$model" ] || {
  echo "smoke: the test model $model is missing (../shared beside the checkout, or MEDSCRIBE_SMOKE_MODEL)" >&2
  exit 2
}
rm -rf "$out"
mkdir -p "$out"

# 1. The development launcher.
dev_data="$(mktemp -d)"
check "bin/medscribe self-check" env MEDSCRIBE_DATA_DIR="$dev_data" \
  bin/medscribe self-check --model "$model"
rm -rf "$dev_data"

# 2. Build the app image and the .deb.
build_start=$(date +%s)
if [ "${MEDSCRIBE_SMOKE_REUSE_BUILD:-}" = 1 ] && [ -x installer/target/MedScribe/bin/MedScribe ] &&
   ls installer/target/medscribe_*.deb >/dev/null 2>&1; then
  echo "smoke: reusing the app image and .deb in installer/target (MEDSCRIBE_SMOKE_REUSE_BUILD=1)"
elif ! java installer/BuildInstaller.java --type app-image --type tar.gz --type deb | tee "$out/build.log"; then
  echo "smoke: FAIL build (see above)"
  echo "smoke: $passed passed, $((failed + 1)) failed"
  exit 1
fi
build_seconds=$(($(date +%s) - build_start))
image="$project/installer/target/MedScribe"
# shellcheck disable=SC2012 # the newest by time; the names are the build's own
deb="$(ls -t "$project"/installer/target/medscribe_*.deb | head -1)"
# The package's version without the Debian revision (0.1.0-1 -> 0.1.0): what the app must report.
package_version="$(dpkg-deb -f "$deb" Version)"
package_version="${package_version%-*}"

# 3. The app image's launcher.
image_check() {
  local data report
  data="$(mktemp -d)"
  report="$out/app-image-self-check.json"
  MEDSCRIBE_DATA_DIR="$data" "$image/bin/MedScribe" self-check --model "$model" --json >"$report" \
    2>"$out/app-image-self-check.err" || return 1
  cat "$report"
  rm -rf "$data"
  [ "$(json_field "$report" version)" = "$package_version" ] &&
    [ "$(json_field "$report" worker_java)" = "$image/lib/runtime/bin/java" ] &&
    [ "$(json_field "$report" engine_library)" = "$image/lib/app/natives/llama/libjllama.so" ] &&
    [ "$(json_field "$report" database_library)" = "$image/lib/app/natives/sqlite/libsqlitejdbc.so" ]
}
check "app image self-check (version $package_version; worker on the image's runtime; llama.cpp and SQLite from the image)" image_check

# 3b. The per-user archive (Linux without an administrator): unpacked anywhere, it runs as it is.
tarball_check() {
  local unpacked data archive
  # shellcheck disable=SC2012 # the newest by time; the names are the build's own
  archive="$(ls -t "$project"/installer/target/MedScribe-*-linux-*.tar.gz | head -1)" || return 1
  unpacked="$(mktemp -d)"
  data="$(mktemp -d)"
  tar -xzf "$archive" -C "$unpacked" || return 1
  MEDSCRIBE_DATA_DIR="$data" "$unpacked/MedScribe/bin/MedScribe" self-check --model "$model" --json \
    >"$out/tarball-self-check.json" 2>"$out/tarball-self-check.err" || return 1
  [ "$(json_field "$out/tarball-self-check.json" worker_java)" = "$unpacked/MedScribe/lib/runtime/bin/java" ] || return 1
  rm -rf "$unpacked" "$data"
}
check "per-user tar.gz unpacked in a private folder: self-check passes on its own runtime" tarball_check

# 4. The "with model" variant (reuses the linked runtime).
with_model_check() {
  local data report bundled
  java installer/BuildInstaller.java --type app-image --with-model "$model" >"$out/with-model-build.log" || return 1
  bundled="$project/installer/target/with-model/MedScribe"
  data="$(mktemp -d)"
  report="$out/with-model-self-check.json"
  MEDSCRIBE_DATA_DIR="$data" "$bundled/bin/MedScribe" self-check --json >"$report" 2>&1 || return 1
  rm -rf "$data"
  [ "$(json_field "$report" model)" = "$bundled/lib/app/models/$(basename "$model")" ]
}
check "with-model image finds its bundled model" with_model_check

# 5. Install the .deb and run it as an ordinary user with /tmp noexec.
id "$user" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash "$user"
home="$(getent passwd "$user" | cut -d: -f6)"
data_dir="$home/.local/share/MedScribe"
# The user's own copy of the model: the checkout (and ../shared) may sit where others cannot read.
user_model="$home/$(basename "$model")"
install -o "$user" -m 0644 "$model" "$user_model"
# A desktop system has the freedesktop.org menu folders; a bare CI machine does not (without them
# the package still installs, with a note, but there is no menu entry to check).
created_dirs=()
for dir in /etc/xdg/menus /usr/share/desktop-directories; do
  if [ ! -d "$dir" ]; then
    mkdir -p "$dir"
    created_dirs+=("$dir")
  fi
done
install_check() {
  dpkg -i "$deb" >"$out/dpkg-install.log" 2>&1 || { cat "$out/dpkg-install.log"; return 1; }
  dpkg-query -W -f='${Status}' medscribe | grep -q "install ok installed"
}
check "dpkg -i $(basename "$deb")" install_check
desktop_file=/usr/share/applications/medscribe-MedScribe.desktop
check "menu entry installed" sh -c "grep -q '^Exec=/opt/medscribe/bin/MedScribe' $desktop_file && grep -q '^Icon=/opt/medscribe/lib/MedScribe.png' $desktop_file"

installed_check() { # installed_check MOUNT_OPTIONS NAME
  local report="$out/installed-$2.json"
  # The fresh /tmp hides whatever was under /tmp (this checkout, if it is there): the report goes
  # out through file descriptor 3, opened before the mount, and the notes through stderr.
  unshare --mount --propagation private sh -c "
    mount -t tmpfs -o $1,nosuid,nodev,mode=1777 tmpfs /tmp &&
    echo \"/tmp in this namespace: \$(findmnt -no FSTYPE,OPTIONS /tmp)\" >&2 &&
    cd '$home' &&
    runuser -u '$user' -- /opt/medscribe/bin/MedScribe self-check --model '$user_model' --json >&3 &&
    echo \"files written to /tmp: \$(find /tmp -mindepth 1 | wc -l) \$(find /tmp -mindepth 1 | tr '\n' ' ')\" >&2
  " 3>"$report" || return 1
  cat "$report"
  [ "$(json_field "$report" version)" = "$package_version" ] &&
    [ "$(json_field "$report" worker_java)" = "/opt/medscribe/lib/runtime/bin/java" ] &&
    [ "$(json_field "$report" engine_library)" = "/opt/medscribe/lib/app/natives/llama/libjllama.so" ] &&
    [ "$(json_field "$report" database_library)" = "/opt/medscribe/lib/app/natives/sqlite/libsqlitejdbc.so" ] &&
    [ -z "$(find "$data_dir" -name '*jllama*' -o -name '*sqlitejdbc*' -o -name '*.so')" ]
}
check "installed self-check as $user, /tmp noexec (reports version $package_version)" installed_check noexec noexec
check "installed self-check as $user, /tmp read-only" installed_check ro,noexec read-only

desktop_check() { # the window opens; JavaFX's libraries come from the installation
  unshare --mount --propagation private sh -c "
    mount -t tmpfs -o noexec,nosuid,nodev,mode=1777 tmpfs /tmp || exit 1
    cd '$home' || exit 1
    Xvfb :97 -nolisten tcp >/dev/null 2>&1 &
    xvfb=\$!
    runuser -u '$user' -- env DISPLAY=:97 /opt/medscribe/bin/MedScribe >&3 2>&1 &
    ok=1
    for i in \$(seq 1 120); do
      pid=\$(pgrep -u '$user' -f /opt/medscribe/bin/MedScribe | head -1)
      if [ -n \"\$pid\" ] && grep -q 'libglass.so' /proc/\$pid/maps 2>/dev/null &&
         grep -q 'libprism_' /proc/\$pid/maps 2>/dev/null; then ok=0; break; fi
      sleep 0.5
    done
    if [ \$ok -eq 0 ]; then
      echo 'JavaFX libraries mapped by the desktop app:'
      grep -oE '/[^ ]*(glass|prism|javafx|decora)[^ ]*\\.so' /proc/\$pid/maps | sort -u | sed 's/^/  /'
      if grep -oE '/[^ ]*(glass|prism|javafx|decora)[^ ]*\\.so' /proc/\$pid/maps | grep -v '^/opt/medscribe/lib/app/natives/javafx/'; then ok=1; fi
    fi
    echo \"files written to /tmp (besides Xvfb's): \$(find /tmp -mindepth 1 -not -path '/tmp/.X*' | tr '\n' ' ')\"
    [ -n \"\${pid:-}\" ] && kill \$pid 2>/dev/null
    kill \$xvfb 2>/dev/null
    wait 2>/dev/null
    exit \$ok
  " 3>"$out/desktop.log" || return 1
  [ ! -e "$home/.openjfx" ]
}
check "installed desktop app opens with JavaFX libraries from /opt/medscribe, none unpacked" desktop_check

# 7. Patient data the installed app wrote (synthetic encounters through the storage benchmark,
#    into the user's real data directory), then remove the package: the program goes, the data stays.
records_check() {
  runuser -u "$user" -- sh -c "cd ~ && /opt/medscribe/bin/MedScribe bench-store --encounters 20 \
      --per-patient 2 --api-encounters 5 --queries 3 --opens 3 --dir '$data_dir' --keep" \
    >"$out/bench-store.json" 2>"$out/bench-store.err" || return 1
  runuser -u "$user" -- sh -c "cd ~ && /opt/medscribe/bin/MedScribe verify" >"$out/verify.json" 2>&1 || return 1
  [ -f "$data_dir/data/medscribe.db" ] && [ -f "$data_dir/keys/store.key" ]
}
check "installed app writes the user's encrypted encounter database" records_check

removal_check() {
  local before after
  [ -f "$data_dir/data/medscribe.db" ] || return 1
  before="$(cd "$data_dir" && find . -type f -exec sha256sum {} + | sort -k2)"
  dpkg -r medscribe | tee "$out/dpkg-remove.log" || return 1
  grep -q '.local/share/MedScribe' "$out/dpkg-remove.log" || return 1
  [ ! -e /opt/medscribe/bin/MedScribe ] && [ ! -e "$desktop_file" ] || return 1
  after="$(cd "$data_dir" && find . -type f -exec sha256sum {} + | sort -k2)"
  echo "data left in $data_dir (unchanged):"
  echo "$after" | sed 's/^[0-9a-f]* *//; s/^/  /'
  [ -n "$after" ] && [ "$before" = "$after" ]
}
check "dpkg -r removes the program and menu entry, keeps the user's data directory" removal_check

image_bytes=$(du -sb "$image" | cut -f1)
echo "smoke: app image $((image_bytes / 1000000)) MB, deb $(($(stat -c %s "$deb") / 1000000)) MB, build ${build_seconds} s, total $(($(date +%s) - started)) s"
echo "smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
