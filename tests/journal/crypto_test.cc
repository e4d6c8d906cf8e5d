#include "journal/crypto.h"

#include <gtest/gtest.h>

namespace concord {
namespace {

TEST(CryptoTest, Sha256KnownAnswers) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(CryptoTest, HexRoundTripAndLowercaseOnly) {
  EXPECT_EQ(HexEncode(std::string_view("\x00\xff\x10", 3)), "00ff10");
  Result<std::string> raw = HexDecode("00ff10");
  ASSERT_TRUE(raw);
  EXPECT_EQ(*raw, std::string("\x00\xff\x10", 3));
  Result<std::string> upper = HexDecode("00FF");
  ASSERT_FALSE(upper);
  EXPECT_EQ(upper.error().message, "hex: not a lowercase hex digit at position 2");
  EXPECT_FALSE(HexDecode("abc"));
}

TEST(CryptoTest, Rfc8032TestVector1) {
  // RFC 8032 section 7.1, TEST 1 (empty message).
  Result<SigningKey> key = SigningKey::FromSeedHex(
      "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  ASSERT_TRUE(key);
  EXPECT_EQ(key->public_key().Hex(),
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  std::string sig = key->Sign("");
  EXPECT_EQ(HexEncode(sig),
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
            "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  EXPECT_TRUE(VerifySignature(key->public_key(), "", sig));
  EXPECT_EQ(key->Id(), Sha256Hex(*HexDecode(key->public_key().Hex())).substr(0, 16));
  EXPECT_EQ(key->Id().size(), 16u);
}

TEST(CryptoTest, SignVerifyAndRejectTampering) {
  SigningKey a = SigningKey::Generate();
  SigningKey b = SigningKey::Generate();
  EXPECT_NE(a.Id(), b.Id());
  std::string sig = a.Sign("hello");
  EXPECT_TRUE(VerifySignature(a.public_key(), "hello", sig));
  EXPECT_FALSE(VerifySignature(a.public_key(), "hellp", sig));
  EXPECT_FALSE(VerifySignature(b.public_key(), "hello", sig));
  std::string bad = sig;
  bad[10] ^= 1;
  EXPECT_FALSE(VerifySignature(a.public_key(), "hello", bad));
  EXPECT_FALSE(VerifySignature(a.public_key(), "hello", sig.substr(1)));
}

TEST(CryptoTest, SeedRoundTripAndPublicKeyFromHex) {
  SigningKey a = SigningKey::Generate();
  Result<SigningKey> again = SigningKey::FromSeedHex(HexEncode(a.Seed()));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->public_key(), a.public_key());
  Result<PublicKey> pk = PublicKey::FromHex(a.public_key().Hex());
  ASSERT_TRUE(pk);
  EXPECT_EQ(*pk, a.public_key());
  Result<PublicKey> short_key = PublicKey::FromHex("abcd");
  ASSERT_FALSE(short_key);
  EXPECT_EQ(short_key.error().message, "public key: expected 64 hex chars, got 4");
  EXPECT_FALSE(SigningKey::FromSeed("short"));
}

}  // namespace
}  // namespace concord
