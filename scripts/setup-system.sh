#!/usr/bin/env bash
# Installs the system programs the tests use, only when one is missing:
# Python's venv module (Debian packs it apart), Node.js and npm (test tools),
# Chromium (browser tests) and libatomic (the Node.js that Playwright's Python
# package runs needs it), nginx and Apache (self-hosting tests), poppler (reading printed
# PDFs), Java (the Nu Html Checker), openssl, and two font sets, DejaVu and Liberation,
# which the print test uses to show that worksheets print the same whatever
# fonts a machine has. Needs root for apt-get.
set -euo pipefail
need=()
python3 -c "import ensurepip, venv" 2>/dev/null || need+=(python3-venv)
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
command -v chromium >/dev/null || need+=(chromium)
/sbin/ldconfig -p | grep -q "libatomic\.so\.1 " || need+=(libatomic1)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
[ -x /usr/sbin/apache2 ] || need+=(apache2)  # the .htaccess test (Debian's own apache2 and its modules)
command -v pdftotext >/dev/null && command -v pdffonts >/dev/null || need+=(poppler-utils)
command -v java >/dev/null || need+=(default-jre-headless)
command -v openssl >/dev/null || need+=(openssl)  # the nginx test's self-signed certificate
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
[ -f /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] || need+=(fonts-liberation)
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
