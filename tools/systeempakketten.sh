#!/usr/bin/env bash
# Install the Debian packages a make target needs.
#   tools/systeempakketten.sh html    Graphviz (diagrams) and hunspell with the Dutch dictionary (spelling test)
#   tools/systeempakketten.sh pdf     TeX with Dutch hyphenation (pdflatex for the handbook, LuaLaTeX
#                                     and the Noto fonts for the wizard's draft in any script:
#                                     protocol/templates/protocolpdf.sty), fontconfig (which
#                                     characters the fonts have) and poppler-utils for the PDF tests
#   tools/systeempakketten.sh browser Chromium and a font for the browser tests and Lighthouse
#                                     (and npm, for axe-core and Lighthouse, if there is no npm)
#   tools/systeempakketten.sh alles   everything the targets and tests need
# As root with apt-get it installs them; otherwise it prints the command.
set -euo pipefail

html=(graphviz hunspell hunspell-nl)
# pdf: the handbook's PDFs (pdflatex; what Read the Docs installs too), and for the wizard's
# draft LuaLaTeX with the Noto fonts (protocol_pdf).
pdf=(latexmk texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended tex-gyre
     texlive-lang-european poppler-utils)
protocol_pdf=(texlive-luatex fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji fontconfig)
browser=(chromium fonts-dejavu-core)
# Node.js may come from elsewhere than Debian (with its own npm): only ask for Debian's npm without one.
command -v npm >/dev/null 2>&1 || browser+=(npm)

case "${1:-alles}" in
  html)  packages=("${html[@]}") ;;
  pdf)   packages=("${pdf[@]}" "${protocol_pdf[@]}") ;;
  browser) packages=("${browser[@]}") ;;
  alles) packages=("${html[@]}" "${pdf[@]}" "${protocol_pdf[@]}" "${browser[@]}") ;;
  *) echo "Onbekende groep '$1'. Kies: html, pdf, browser of alles." >&2; exit 2 ;;
esac

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

command="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Debian-pakketten worden geïnstalleerd: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $command
else
  echo "Deze Debian-pakketten ontbreken: ${missing[*]}. Installeer ze met: sudo $command" >&2
  exit 1
fi
