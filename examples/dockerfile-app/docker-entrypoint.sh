#!/bin/sh
# Sets something up, then runs the command it was given, as entrypoints usually do.
export SERVED_BY="the entrypoint"
exec "$@"
