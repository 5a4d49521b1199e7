#!/usr/bin/env bash
# Regenerates the placeholder JPEGs under content/media/.
#
# The sample stories in content/stories/ reference photos whose originals are not
# available to this project, so every rendition is a clearly labelled placeholder:
# a neutral grey card with "PLACEHOLDER", the story, the credit and the pixel size.
#
# The committed JPEGs are what the build uses; this script documents how they were
# made. Output is deterministic for a given ImageMagick version (metadata stripped
# with -strip, fixed fonts, fixed quality). If you regenerate, re-check every
# rendition's "sizeInBytes" in content/stories/*.json against `stat -c %s`.
#
# Needs: ImageMagick 6 (convert) and fonts-dejavu-core
#   apt-get install -y imagemagick fonts-dejavu-core
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MEDIA="$ROOT/content/media"

if [ -x /usr/bin/convert ]; then IM=/usr/bin/convert; else IM=convert; fi
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
FONT_BOLD=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
for f in "$FONT" "$FONT_BOLD"; do
  [ -f "$f" ] || { echo "missing font $f (apt-get install fonts-dejavu-core)" >&2; exit 1; }
done

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# make OUT WIDTH HEIGHT TITLE SUBJECT CREDIT
#   Draws a grey card WIDTHxHEIGHT with a frame and a diagonal cross, and a text block
#   (TITLE in bold, SUBJECT, CREDIT, "WIDTH x HEIGHT px") scaled to fit the card.
make() {
  local out="$1" w="$2" h="$3" title="$4" subject="$5" credit="$6"
  local b=$(( (w < h ? w : h) / 60 )); [ "$b" -ge 1 ] || b=1
  mkdir -p "$(dirname "$out")"

  # text block, rendered large, then scaled into the card
  "$IM" -background '#e9ecef' -fill '#212529' -font "$FONT_BOLD" -pointsize 96 \
        label:"$title" "$TMP/l1.png"
  "$IM" -background '#e9ecef' -fill '#343a40' -font "$FONT" -pointsize 72 \
        label:"$subject" "$TMP/l2.png"
  "$IM" -background '#e9ecef' -fill '#495057' -font "$FONT" -pointsize 64 \
        label:"$credit" "$TMP/l3.png"
  "$IM" -background '#e9ecef' -fill '#495057' -font "$FONT" -pointsize 64 \
        label:"${w} × ${h} px" "$TMP/l4.png"
  "$IM" -background '#e9ecef' -gravity center \
        "$TMP/l1.png" -size 10x40 xc:'#e9ecef' "$TMP/l2.png" -size 10x24 xc:'#e9ecef' \
        "$TMP/l3.png" -size 10x24 xc:'#e9ecef' "$TMP/l4.png" \
        -append -bordercolor '#e9ecef' -border 40 \
        -resize "$(( w * 86 / 100 ))x$(( h * 80 / 100 ))" "$TMP/text.png"

  "$IM" -size "${w}x${h}" xc:'#ced4da' \
        -fill '#e9ecef' -stroke '#868e96' -strokewidth "$b" \
        -draw "rectangle $b,$b $(( w - 1 - b )),$(( h - 1 - b ))" \
        -stroke '#adb5bd' -draw "line $b,$b $(( w - 1 - b )),$(( h - 1 - b ))" \
        -draw "line $(( w - 1 - b )),$b $b,$(( h - 1 - b ))" \
        "$TMP/text.png" -gravity center -compose over -composite \
        -strip -interlace none -sampling-factor 2x2 -quality 70 "$out"
  echo "$(stat -c %s "$out") $out"
}

# --- Vienna talks on Syria (Xinhua, 2015-10-30): four photos, two renditions each ---
d="$MEDIA/vienna-talks"
for n in 1 2 3 4; do
  make "$d/photo$n-1600.jpg" 1600 1067 "PLACEHOLDER — photo $n of 4" "Vienna talks on Syria" "Xinhua/Liu Xiang"
  make "$d/photo$n-400.jpg"   400  267 "PLACEHOLDER — photo $n of 4" "Vienna talks on Syria" "Xinhua/Liu Xiang"
done

# --- Costa Concordia trial (text story with two pictures) ---
d="$MEDIA/costa-concordia-trial"
make "$d/mainpic-429.jpg" 429 281 "PLACEHOLDER — photo 1 of 2" "Costa Concordia cruise ship" "Paulo Santalucia"
make "$d/mainpic-179.jpg" 179 117 "PLACEHOLDER — photo 1 of 2" "Costa Concordia cruise ship" "Paulo Santalucia"
make "$d/portrait-280.jpg" 280 430 "PLACEHOLDER — photo 2 of 2" "Francesco Schettino at court" "Paulo Santalucia"
make "$d/portrait-120.jpg" 120 180 "PLACEHOLDER — photo 2 of 2" "Francesco Schettino at court" "Paulo Santalucia"

# --- Costa Concordia photo-only item ---
d="$MEDIA/costa-concordia-photo"
make "$d/main-429.jpg" 429 281 "PLACEHOLDER — photo" "Costa Concordia cruise ship" "Paulo Santalucia"
make "$d/small-179.jpg" 179 117 "PLACEHOLDER — photo" "Costa Concordia cruise ship" "Paulo Santalucia"

# --- AP picture item: Turkey Islamic State (file photo) ---
d="$MEDIA/turkey-islamic-state"
make "$d/main-1200.jpg"     1200 883 "PLACEHOLDER — photo" "Turkey Islamic State (file photo)" "DHA via AP"
make "$d/preview-512.jpg"    512 377 "PLACEHOLDER — photo" "Turkey Islamic State (file photo)" "DHA via AP"
make "$d/thumbnail-125.jpg"  125  92 "PLACEHOLDER — photo" "Turkey Islamic State (file photo)" "DHA via AP"

# --- TT: Militärövning i jätteformat hålls 2023 (one picture, three renditions) ---
d="$MEDIA/tt-militarovning"
make "$d/a001-1600.jpg" 1600 1067 "PLACEHOLDER — photo 1 of 1" "Militärövning Aurora (arkivbild)" "Karl Melander/TT"
make "$d/a001-1024.jpg" 1024  683 "PLACEHOLDER — photo 1 of 1" "Militärövning Aurora (arkivbild)" "Karl Melander/TT"
make "$d/a001-256.jpg"   256  171 "PLACEHOLDER — photo 1 of 1" "Militärövning Aurora (arkivbild)" "Karl Melander/TT"
