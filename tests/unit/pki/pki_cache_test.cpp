// The per-user test PKI cache (peers/pki/pki_cache.h): reused without key generation, keyed by
// its spec, a corrupt one replaced with a notice, a cache others can read refused.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "peers/pki/pki_cache.h"

namespace tlsc::pki {
namespace {

namespace fs = std::filesystem;

fs::path fresh(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("tlsc-pkicache-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  return d;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(PkiCache, ASecondRunReusesTheCachedKeysWithoutGeneratingAny) {
  const fs::path root = fresh("reuse");
  std::string error;
  auto first = ensure_cached(root / "run1", root / "cache", &error);
  ASSERT_TRUE(first) << error;
  EXPECT_TRUE(first->generated);
  auto second = ensure_cached(root / "run2", root / "cache", &error);
  ASSERT_TRUE(second) << error;
  EXPECT_FALSE(second->generated);
  EXPECT_TRUE(second->notice.empty()) << second->notice;
  // The same keys, in each run's own folder, private.
  EXPECT_EQ(slurp(root / "run1" / "server-rsa.key"), slurp(root / "run2" / "server-rsa.key"));
  EXPECT_EQ(second->pki.dir, root / "run2");
  struct stat st {};
  ASSERT_EQ(::stat((root / "run2" / "client-rsa.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat((root / "cache").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 077, 0u);
  EXPECT_NE(slurp(root / "run2" / "source").find("reused"), std::string::npos);
  fs::remove_all(root);
}

TEST(PkiCache, AnotherSpecKeyMakesAnotherPki) {
  const fs::path root = fresh("spec");
  std::string error;
  ASSERT_TRUE(ensure_cached(root / "run1", root / "cache", &error, "aaaa")) << error;
  auto other = ensure_cached(root / "run2", root / "cache", &error, "bbbb");
  ASSERT_TRUE(other) << error;
  EXPECT_TRUE(other->generated);
  EXPECT_NE(slurp(root / "run1" / "ca.key"), slurp(root / "run2" / "ca.key"));
  EXPECT_TRUE(fs::exists(root / "cache" / "pki-aaaa") && fs::exists(root / "cache" / "pki-bbbb"));
  fs::remove_all(root);
}

TEST(PkiCache, ACorruptCacheIsReplacedWithOneLineSayingSo) {
  const fs::path root = fresh("corrupt");
  std::string error;
  ASSERT_TRUE(ensure_cached(root / "run1", root / "cache", &error, "cccc")) << error;
  std::ofstream(root / "cache" / "pki-cccc" / "server-ecdsa.key", std::ios::trunc) << "not a key";
  auto again = ensure_cached(root / "run2", root / "cache", &error, "cccc");
  ASSERT_TRUE(again) << error;
  EXPECT_TRUE(again->generated);
  EXPECT_NE(again->notice.find("did not read back whole: made a new one"), std::string::npos) << again->notice;
  EXPECT_EQ(again->notice.find('\n'), std::string::npos);
  EXPECT_TRUE(usable(layout(root / "cache" / "pki-cccc")));
  fs::remove_all(root);
}

TEST(PkiCache, ACacheOtherUsersCanReadIsNotUsed) {
  const fs::path root = fresh("open");
  fs::create_directories(root / "cache");
  std::string error;
  // A folder we cannot make private: a symlink to a world-readable place.
  fs::create_directories(root / "shared");
  ::chmod((root / "shared").c_str(), 0755);
  fs::create_directory_symlink(root / "shared", root / "link");
  auto made = ensure_cached(root / "run", root / "link", &error);
  ASSERT_TRUE(made) << error;
  EXPECT_NE(made->notice.find("is not used: not a directory"), std::string::npos) << made->notice;
  EXPECT_TRUE(made->generated);
  EXPECT_TRUE(fs::is_empty(root / "shared"));
  fs::remove_all(root);
}

TEST(PkiCache, ARunFolderThatHoldsAWholePkiKeepsIt) {
  const fs::path root = fresh("own");
  std::string error;
  ASSERT_TRUE(ensure(root / "run", &error)) << error;  // e.g. the PKI a user's IUT was set up with
  const std::string own = slurp(root / "run" / "ca.key");
  auto made = ensure_cached(root / "run", root / "cache", &error);
  ASSERT_TRUE(made) << error;
  EXPECT_FALSE(made->generated);
  EXPECT_EQ(slurp(root / "run" / "ca.key"), own);
  EXPECT_FALSE(fs::exists(root / "cache"));
  fs::remove_all(root);
}

TEST(PkiCache, TheSpecKeyIsStableAndShort) {
  EXPECT_EQ(spec_key(), spec_key());
  EXPECT_EQ(spec_key().size(), 16u);
}

}  // namespace
}  // namespace tlsc::pki
