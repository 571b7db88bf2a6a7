// SHA-256 of byte strings and files (OpenSSL's EVP), as lowercase hex, for media hashes and
// the audit chain.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace ts::core {

// Incremental hasher; not copyable, one per thread.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void update(const void* data, size_t size);
    void update(std::string_view s) { update(s.data(), s.size()); }
    std::string hexDigest(); // finishes the hash; call once

    static std::string hex(std::string_view data);
    // Throws ts::core::Error naming the file when it cannot be read.
    static std::string hexOfFile(const std::filesystem::path& file, uint64_t* bytesRead = nullptr);

private:
    struct Impl;
    std::unique_ptr<Impl> d_;
};

} // namespace ts::core
