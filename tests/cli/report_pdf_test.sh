#!/usr/bin/env bash
# The yearly summary as Word: the .docx that `bangfu report` writes opens in LibreOffice
# (headless conversion to PDF) and pdftotext finds the Chinese text and the figures in the PDF.
# The expected figures are computed here from data/demo/pairing.json, independently of Bangfu:
# 叶集区's donations of 2024 (funds and materials) and its 2026 demonstration-class teachers.
set -uo pipefail
bin=${BANGFU_BIN:?BANGFU_BIN must name the bangfu binary}
demo=${BANGFU_DEMO_JSON:?BANGFU_DEMO_JSON must name data/demo/pairing.json}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL $*"; exit 1; }
# holds FILE STRIP WANT: whether FILE (a PDF's text) holds WANT once the characters STRIP are
# deleted (pdftotext may put spaces between CJK and Latin runs, and wraps paragraphs). No
# `grep -q` behind a pipe: it stops reading at the first match, `tr` then dies of SIGPIPE and,
# with pipefail, a match counted as a miss (it failed that way once in a fresh-clone run).
holds() { tr -d "$2" <"$1" | grep -F -- "$3" >/dev/null; }
command -v soffice >/dev/null || fail "soffice missing: scripts/setup.sh installs libreoffice-writer-nogui"
command -v pdftotext >/dev/null || fail "pdftotext missing: scripts/setup.sh installs poppler-utils"

"$bin" init --db "sqlite:$tmp/t.db" >/dev/null || fail "init"
"$bin" demo --db "sqlite:$tmp/t.db" >/dev/null || fail "demo"
"$bin" report --db "sqlite:$tmp/t.db" --scope region:341504 --year 2024 --format docx \
  --out "$tmp/叶集区2024.docx" >/dev/null || fail "report"

# Sums in fen of the 叶集 program's 2024 donations, formatted as the report writes yuan.
read -r funds materials < <(node -e '
  const d = require(process.argv[1]);
  const fen = (k) => d.donations.filter((x) => x.program === "#yj" && x.kind === k &&
    x.donated_on.startsWith("2024")).reduce((s, x) => s + x.amount_fen, 0);
  const yuan = (f) => (f / 100).toLocaleString("en-US", { minimumFractionDigits: 2 });
  console.log(yuan(fen("funds")), yuan(fen("materials")));' "$demo")
[[ $funds == 80,000.00 && $materials == 620,000.00 ]] || fail "demo data changed: $funds $materials"

# A private profile directory, so the conversion does not touch (or wait for) another's.
HOME=$tmp soffice -env:UserInstallation=file://$tmp/lo --headless --convert-to pdf \
  --outdir "$tmp" "$tmp/叶集区2024.docx" >"$tmp/soffice.log" 2>&1 || { cat "$tmp/soffice.log"; fail "soffice"; }
[[ -s $tmp/叶集区2024.pdf ]] || { cat "$tmp/soffice.log"; fail "no PDF written"; }
pdftotext -layout "$tmp/叶集区2024.pdf" "$tmp/out.txt" || fail "pdftotext"
for want in "叶集区2024年度帮扶工作总结" "一、组织领导" "四、资源共享与捐资助学" \
            "$funds" "$materials" "叶教〔2022〕45"; do
  # pdftotext may put spaces between CJK and Latin runs; compare without spaces.
  holds "$tmp/out.txt" ' ' "${want// /}" || { echo "--- PDF text:"; cat "$tmp/out.txt"; fail "PDF lacks \"$want\""; }
  echo "ok   PDF holds $want"
done

# Teacher dispatch: the 叶集 program's person-times of the school year 2023-09..2024-08 (the
# report year 2024), computed here from data/demo/dispatch.json, in the section's paragraph.
sent=$(node -e '
  const d = require(process.argv[1]);
  console.log(d.assignments.filter((x) => x.program === "叶集区城乡学校结对帮扶" &&
    x.status !== "withdrawn" && x.start_date <= "2024-08-31" && x.end_date >= "2023-09-01").length);' \
  "$(dirname "$demo")/dispatch.json")
[[ $sent == 44 ]] || fail "demo dispatch data changed: $sent"
# The paragraph may wrap across lines: compare without spaces and line breaks.
for want in "五、支教派遣与考核" "派遣支教${sent}人次"; do
  holds "$tmp/out.txt" ' \n' "$want" || { echo "--- PDF text:"; cat "$tmp/out.txt"; fail "PDF lacks \"$want\""; }
  echo "ok   PDF holds $want"
done
# The people-helped section: 企石镇's 2026 report names the households of 铁炉坑村 by count only
# (counted here from data/demo/beneficiaries.json) and no head of household by name.
people=$(dirname "$demo")/beneficiaries.json
read -r households first_name < <(node -e '
  const p = require(process.argv[1]);
  const h = p.households.filter((x) => x.institution === "@dg_tielukeng");
  console.log(h.length, h[0].name);' "$people")
[[ $households == 16 ]] || fail "demo data changed: $households households"
"$bin" report --db "sqlite:$tmp/t.db" --scope region:441900105 --year 2026 --format docx \
  --out "$tmp/企石镇2026.docx" >/dev/null || fail "report 企石镇"
HOME=$tmp soffice -env:UserInstallation=file://$tmp/lo --headless --convert-to pdf \
  --outdir "$tmp" "$tmp/企石镇2026.docx" >"$tmp/soffice.log" 2>&1 || { cat "$tmp/soffice.log"; fail "soffice"; }
pdftotext -layout "$tmp/企石镇2026.pdf" "$tmp/people.txt" || fail "pdftotext"
for want in "六、结对帮扶困难学生与家庭" "困难家庭 $households 户" "勤工助学岗位"; do
  holds "$tmp/people.txt" ' ' "${want// /}" || { echo "--- PDF text:"; cat "$tmp/people.txt"; fail "PDF lacks \"$want\""; }
  echo "ok   PDF holds $want"
done
! grep -qF -- "$first_name" "$tmp/people.txt" || fail "PDF names the beneficiary $first_name"
echo "ok   PDF names no beneficiary"
