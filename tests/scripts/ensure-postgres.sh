#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 with trust auth for
# local connections: uses the one that runs, else installs and starts one from apt.
set -euo pipefail

answers() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }

if command -v pg_isready >/dev/null && answers; then
  exit 0
fi

echo "No PostgreSQL answers on 127.0.0.1:5432: installing and starting one."
if ! command -v pg_ctlcluster >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /etc/postgresql | sort -V | tail -n 1)
if [ -z "$version" ]; then
  echo "PostgreSQL installed but no cluster found" >&2
  exit 1
fi
conf=/etc/postgresql/$version/main
# Tests connect without a password, from this machine only: as postgres (to make
# databases and roles), as the owner role that migrates (mina_steg_test_owner) and
# as the app role that serves (mina_steg_app), so every role is trusted locally.
sed -i -E 's/^(local|host)(\s+all\s+all\s+.*)\s(peer|md5|scram-sha-256)$/\1\2 trust/' "$conf/pg_hba.conf"
sed -i -E 's/^(local\s+all\s+postgres\s+)peer$/\1trust/' "$conf/pg_hba.conf"
pg_ctlcluster --skip-systemctl-redirect "$version" main start || pg_ctlcluster --skip-systemctl-redirect "$version" main restart
for _ in $(seq 1 30); do
  answers && exit 0
  sleep 1
done
echo "PostgreSQL did not start" >&2
exit 1
