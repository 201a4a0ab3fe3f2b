#!/bin/bash
# Entrypoint compatible with the official postgres image's basics (as Testcontainers uses it):
# env POSTGRES_USER (default postgres), POSTGRES_PASSWORD, POSTGRES_DB (default $POSTGRES_USER),
# POSTGRES_HOST_AUTH_METHOD (default scram-sha-256), POSTGRES_INITDB_ARGS, /docker-entrypoint-initdb.d/*.sql|*.sh.
# On first start it runs a temporary server on the Unix socket only, sets up user and database, stops it and
# then execs the real server, so "database system is ready to accept connections" is logged twice.
set -euo pipefail

PGBIN=/usr/lib/postgresql/15/bin
export PGDATA="${PGDATA:-/var/lib/postgresql/data}"

# `postgres ...` or `-c ...` means: run the server.
if [ "$#" -eq 0 ]; then set -- postgres; fi
if [ "${1:0:1}" = '-' ]; then set -- postgres "$@"; fi
if [ "$1" = postgres ]; then shift; set -- "$PGBIN/postgres" "$@"; fi

if [ "$1" != "$PGBIN/postgres" ]; then
  exec "$@"
fi

# As root: prepare directories, then re-run this script as the postgres user.
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  # Only touch what needs it: a chown makes overlayfs copy the whole file up.
  find "$PGDATA" \! -user postgres -exec chown postgres:postgres {} +
  [ "$(stat -c %a "$PGDATA")" = 700 ] || chmod 700 "$PGDATA"
  chown postgres:postgres /var/run/postgresql
  chmod 3777 /var/run/postgresql
  exec setpriv --reuid=postgres --regid=postgres --init-groups "${BASH_SOURCE[0]}" "$@"
fi

POSTGRES_USER="${POSTGRES_USER:-postgres}"
POSTGRES_DB="${POSTGRES_DB:-$POSTGRES_USER}"
POSTGRES_HOST_AUTH_METHOD="${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}"
POSTGRES_PASSWORD="${POSTGRES_PASSWORD:-}"

psql_as() { # psql_as USER DB [psql args...]
  local user="$1" db="$2"; shift 2
  psql -v ON_ERROR_STOP=1 --no-psqlrc --quiet --username "$user" --no-password --dbname "$db" "$@"
}

setup=0
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  setup=1
elif [ -e "$PGDATA/paas-pristine" ]; then
  setup=1
fi

if [ "$setup" = 1 ]; then
  if [ -z "$POSTGRES_PASSWORD" ] && [ "$POSTGRES_HOST_AUTH_METHOD" != trust ]; then
    echo "error: POSTGRES_PASSWORD is not set (or set POSTGRES_HOST_AUTH_METHOD=trust)" >&2
    exit 1
  fi

  if [ -s "$PGDATA/PG_VERSION" ] && [ -z "${POSTGRES_INITDB_ARGS:-}" ]; then
    echo "using the cluster initialised at image build time"
    prebuilt=1
  else
    if [ -s "$PGDATA/PG_VERSION" ]; then   # pristine, but initdb arguments were asked for
      find "$PGDATA" -mindepth 1 -delete
    fi
    # shellcheck disable=SC2086  # POSTGRES_INITDB_ARGS is a list of options
    "$PGBIN/initdb" --username="$POSTGRES_USER" --encoding=UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 ${POSTGRES_INITDB_ARGS:-}
    prebuilt=0
  fi
  rm -f "$PGDATA/paas-pristine"

  # Host connections from anywhere, with a password (or trust if asked for).
  sed -i -E '/^host[[:space:]]/ s/[^[:space:]]+$/'"$POSTGRES_HOST_AUTH_METHOD"'/' "$PGDATA/pg_hba.conf"
  printf '\nhost all all all %s\n' "$POSTGRES_HOST_AUTH_METHOD" >> "$PGDATA/pg_hba.conf"
  printf "\nlisten_addresses = '*'\n" >> "$PGDATA/postgresql.conf"

  # Temporary server on the Unix socket only: the first "ready to accept connections".
  "$PGBIN/pg_ctl" -D "$PGDATA" -w -o "-c listen_addresses='' -p 5432 -c fsync=off" start

  if [ "$prebuilt" = 1 ]; then
    # Baked cluster: rename the superuser and the spare database; a superuser cannot rename itself,
    # hence the spare superuser paas_setup, dropped afterwards.
    {
      [ "$POSTGRES_USER" = postgres ] || echo 'ALTER ROLE postgres RENAME TO :"u";'
      [ -z "$POSTGRES_PASSWORD" ] || echo 'ALTER ROLE :"u" WITH PASSWORD :'"'"'p'"'"';'
      if [ "$POSTGRES_DB" = postgres ]; then
        echo 'DROP DATABASE paas_prebuilt;'
      else
        echo 'ALTER DATABASE paas_prebuilt RENAME TO :"db";'
      fi
    } | psql_as paas_setup postgres --set u="$POSTGRES_USER" --set p="$POSTGRES_PASSWORD" --set db="$POSTGRES_DB"
    psql_as "$POSTGRES_USER" postgres -c 'DROP ROLE paas_setup;'
  else
    if [ -n "$POSTGRES_PASSWORD" ]; then
      psql_as "$POSTGRES_USER" postgres --set u="$POSTGRES_USER" --set p="$POSTGRES_PASSWORD" \
          <<<'ALTER ROLE :"u" WITH PASSWORD :'"'"'p'"'"';'
    fi
    if [ "$POSTGRES_DB" != postgres ]; then
      psql_as "$POSTGRES_USER" postgres --set db="$POSTGRES_DB" <<<'CREATE DATABASE :"db";'
    fi
  fi
  # shellcheck disable=SC1090  # init scripts are the user's
  for f in /docker-entrypoint-initdb.d/*; do
    [ -e "$f" ] || continue
    case "$f" in
      *.sh)  echo "running $f"; . "$f" ;;
      *.sql) echo "running $f"; psql_as "$POSTGRES_USER" "$POSTGRES_DB" -f "$f" ;;
      *)     echo "ignoring $f" ;;
    esac
  done

  "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop
  echo
  echo 'PostgreSQL init process complete; ready for start up.'
  echo
fi

exec "$@"
