#!/usr/bin/env bash
# Regenerates resources/dictionaries/en-GB-10-1.bdic (Chromium's binary Hunspell format) from Debian's en_GB dictionary.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq --no-install-recommends hunspell-en-gb qt6-webengine-dev-tools >/dev/null
/usr/lib/qt6/libexec/qwebengine_convert_dict /usr/share/hunspell/en_GB.dic resources/dictionaries/en-GB-10-1.bdic
zcat /usr/share/doc/hunspell-en-gb/README_en_GB.txt.gz > resources/dictionaries/README_en_GB.txt
echo "Wrote resources/dictionaries/en-GB-10-1.bdic from hunspell-en-gb $(dpkg-query -W -f='${Version}' hunspell-en-gb)"
