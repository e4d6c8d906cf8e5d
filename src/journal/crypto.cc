#include "journal/crypto.h"

#include <sodium.h>

#include <cstring>

namespace concord {

Status InitCrypto() {
  static const int rc = sodium_init();  // thread-safe static init; sodium_init is idempotent
  if (rc < 0) return Fail(ErrorCode::kInternal, "libsodium failed to initialize");
  return {};
}

namespace {
void EnsureSodium() { (void)InitCrypto(); }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}
}  // namespace

Sha256Digest Sha256(std::string_view data) {
  EnsureSodium();
  Sha256Digest digest;
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(data.data()),
                     data.size());
  return digest;
}

std::string Sha256Hex(std::string_view data) { return HexEncode(Sha256(data)); }

std::string HexEncode(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(bytes.size() * 2, '0');
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    unsigned char b = static_cast<unsigned char>(bytes[i]);
    out[2 * i] = kHex[b >> 4];
    out[2 * i + 1] = kHex[b & 0xF];
  }
  return out;
}

Result<std::string> HexDecode(std::string_view hex) {
  if (hex.size() % 2 != 0) {
    return Fail(ErrorCode::kInvalidArgument, "hex: odd number of digits");
  }
  std::string out(hex.size() / 2, '\0');
  for (std::size_t i = 0; i < out.size(); ++i) {
    int hi = HexValue(hex[2 * i]);
    int lo = HexValue(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      return Fail(ErrorCode::kInvalidArgument, "hex: not a lowercase hex digit at position " +
                                                   std::to_string(hi < 0 ? 2 * i : 2 * i + 1));
    }
    out[i] = static_cast<char>((hi << 4) | lo);
  }
  return out;
}

Result<PublicKey> PublicKey::FromHex(std::string_view hex) {
  if (hex.size() != 2 * kPublicKeySize) {
    return Fail(ErrorCode::kInvalidArgument, "public key: expected 64 hex chars, got " +
                                                 std::to_string(hex.size()));
  }
  Result<std::string> raw = HexDecode(hex);
  if (!raw) return Fail(ErrorCode::kInvalidArgument, "public key: " + raw.error().message);
  std::array<std::uint8_t, kPublicKeySize> bytes;
  std::memcpy(bytes.data(), raw->data(), kPublicKeySize);
  return PublicKey(bytes);
}

std::string PublicKey::Id() const {
  return HexEncode(Sha256(std::string_view(reinterpret_cast<const char*>(bytes_.data()),
                                           bytes_.size())))
      .substr(0, 16);
}

SigningKey SigningKey::Generate() {
  EnsureSodium();
  SigningKey key;
  std::array<std::uint8_t, kPublicKeySize> pk;
  crypto_sign_keypair(pk.data(), key.secret_.data());
  key.public_key_ = PublicKey(pk);
  return key;
}

Result<SigningKey> SigningKey::FromSeed(std::string_view seed) {
  EnsureSodium();
  if (seed.size() != kSeedSize) {
    return Fail(ErrorCode::kInvalidArgument,
                "signing key: seed must be 32 bytes, got " + std::to_string(seed.size()));
  }
  SigningKey key;
  std::array<std::uint8_t, kPublicKeySize> pk;
  crypto_sign_seed_keypair(pk.data(), key.secret_.data(),
                           reinterpret_cast<const unsigned char*>(seed.data()));
  key.public_key_ = PublicKey(pk);
  return key;
}

Result<SigningKey> SigningKey::FromSeedHex(std::string_view seed_hex) {
  if (seed_hex.size() != 2 * kSeedSize) {
    return Fail(ErrorCode::kInvalidArgument, "signing key: expected 64 hex chars of seed, got " +
                                                 std::to_string(seed_hex.size()));
  }
  Result<std::string> seed = HexDecode(seed_hex);
  if (!seed) return Fail(ErrorCode::kInvalidArgument, "signing key: " + seed.error().message);
  Result<SigningKey> key = FromSeed(*seed);
  sodium_memzero(seed->data(), seed->size());
  return key;
}

SigningKey::SigningKey(const SigningKey& other)
    : secret_(other.secret_), public_key_(other.public_key_) {}

SigningKey& SigningKey::operator=(const SigningKey& other) {
  secret_ = other.secret_;
  public_key_ = other.public_key_;
  return *this;
}

SigningKey::~SigningKey() { sodium_memzero(secret_.data(), secret_.size()); }

std::string SigningKey::Seed() const {
  // libsodium's secret key is seed || public key.
  return std::string(reinterpret_cast<const char*>(secret_.data()), kSeedSize);
}

std::string SigningKey::Sign(std::string_view message) const {
  std::string sig(kSignatureSize, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       secret_.data());
  return sig;
}

bool VerifySignature(const PublicKey& key, std::string_view message, std::string_view signature) {
  EnsureSodium();
  if (signature.size() != kSignatureSize) return false;
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                     reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), key.bytes().data()) == 0;
}

}  // namespace concord
