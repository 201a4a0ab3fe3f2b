#!/usr/bin/env bash
# Makes what a cluster that spans hosts needs so its controller and registry are not open to every client:
#   ca.crt, ca.key              the platform's own CA (copy ca.crt to every host; ca.key never leaves this one)
#   server.crt, server.key      the controller's and the registry's certificate, for ADDRESS (and 127.0.0.1)
#   registry.htpasswd           the registry's one user, bcrypt (docker-registry accepts only bcrypt)
#   registry-credentials        that user as USER:PASSWORD, for the controller's builder and the node-agents
# Re-runnable: what exists is kept, so hosts that already trust the CA keep trusting it. The password is random
# and is never printed.
#
#   deploy/lib/cluster-tls.sh DIR ADDRESS
set -euo pipefail

dir="${1:?usage: cluster-tls.sh DIR ADDRESS}"
address="${2:?usage: cluster-tls.sh DIR ADDRESS}"
case "$address" in
  *[!0-9.]*) san="DNS:$address,IP:127.0.0.1"; shown="DNS:$address" ;;
  *) san="IP:$address,IP:127.0.0.1"; shown="IP Address:$address" ;;
esac
umask 077
mkdir -p "$dir"
cd "$dir"

if [ ! -s ca.crt ] || [ ! -s ca.key ]; then
  openssl req -x509 -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -sha256 -days 3650 \
    -subj "/CN=paas platform CA" -keyout ca.key -out ca.crt 2>/dev/null
fi
# A new address needs a new certificate; the CA stays.
if [ ! -s server.crt ] || ! openssl x509 -in server.crt -noout -ext subjectAltName 2>/dev/null | grep -qF "$shown,"; then
  openssl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -sha256 -subj "/CN=$address" \
    -keyout server.key -out server.csr 2>/dev/null
  printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyEncipherment\n' "$san" >server.ext
  openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 825 -sha256 \
    -extfile server.ext -out server.crt 2>/dev/null
  rm -f server.csr server.ext
fi
if [ ! -s registry.htpasswd ] || [ ! -s registry-credentials ]; then
  password="$(openssl rand -hex 24)"
  printf '%s\n' "$password" | htpasswd -niB paas >registry.htpasswd
  printf 'paas:%s\n' "$password" >registry-credentials
fi
# The CA certificate is public; the rest stays readable by root only.
chmod 644 ca.crt server.crt
