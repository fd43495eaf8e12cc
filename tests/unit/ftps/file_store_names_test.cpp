// FileStore::name_of: client paths to store names; a sub-folder is part of the name (an IUT
// profile's upload folder, e.g. "pub/tlsc-upload.bin"), anything that leaves the store is "".
#include <gtest/gtest.h>

#include "peers/ftps/file_store.h"

namespace tlsc::ftps {
namespace {

TEST(FileStoreNames, PlainAndSubFolderPaths) {
  EXPECT_EQ(FileStore::name_of("a.bin"), "a.bin");
  EXPECT_EQ(FileStore::name_of("/a.bin"), "a.bin");
  EXPECT_EQ(FileStore::name_of("./a.bin"), "a.bin");
  EXPECT_EQ(FileStore::name_of("pub/up.bin"), "pub/up.bin");
  EXPECT_EQ(FileStore::name_of("/pub/in/up.bin"), "pub/in/up.bin");
}

TEST(FileStoreNames, PathsThatLeaveTheStore) {
  for (const char* p : {"", "/", ".", "..", "../a", "pub/../a", "pub/./a", "pub//a", "pub/", "a/.."})
    EXPECT_EQ(FileStore::name_of(p), "") << p;
  EXPECT_EQ(FileStore::name_of(std::string(2000, 'a')), "");
}

}  // namespace
}  // namespace tlsc::ftps
