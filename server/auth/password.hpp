#pragma once

#include <string>
#include <string_view>

namespace care::server::auth {

// argon2id through libsodium (R-G5: a memory-hard KDF). The encoded string carries
// its own salt and cost, so old hashes keep verifying if the cost is raised later.
std::string hash_password(std::string_view password);
bool verify_password(std::string_view encoded_hash, std::string_view password);

// 32 random bytes as 64 hex digits: session cookies and integration keys.
std::string random_token();
// A keyed-free BLAKE2b hash in hex: what the database keeps instead of a token.
std::string token_hash(std::string_view token);

}  // namespace care::server::auth
