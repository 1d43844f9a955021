#pragma once

#include <string>
#include <string_view>

namespace care {

// Unicode simple case folding (CaseFolding.txt, status C and S) for the scripts the
// product's languages use: Latin (ASCII, Latin-1 Supplement, Latin Extended-A), Greek
// and Cyrillic (U+0400..U+052F). Other code points are returned unchanged. Kept as
// our own small table so the WASM client needs no ICU (R-C4, R-J2).
char32_t fold_case(char32_t c);

// The folded form of valid UTF-8 text ("ЪГЪЛ" -> "ъгъл"): equal for text that differs
// only in letter case. Invalid bytes are kept as they are.
std::string fold_case(std::string_view utf8);

bool equal_ignoring_case(std::string_view a, std::string_view b);

}  // namespace care
