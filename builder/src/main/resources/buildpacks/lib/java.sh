# Helpers of the java buildpack (sourced by java/bin/compile; BuildpackLibTest runs them on their own).
# Messages for the pusher go to stderr; stdout carries only a function's answer.

# The last value of NAME in ./system.properties (Java's properties format, = or : between), empty when unset.
system_property() {
  [ -f system.properties ] || return 0
  sed -n "s/^[[:space:]]*${1//./\\.}[[:space:]]*[=:][[:space:]]*//p" system.properties | tr -d '\r' \
    | sed 's/[[:space:]]*$//' | tail -n1
}

# The feature number of a java.runtime.version as Heroku reads it: "17", "17.0.2", "1.8", "1.8.0_292",
# "zulu-17", "heroku-21". Empty when it is not a Java version.
java_feature() {
  local v="$1"
  [[ "$v" =~ ^[a-z]+-(.*)$ ]] && v="${BASH_REMATCH[1]}"
  [[ "$v" =~ ^1\.([0-9]+)([._].*)?$ ]] && v="${BASH_REMATCH[1]}"
  [[ "$v" =~ ^([0-9]+)([.+_].*)?$ ]] && echo "${BASH_REMATCH[1]}"
  return 0
}

# The JAVA_VERSION of the JDK at HOME ("17.0.21.1"), from its release file: no JVM started.
jdk_version() {
  sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$1/release" 2>/dev/null
}

# Every JDK (a javac and a release file) directly under ROOT, one home a line; links (Debian's aliases) skipped.
available_jdks() {
  local dir
  for dir in "$1"/*; do
    [ -d "$dir" ] && [ ! -L "$dir" ] && [ -x "$dir/bin/javac" ] && [ -n "$(jdk_version "$dir")" ] && echo "$dir"
  done
  return 0
}

# The home of the JDK for java.runtime.version ASKED (the newest when empty) among those under ROOT
# (/usr/lib/jvm by default); fails naming the ones there are when none matches.
select_jdk() {
  local asked="$1" root="${2:-/usr/lib/jvm}" feature="" home newest="" newest_feature=0 have=() f
  if [ -n "$asked" ]; then
    feature="$(java_feature "$asked")"
    if [ -z "$feature" ]; then
      echo " !     system.properties: java.runtime.version=$asked is not a Java version (write e.g. java.runtime.version=17)." >&2
      return 1
    fi
  fi
  while read -r home; do
    [ -n "$home" ] || continue
    f="$(jdk_version "$home")" && f="${f%%.*}"
    have+=("Java $f ($(jdk_version "$home"))")
    if [ -n "$feature" ] && [ "$f" = "$feature" ]; then
      echo "$home"
      return 0
    fi
    if [ "$f" -gt "$newest_feature" ]; then newest="$home" newest_feature="$f"; fi
  done < <(available_jdks "$root")
  if [ -z "$feature" ] && [ -n "$newest" ]; then
    echo "$newest"
    return 0
  fi
  local list
  list="$(printf '%s, ' "${have[@]}")"
  if [ -z "$feature" ]; then
    echo " !     No JDK on this build stack (under $root)." >&2
  else
    echo " !     system.properties asks for Java $feature (java.runtime.version=$asked), which this platform does not have: it has ${list%, }. Set java.runtime.version to one of those, or remove it." >&2
  fi
  return 1
}

# Installs Maven VERSION (apache-maven, bin.tar.gz, from the Maven repository at CENTRAL) under DIR unless it is
# there already, checked against the repository's SHA-512; prints its home. DIR keeps one version only.
install_maven() {
  local version="$1" dir="$2" central="$3" home tmp code
  if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[A-Za-z0-9.-]+)?$ ]]; then
    echo " !     system.properties: maven.version=$version is not a Maven version (write e.g. maven.version=3.9.16)." >&2
    return 1
  fi
  home="$dir/apache-maven-$version"
  if [ -x "$home/bin/mvn" ] && [ -f "$home/.complete" ]; then
    echo "-----> Using Maven $version from the cache" >&2
    echo "$home"
    return 0
  fi
  echo "-----> Installing Maven $version from Maven Central" >&2
  rm -rf "$dir"
  mkdir -p "$dir"
  tmp="$dir/download"
  local url="$central/org/apache/maven/apache-maven/$version/apache-maven-$version-bin.tar.gz"
  code="$(curl -sSL --retry 2 --connect-timeout 20 --max-time 300 -o "$tmp" -w '%{http_code}' "$url")" || code="${code:-000}"
  if [ "$code" = 404 ]; then
    echo " !     Maven $version is not on Maven Central (org.apache.maven:apache-maven:$version, bin.tar.gz): set maven.version in system.properties to a released version, or remove it." >&2
    return 1
  elif [ "$code" != 200 ]; then
    echo " !     Could not download Maven $version from Maven Central (HTTP $code)." >&2
    return 1
  fi
  local sum
  sum="$(curl -sSfL --retry 2 --connect-timeout 20 --max-time 60 "$url.sha512" | cut -c1-128)" || sum=""
  if [ "${#sum}" != 128 ] || [ "$(sha512sum < "$tmp" | cut -c1-128)" != "$sum" ]; then
    echo " !     Maven $version as downloaded does not match Maven Central's SHA-512: try the push again." >&2
    return 1
  fi
  tar -xzf "$tmp" -C "$dir"
  rm -f "$tmp"
  touch "$home/.complete"
  echo "$home"
}
