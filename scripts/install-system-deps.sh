#!/usr/bin/env bash
# The Debian packages Tidemark's tests and benchmarks use (run as root; README "Set up").
set -euo pipefail
APT="apt-get install -y -q -o DPkg::Lock::Timeout=600 --no-install-recommends"
apt-get update -q -o DPkg::Lock::Timeout=600
# chromium: e2e tests · openssh-server: the loopback sshd of the zfs tests · zfs-fuse: real ZFS pools
# zstd, age: interop checks of the disk and cas formats · e2fsprogs, util-linux: loop devices and filesystems
$APT chromium openssh-server openssh-client zfs-fuse zstd age e2fsprogs util-linux procps python3
if [ "${1:-}" = "--bench" ]; then
  # the peers of `npm run bench`
  $APT restic borgbackup time
fi
