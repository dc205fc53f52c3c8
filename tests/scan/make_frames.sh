#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Generates the scan frame set: camera-like grayscale frames holding one QR code (or none),
# made with qrencode and ImageMagick, fully determined by the seed so figures can be compared
# over time. Writes OUT_DIR/frames/*.png and OUT_DIR/manifest.tsv:
#   file  category  width  height  module_px  kind  text      (text empty for "none" frames)
#
#   tests/scan/make_frames.sh OUT_DIR [--set full|ci] [--seed N] [--jobs N]
#
# Sets (counts are fixed by the seed and the set):
#   full  payload kinds dossier_code, citizen_id_qr, url x module sizes 2..17 px x frames
#         640x480 and 1280x720 x categories clean, rotated, perspective, blurred, noisy,
#         low_contrast, uneven_light; a combination is skipped when the code (with its
#         4-module quiet zone, and room to turn for the rotated and perspective ones) does not
#         fit in the frame. Plus 60 frames with no code (scenes, random blocks, stripes).
#   ci    a small fixed subset for the CTest run: module sizes 3, 5, 8 at 640x480, every kind
#         and category, plus 12 frames with no code.
# The payloads are synthetic (no real person's data).
set -euo pipefail

usage() { echo "usage: $0 OUT_DIR [--set full|ci] [--seed N] [--jobs N]" >&2; exit 2; }
[ $# -ge 1 ] || usage
out=$1; shift
set_name=full
seed=20250701
jobs=$(nproc 2>/dev/null || echo 2)
while [ $# -gt 0 ]; do
    case $1 in
    --set) set_name=${2:?}; shift 2 ;;
    --seed) seed=${2:?}; shift 2 ;;
    --jobs) jobs=${2:?}; shift 2 ;;
    *) usage ;;
    esac
done
case $set_name in full | ci) ;; *) usage ;; esac

CONVERT=/usr/bin/convert
command -v qrencode >/dev/null || { echo "make_frames: qrencode is missing (scripts/install-deps.sh)" >&2; exit 1; }
[ -x "$CONVERT" ] || { echo "make_frames: ImageMagick's $CONVERT is missing (scripts/install-deps.sh)" >&2; exit 1; }

mkdir -p "$out/frames" "$out/codes"
rm -f "$out"/frames/*.png "$out"/codes/*.png
manifest="$out/manifest.tsv"
commands="$out/commands.txt"
: >"$commands"
printf 'file\tcategory\twidth\theight\tmodule_px\tkind\ttext\n' >"$manifest"

# A random integer in [lo, hi] into R, from a linear congruential generator seeded by --seed.
# It runs in this shell, never in a $(...) subshell: bash reseeds RANDOM in every subshell,
# which once made the "fixed" set differ from run to run.
lcg=$seed
rnd() {
    lcg=$(((lcg * 1103515245 + 12345) % 2147483648))
    R=$(((lcg >> 8) % ($2 - $1 + 1) + $1))
}

payload() { # kind index
    local n
    n=$(printf '%04d' $((($2 * 37) % 10000)))
    case $1 in
    dossier_code) echo "000.00.15.H56-250701-$n" ;;
    citizen_id_qr)
        local names=("Nguyễn Văn Đức" "Trần Thị Hồng Nhung" "Lê Hoàng Phương Anh" "Phạm Quốc Việt")
        local streets=("Số 1 Tràng Tiền, Phường Hoàn Kiếm, Hà Nội" "12 Nguyễn Huệ, Phường Sài Gòn, TP Hồ Chí Minh"
            "Thôn Đông, Xã Tân Lập, Tỉnh Phú Thọ" "45 Lê Lợi, Phường Hải Châu, Đà Nẵng")
        local i=$(($2 % 4))
        echo "0010900$(printf '%05d' $((($2 * 7919) % 100000)))||${names[$i]}|0102199$(($2 % 10))|Nam|${streets[$i]}|15082021"
        ;;
    url) echo "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?maHoSo=000.00.15.H56-250701-$n" ;;
    esac
}

# Modules per side of the QR qrencode makes for a text (level M), without quiet zone.
modules_of() {
    qrencode -l M -s 1 -m 0 -t ASCII "$1" | head -1 | awk '{ print length($0) / 2 }'
}

index=0
add_code_frame() { # kind category width height module
    local kind=$1 category=$2 w=$3 h=$4 m=$5
    local text side need
    text=$(payload "$kind" "$index")
    side=$((($(modules_of "$text") + 8) * m))
    need=$side
    case $category in rotated | perspective) need=$((side * 142 / 100)) ;; esac
    [ "$need" -le $((h - 8)) ] || return 0

    local name
    name=$(printf '%s_%dx%d_m%02d_%s_%04d' "$kind" "$w" "$h" "$m" "$category" "$index")
    index=$((index + 1))
    local code="$out/codes/$name.png"
    # The frame: a dim, slightly graded scene, the receipt (white) with the code somewhere on it.
    local bg_top bg_bottom dx dy
    rnd 35 75; bg_top=$R
    rnd 20 60; bg_bottom=$R
    rnd $((-(w - need) / 2 + 4)) $(((w - need) / 2 - 4)); dx=$R
    rnd $((-(h - need) / 2 + 4)) $(((h - need) / 2 - 4)); dy=$R
    local transform=() post=()
    case $category in
    clean) ;;
    rotated)
        local angle
        rnd 5 355; angle=$R
        transform=(-background none -rotate "$angle")
        ;;
    perspective)
        # Each corner moved inwards by up to 18% of the side: the code seen at an angle.
        local s=$side p=$((side * 18 / 100))
        local c1x c1y c2x c2y c3x c3y c4x c4y
        rnd 0 $p; c1x=$R; rnd 0 $p; c1y=$R; rnd 0 $p; c2x=$((s - R)); rnd 0 $p; c2y=$R
        rnd 0 $p; c3x=$((s - R)); rnd 0 $p; c3y=$((s - R)); rnd 0 $p; c4x=$R; rnd 0 $p; c4y=$((s - R))
        rnd -20 20
        transform=(-virtual-pixel transparent -background none +distort Perspective
            "0,0 $c1x,$c1y $s,0 $c2x,$c2y $s,$s $c3x,$c3y 0,$s $c4x,$c4y" -rotate "$R")
        ;;
    blurred)
        # Out of focus by a third to a half of a module.
        local sigma
        rnd 33 50
        sigma=$(awk -v m="$m" -v r="$R" 'BEGIN { s = m * r / 100; if (s < 0.6) s = 0.6; printf "%.2f", s }')
        post=(-blur "0x$sigma")
        ;;
    noisy)
        # Sensor noise in a dim room: Gaussian, sigma 8 to 24 gray levels.
        local noise_seed
        rnd 1 100000; noise_seed=$R
        rnd 40 120
        post=(-seed "$noise_seed" -attenuate "$(awk -v a="$R" 'BEGIN { printf "%.2f", a / 100 }')"
            +noise Gaussian)
        ;;
    low_contrast)
        local black
        rnd 30 40; black=$R
        rnd 58 68
        post=(+level "$black%,$R%")
        ;;
    uneven_light)
        # A lamp on one side: light falls from 100% to 25-40% across the frame.
        local dark angle
        rnd 25 40; dark=$R
        rnd 0 359; angle=$R
        post=(\( -size "${w}x${h}" -define "gradient:angle=$angle" "gradient:gray100-gray$dark" \)
            -compose multiply -composite)
        ;;
    esac
    printf '%s\t%s\t%d\t%d\t%d\t%s\t%s\n' "$name.png" "$category" "$w" "$h" "$m" "$kind" "$text" >>"$manifest"
    # One command line per frame (NUL-free, quoted for bash), run in parallel below.
    {
        printf 'qrencode -l M -s %d -m 4 -o %q %q && ' "$m" "$code" "$text"
        printf '%q ' "$CONVERT" -size "${w}x${h}" "gradient:gray$bg_top-gray$bg_bottom" \
            \( "$code" -alpha set "${transform[@]}" \) -gravity center -geometry "+$dx+$dy" -compose over -composite \
            "${post[@]}" -colorspace Gray -depth 8 "$out/frames/$name.png"
        printf '\n'
    } >>"$commands"
}

add_empty_frame() { # width height
    local w=$1 h=$2
    local name variant
    name=$(printf 'none_%dx%d_%04d' "$w" "$h" "$index")
    index=$((index + 1))
    rnd 0 4; variant=$R
    local scene=()
    case $variant in
    0)
        local top
        rnd 30 80; top=$R
        rnd 10 60
        scene=(-size "${w}x${h}" "gradient:gray$top-gray$R")
        ;;
    1) # random blocks, like a QR's modules without finder patterns
        local b
        rnd 3 12; b=$R
        rnd 1 100000
        scene=(-size "$((w / b))x$((h / b))" xc:gray50 -seed "$R" +noise Random -threshold 50% -scale "$((b * 100))%")
        ;;
    2) # vertical stripes of random widths, like a 1D code
        rnd 1 100000
        scene=(-size "$w"x1 xc:gray50 -seed "$R" +noise Random -threshold 50% -scale "$((w))x$((h))!")
        ;;
    3) scene=(-size "${w}x${h}" pattern:checkerboard -scale "$((w))x$((h))!") ;;
    4) # a plain receipt with noise, no code
        local g1 g2 x1 y1 x2 y2
        rnd 40 70; g1=$R; rnd 20 40; g2=$R
        rnd 10 100; x1=$R; rnd 10 100; y1=$R; rnd 10 100; x2=$((w - R)); rnd 10 100; y2=$((h - R))
        rnd 1 100000
        scene=(-size "${w}x${h}" "gradient:gray$g1-gray$g2" -fill white -draw
            "rectangle $x1,$y1 $x2,$y2" -seed "$R" -attenuate 1 +noise Gaussian)
        ;;
    esac
    printf '%s\t%s\t%d\t%d\t%d\t%s\t%s\n' "$name.png" none "$w" "$h" 0 none "" >>"$manifest"
    {
        printf '%q ' "$CONVERT" "${scene[@]}" -colorspace Gray -depth 8 "$out/frames/$name.png"
        printf '\n'
    } >>"$commands"
}

kinds=(dossier_code citizen_id_qr url)
categories=(clean rotated perspective blurred noisy low_contrast uneven_light)
if [ "$set_name" = full ]; then
    sizes=("640 480" "1280 720")
    modules=(2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17)
    empty_per_size=30
else
    sizes=("640 480")
    modules=(3 5 8)
    empty_per_size=12
fi
for size in "${sizes[@]}"; do
    read -r w h <<<"$size"
    for kind in "${kinds[@]}"; do
        for m in "${modules[@]}"; do
            for category in "${categories[@]}"; do
                add_code_frame "$kind" "$category" "$w" "$h" "$m"
            done
        done
    done
    for ((i = 0; i < empty_per_size; i++)); do
        add_empty_frame "$w" "$h"
    done
done

tr '\n' '\0' <"$commands" | xargs -0 -P "$jobs" -n 1 bash -c
rm -rf "$out/codes" "$commands"
cp "$0" "$out/generator.sh"
count=$(($(wc -l <"$manifest") - 1))
echo "make_frames: $count frames ($set_name set, seed $seed) in $out/frames, manifest $manifest" >&2
