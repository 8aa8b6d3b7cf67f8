#!/usr/bin/env bash
# Installs the system programs the tests use, only when one is missing:
# Chromium (browser tests), nginx (self-hosting test), poppler (reading printed
# PDFs), Java (the Nu Html Checker) and openssl. Needs root for apt-get.
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v java >/dev/null || need+=(default-jre-headless)
command -v openssl >/dev/null || need+=(openssl)  # the nginx test's self-signed certificate
command -v node >/dev/null || need+=(nodejs npm)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing: ${need[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "Please run as root (or install these packages yourself): ${need[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
