#!/usr/bin/env bash
# Saves screenshots of the desktop's main states into docs/screenshots/ (or the folder given), from
# the real window under Xvfb. Needs: xvfb (Debian package), a built checkout, ../shared/models.
#   scripts/screenshots.sh [OUT_DIR] [MODEL.gguf]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
out="${1:-docs/screenshots}"
model="${2:-../shared/models/tiny-llama-random.gguf}"
./mvnw -B -q -pl app -am package -DskipTests
./mvnw -B -q -pl app -am test-compile
java_cmd="java"
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  java_cmd="$JAVA_HOME/bin/java"
fi
cp="app/target/test-classes:app/target/classes:app/target/lib/*"
# A 4K screen at 200 %: MEDSCRIBE_TOUR_SCREEN=3840x2160 and
# MEDSCRIBE_TOUR_OPTS="-Dglass.gtk.uiScale=2 -Dmedscribe.tour.width=1920 -Dmedscribe.tour.height=1080"
screen="${MEDSCRIBE_TOUR_SCREEN:-1366x768}"
# shellcheck disable=SC2086 # the options are words
xvfb-run -a -s "-screen 0 ${screen}x24" \
  "$java_cmd" ${MEDSCRIBE_TOUR_OPTS:-} -Dfile.encoding=UTF-8 -Dmedscribe.log.dir="$(mktemp -d)" -cp "$cp" \
  org.medscribe.app.ScreenshotTour "$out" "$model"
echo "screenshots in $out"
