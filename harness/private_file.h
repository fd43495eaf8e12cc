// Files holding secrets (NSS key logs, saved TLS sessions, private keys): mode 0600 whatever the
// umask — created that way, and an existing file set to it before anything is written.
#pragma once

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

namespace tlsc::harness {

// Creates or truncates `path` with mode 0600 and writes `data`. False (and `error`, one line
// naming the file) on failure.
bool write_private_file(const std::filesystem::path& path, std::string_view data, std::string* error);

// Opens `path` for appending, creating it with mode 0600 (an existing file is set to 0600 first).
// nullptr on failure (errno set).
std::FILE* open_private_append(const std::filesystem::path& path);

// Creates `path` empty with mode 0600 if it does not exist, else sets it to 0600: a file another
// program will write (an IUT client's saved session) keeps that mode when it is rewritten.
void make_private(const std::filesystem::path& path);

}  // namespace tlsc::harness
