// SHA-256, hex and Ed25519 for the journal (libsodium underneath; no sodium header here).
//
//   SigningKey key = SigningKey::Generate();
//   std::string sig = key.Sign("message");              // 64 raw bytes
//   bool ok = VerifySignature(key.public_key(), "message", sig);
//   std::string id = key.public_key().Id();             // 16 hex chars
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "concord/result.h"

namespace concord {

inline constexpr std::size_t kSha256Size = 32;
inline constexpr std::size_t kPublicKeySize = 32;
inline constexpr std::size_t kSeedSize = 32;
inline constexpr std::size_t kSignatureSize = 64;

// Initializes libsodium once; safe to call from any thread, any number of times. Every function
// below calls it, so callers need it only to fail early (it fails only on a broken system).
Status InitCrypto();

using Sha256Digest = std::array<std::uint8_t, kSha256Size>;
Sha256Digest Sha256(std::string_view data);
// Lowercase hex of the SHA-256 of `data` (64 chars).
std::string Sha256Hex(std::string_view data);

// Lowercase hex of arbitrary bytes.
std::string HexEncode(std::string_view bytes);
template <std::size_t N>
std::string HexEncode(const std::array<std::uint8_t, N>& bytes) {
  return HexEncode(std::string_view(reinterpret_cast<const char*>(bytes.data()), N));
}
// Decodes lowercase hex only (the journal's one spelling); kInvalidArgument otherwise.
Result<std::string> HexDecode(std::string_view hex);

class PublicKey {
 public:
  PublicKey() = default;
  explicit PublicKey(const std::array<std::uint8_t, kPublicKeySize>& bytes) : bytes_(bytes) {}
  // From 64 lowercase hex chars.
  static Result<PublicKey> FromHex(std::string_view hex);

  const std::array<std::uint8_t, kPublicKeySize>& bytes() const { return bytes_; }
  std::string Hex() const { return HexEncode(bytes_); }
  // The key id: the first 16 hex chars of SHA-256 over the 32 raw public key bytes.
  std::string Id() const;

  friend bool operator==(const PublicKey&, const PublicKey&) = default;

 private:
  std::array<std::uint8_t, kPublicKeySize> bytes_{};
};

// An Ed25519 key pair. The secret half is wiped when the object dies.
class SigningKey {
 public:
  static SigningKey Generate();
  // Deterministic from a 32-byte seed (raw bytes); kInvalidArgument on a wrong size.
  static Result<SigningKey> FromSeed(std::string_view seed);
  // From the 64 hex chars of a seed (the form `concord` keeps key files in).
  static Result<SigningKey> FromSeedHex(std::string_view seed_hex);

  SigningKey(const SigningKey& other);
  SigningKey& operator=(const SigningKey& other);
  ~SigningKey();

  const PublicKey& public_key() const { return public_key_; }
  std::string Id() const { return public_key_.Id(); }
  // The 32 raw seed bytes (secret!).
  std::string Seed() const;
  // A detached signature: 64 raw bytes.
  std::string Sign(std::string_view message) const;

 private:
  SigningKey() = default;
  std::array<std::uint8_t, 64> secret_{};  // libsodium's seed || public key form
  PublicKey public_key_;
};

// Checks a detached Ed25519 signature (64 raw bytes) of `message`.
bool VerifySignature(const PublicKey& key, std::string_view message, std::string_view signature);

}  // namespace concord
